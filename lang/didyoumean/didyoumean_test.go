package didyoumean

import "testing"

func TestSuggest(t *testing.T) {
	cands := []string{"namespace", "replicas", "approval", "after"}
	for _, tc := range []struct{ given, want string }{
		{"namspace", "namespace"},
		{"replica", "replicas"},
		{"Approval", "approval"},
		{"aftr", "after"},
		{"zzzzzz", ""},
		{"approvals_required", "approval"},
		{"ns", ""},
		{"severities", ""},
		{"", ""},
	} {
		if got := Suggest(tc.given, cands); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.given, got, tc.want)
		}
	}
}

func TestSuggestStems(t *testing.T) {
	for given, want := range map[string]string{
		"severities":        "severity",
		"working_directory": "working_dir",
		"scan":              "scanner",
		"xyz":               "",
	} {
		if got := Suggest(given, []string{"severity", "working_dir", "scanner", "enabled"}); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", given, got, want)
		}
	}
}
