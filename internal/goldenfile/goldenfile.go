package goldenfile

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Check fails t when the file at path is not got; with update it writes
// got there instead. regen is the command that rewrites the file, named in
// the failure.
func Check(t testing.TB, path, got string, update bool, regen string) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run %s)", err, regen)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s is stale; run %s (-want +got):\n%s", path, regen, diff)
	}
}
