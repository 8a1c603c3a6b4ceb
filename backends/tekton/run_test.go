package tekton_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// A run list is one shell script: the Task has a single step whose
// script holds the entries in order after "set -e".
func TestRunListIsOneScript(t *testing.T) {
	p := tektontest.CIOnly()
	p.Tests[0].Run = []ir.Value{ir.Lit("cd web"), ir.Lit("export X=1"), ir.Lit("npm ci")}
	steps := list(byPath(t, emit(t, p), "tasks/test-unit.yaml"), "spec", "steps")
	if len(steps) != 1 {
		t.Fatalf("%d steps, want 1", len(steps))
	}
	want := "#!/bin/sh\nset -e\ncd web\nexport X=1\nnpm ci\n"
	if diff := cmp.Diff(want, str(steps[0], "script")); diff != "" {
		t.Errorf("script (-want +got):\n%s", diff)
	}
}

// TestRunListShellSemantics runs the generated script with sh, as the
// step's container does: the working directory and exported variables
// carry over between entries, a multi-line entry is lines of the same
// script, and the first failing entry stops the run.
func TestRunListShellSemantics(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	p := tektontest.CIOnly()
	p.Tests[0].Run = []ir.Value{
		ir.Lit("mkdir -p web && cd web"),
		ir.Lit("export X=1"),
		ir.Lit("Y=2\necho \"$X$Y\" > ../seen"),
		ir.Lit("pwd > ../where"),
		ir.Lit("false"),
		ir.Lit("touch ../after-failure"),
	}
	script := str(list(byPath(t, emit(t, p), "tasks/test-unit.yaml"), "spec", "steps")[0], "script")
	dir := t.TempDir()
	path := filepath.Join(dir, "script")
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Fatalf("script succeeded despite a failing entry:\n%s", out)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(b))
	}
	if got := read("seen"); got != "12" {
		t.Errorf("variables did not carry over: %q", got)
	}
	if got := read("where"); filepath.Base(got) != "web" {
		t.Errorf("cd did not carry over: %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "after-failure")); err == nil {
		t.Error("an entry after the failing one ran")
	}
}

// A runtime value in a run line is quoted where it stands, as the GitHub
// Actions backend does, so a value with spaces or glob characters stays
// one word with its text unchanged.
func TestRunLineQuoting(t *testing.T) {
	branch := ir.Part{Ref: &ir.Ref{Kind: ir.GitBranch}}
	tests := []struct {
		name string
		line ir.Value
		want string
	}{
		{"bare", ir.Value{Parts: []ir.Part{{Lit: "printf '[%s]' branch="}, branch}}, `printf '[%s]' branch="${PIPEC_GIT_BRANCH}"`},
		{"in double quotes", ir.Value{Parts: []ir.Part{{Lit: `printf '[%s]' "branch: `}, branch, {Lit: `"`}}}, `printf '[%s]' "branch: ${PIPEC_GIT_BRANCH}"`},
		{"in single quotes", ir.Value{Parts: []ir.Part{{Lit: `printf '[%s]' 'branch: `}, branch, {Lit: `'`}}}, `printf '[%s]' 'branch: '"${PIPEC_GIT_BRANCH}"''`},
		{"after an escaped quote", ir.Value{Parts: []ir.Part{{Lit: `printf '[%s]' \"`}, branch}}, `printf '[%s]' \""${PIPEC_GIT_BRANCH}"`},
	}
	outputs := map[string]string{
		"bare": "[branch=a  b *]", "in double quotes": "[branch: a  b *]", "in single quotes": "[branch: a  b *]", "after an escaped quote": `["a  b *]`,
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tektontest.CIOnly()
			p.Tests[0].Run = []ir.Value{tt.line}
			st := list(byPath(t, emit(t, p), "tasks/test-unit.yaml"), "spec", "steps")[0]
			script := str(st, "script")
			if diff := cmp.Diff("#!/bin/sh\nset -e\n"+tt.want+"\n", script); diff != "" {
				t.Fatalf("script (-want +got):\n%s", diff)
			}
			if _, err := exec.LookPath("sh"); err != nil {
				return
			}
			dir := t.TempDir()
			cmd := exec.Command("sh", "-c", script)
			cmd.Dir = dir
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "PIPEC_GIT_BRANCH=a  b *"}
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if got := string(out); got != outputs[tt.name] {
				t.Errorf("printed %q, want %q", got, outputs[tt.name])
			}
		})
	}
}
