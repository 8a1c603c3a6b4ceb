package tekton

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestGlobRegex checks GitHub's filter pattern rules on the regular
// expressions the triggers (RE2) and the branch-match step (ERE) use.
func TestGlobRegex(t *testing.T) {
	tests := []struct {
		glob string
		in   map[string]bool
	}{
		{"*", map[string]bool{"main": true, "feature/x": false, "": true}},
		{"**", map[string]bool{"main": true, "feature/x/y": true}},
		{"release/*", map[string]bool{"release/1.2": true, "release/1/2": false, "release/": true, "releases/1": false}},
		{"release/**", map[string]bool{"release/1/2": true, "release/1.2": true, "release": false}},
		{"v1.*", map[string]bool{"v1.2": true, "v1x2": false}},
		{"v?1", map[string]bool{"1": true, "v1": true, "vv1": false}},
		{"ma+in", map[string]bool{"maain": true, "main": true, "min": false}},
		{"rel-[0-9]", map[string]bool{"rel-7": true, "rel-x": false}},
		{"[a-z-]", map[string]bool{"[a-z-]": true, "a": false}},
		{"?x", map[string]bool{"?x": true, "x": false}},
		{"a(b)|c$", map[string]bool{"a(b)|c$": true, "ab": false}},
	}
	for _, tt := range tests {
		re := regexp.MustCompile("^(" + globRegex(tt.glob) + ")$")
		got := map[string]bool{}
		for s := range tt.in {
			got[s] = re.MatchString(s)
		}
		if diff := cmp.Diff(tt.in, got); diff != "" {
			t.Errorf("%s as %s (-want +got):\n%s", tt.glob, re, diff)
		}
	}
}
