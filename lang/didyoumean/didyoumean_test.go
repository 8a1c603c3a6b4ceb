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
		{"", ""},
	} {
		if got := Suggest(tc.given, cands); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.given, got, tc.want)
		}
	}
}
