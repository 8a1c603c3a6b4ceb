package textdiff

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUnified(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"equal", "x\n", "x\n", ""},
		{"change", "a\nb\nc\n", "a\nB\nc\n", "--- a\n+++ b\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"},
		{"add", "", "x\n", "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n"},
		{"remove", "x\ny\n", "x\n", "--- a\n+++ b\n@@ -1,2 +1 @@\n x\n-y\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Unified("a", "b", tc.a, tc.b)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// Applying LineEdits to a gives b, touching only changed lines.
func TestLineEdits(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"x\ny\nz\n", "x\nY\nz\n"},
		{"a\n", ""},
		{"", "a\nb\n"},
		{"a\nb\nc\nd\n", "a\nc\nd\ne\n"},
		{"no newline", "no newline\n"},
		{"p {\n  a=1\n    b = 2\n}\n", "p {\n  a = 1\n  b = 2\n}\n"},
	} {
		edits := LineEdits(tc.a, tc.b)
		got := tc.a
		for i := len(edits) - 1; i >= 0; i-- {
			e := edits[i]
			got = got[:e.Start] + e.Text + got[e.End:]
		}
		if got != tc.b {
			t.Errorf("LineEdits(%q, %q) applied = %q", tc.a, tc.b, got)
		}
	}
	if n := len(LineEdits("a\nb\nc\nd\ne\n", "a\nb\nC\nd\ne\n")); n != 1 {
		t.Errorf("one changed line gave %d edits", n)
	}
}
