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

// whenOf returns each push Pipeline task's when expressions as
// "input operator values" strings.
func whenOf(t *testing.T, files []ir.File, suffix string) map[string]string {
	t.Helper()
	_, _, byName := pipelineTasks(byPath(t, files, suffix))
	out := map[string]string{}
	for n, pt := range byName {
		var parts []string
		for _, w := range list(pt, "when") {
			var vals []string
			for _, v := range list(w, "values") {
				vals = append(vals, v.(string))
			}
			parts = append(parts, str(w, "input")+" "+str(w, "operator")+" "+strings.Join(vals, ","))
		}
		out[n] = strings.Join(parts, "; ")
	}
	return out
}

func TestBranchWhen(t *testing.T) {
	files := emit(t, tektontest.GlobsSoak())
	got := whenOf(t, files, "bank-globs/pipeline.yaml")
	match := func(env string) string {
		return "$(tasks.branch-match.results.deploy-" + env + ") in true"
	}
	// Each environment also carries its predecessors' guards.
	staging := match("dev") + "; " + match("staging")
	qa := staging + "; " + match("qa")
	want := map[string]string{
		"deploy-dev": match("dev"), "wait-dev": match("dev"),
		"soak-staging": staging, "deploy-staging": staging, "wait-staging": staging,
		"soak-qa": qa, "deploy-qa": qa, "wait-qa": qa, "e2e-qa-smoke": qa,
	}
	for n, w := range want {
		if got[n] != w {
			t.Errorf("%s: when = %q, want %q", n, got[n], w)
		}
	}
	if _, ok := got["branch-match"]; !ok {
		t.Error("no branch-match task")
	}

	// Literal branch names keep the exact comparison and need no extra task.
	lit := whenOf(t, emit(t, tektontest.ManualGate()), "bank/pipeline.yaml")
	if w := lit["deploy-dev"]; w != "$(tasks.clone.results.branch) in main" {
		t.Errorf("literal branches: deploy-dev when = %q", w)
	}
	if _, ok := lit["branch-match"]; ok {
		t.Error("branch-match task without any glob")
	}
}

// A skipped predecessor skips its successors: Tekton runs the dependents
// of a task skipped by its when, so qa's own guard alone would deploy a
// digest to qa that dev (whose branches differ) never ran.
func TestPredecessorWhen(t *testing.T) {
	p := tektontest.ManualGate()
	dev, qa := p.Environments[0], p.Environments[2]
	qa.After, qa.Manual, qa.Branches = "dev", false, []string{"release"}
	p.Environments = []*ir.Environment{dev, qa}
	got := whenOf(t, emit(t, p), "bank/pipeline.yaml")
	both := "$(tasks.clone.results.branch) in main; $(tasks.clone.results.branch) in release"
	want := map[string]string{
		"deploy-dev": "$(tasks.clone.results.branch) in main",
		"soak-qa":    both, "deploy-qa": both, "wait-qa": both, "e2e-qa-smoke": both,
	}
	for n, w := range want {
		if got[n] != w {
			t.Errorf("%s: when = %q, want %q", n, got[n], w)
		}
	}
	// Equal guards are not repeated.
	qa.Branches = []string{"main"}
	if w := whenOf(t, emit(t, p), "bank/pipeline.yaml")["deploy-qa"]; w != "$(tasks.clone.results.branch) in main" {
		t.Errorf("same branches: deploy-qa when = %q", w)
	}
}

// TestBranchMatchScript runs the generated branch-match step with sh and
// grep, as the step's container would, for pushed branch names.
func TestBranchMatchScript(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	if _, err := exec.LookPath("grep"); err != nil {
		t.Skip("no grep")
	}
	task := byPath(t, emit(t, tektontest.GlobsSoak()), "tasks/branch-match.yaml")
	st := list(task, "spec", "steps")[0]
	script := str(st, "script")
	tests := []struct {
		branch string
		want   map[string]string // result name -> content
	}{
		{"main", map[string]string{"deploy-dev": "true", "deploy-staging": "false", "deploy-qa": "false"}},
		{"release/1.2", map[string]string{"deploy-dev": "true", "deploy-staging": "true", "deploy-qa": "true"}},
		// * stops at '/', ** does not.
		{"release/2026/q3", map[string]string{"deploy-dev": "false", "deploy-staging": "false", "deploy-qa": "true"}},
		// "!" excludes.
		{"release/2.0-rc1", map[string]string{"deploy-dev": "true", "deploy-staging": "true", "deploy-qa": "false"}},
		{"feature/main", map[string]string{"deploy-dev": "false", "deploy-staging": "false", "deploy-qa": "false"}},
		{"mainline", map[string]string{"deploy-dev": "false", "deploy-staging": "false", "deploy-qa": "false"}},
		// Tag events carry no branch and deploy nowhere.
		{"", map[string]string{"deploy-dev": "false", "deploy-staging": "false", "deploy-qa": "false"}},
		// A hostile branch name is data, never code.
		{"$(touch pwned)`touch pwned`", map[string]string{"deploy-dev": "false", "deploy-staging": "false", "deploy-qa": "false"}},
	}
	for _, tt := range tests {
		t.Run(tt.branch, func(t *testing.T) {
			dir := t.TempDir()
			env := []string{"PATH=" + os.Getenv("PATH")}
			for _, e := range list(st, "env") {
				v := str(e, "value")
				if v == "$(params.branch)" {
					v = tt.branch
				}
				if r, ok := strings.CutPrefix(v, "$(results."); ok {
					v = filepath.Join(dir, strings.TrimSuffix(r, ".path)"))
				}
				env = append(env, str(e, "name")+"="+v)
			}
			cmd := exec.Command("sh", "-c", script)
			cmd.Env, cmd.Dir = env, dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			got := map[string]string{}
			for name := range tt.want {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				got[name] = string(b)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("results (-want +got):\n%s", diff)
			}
			if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
				t.Error("the branch name was executed")
			}
		})
	}
}
