package tekton_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
)

func TestPushPipelineOrder(t *testing.T) {
	files := emit(t, tektontest.Seed())
	names, runAfter, _ := pipelineTasks(byPath(t, files, "my-app/pipeline.yaml"))
	wantNames := []string{"clone", "test-unit", "build-app", "scan-app", "push-app", "deploy-staging", "wait-staging", "e2e-staging-smoke"}
	if diff := cmp.Diff(wantNames, names); diff != "" {
		t.Errorf("tasks (-want +got):\n%s", diff)
	}
	chain := wantNames
	for i := 1; i < len(chain); i++ {
		if diff := cmp.Diff([]string{chain[i-1]}, runAfter[chain[i]]); diff != "" {
			t.Errorf("runAfter of %s (-want +got):\n%s", chain[i], diff)
		}
	}
}

func TestMultiImageDeployWaitsForEveryPush(t *testing.T) {
	files := emit(t, tektontest.MultiImage())
	_, runAfter, _ := pipelineTasks(byPath(t, files, "shop/pipeline.yaml"))
	tests := []struct{ before, after string }{
		{"test-unit", "build-api"}, {"test-unit", "build-worker"},
		{"build-api", "scan-api"}, {"scan-api", "push-api"},
		{"scan-worker", "push-worker"},
		{"push-api", "deploy-staging"}, {"push-worker", "deploy-staging"},
		{"wait-staging", "e2e-staging-api"},
	}
	for _, tt := range tests {
		if !reaches(runAfter, tt.before, tt.after) {
			t.Errorf("%s does not run after %s", tt.after, tt.before)
		}
	}
	if reaches(runAfter, "deploy-staging", "push-api") {
		t.Error("push-api runs after the deploy")
	}
}

func TestPullRequestPipelineNeverPushesOrDeploys(t *testing.T) {
	for _, fx := range tektontest.Fixtures() {
		files := emit(t, fx.Program)
		if !hasPath(files, "/pipeline-pull-request.yaml") {
			continue
		}
		names, _, _ := pipelineTasks(byPath(t, files, "/pipeline-pull-request.yaml"))
		for _, n := range names {
			for _, bad := range []string{"push-", "deploy-", "wait-", "soak-", "e2e-"} {
				if len(n) >= len(bad) && n[:len(bad)] == bad {
					t.Errorf("%s: pull request pipeline has task %s", fx.Name, n)
				}
			}
		}
		if len(names) < 2 {
			t.Errorf("%s: pull request pipeline has only %v", fx.Name, names)
		}
	}
}

func TestCIOnlyHasNoDeployTasks(t *testing.T) {
	files := emit(t, tektontest.CIOnly())
	names, _, _ := pipelineTasks(byPath(t, files, "lib/pipeline.yaml"))
	if diff := cmp.Diff([]string{"clone", "test-unit", "build-lib", "push-lib"}, names); diff != "" {
		t.Errorf("tasks (-want +got):\n%s", diff)
	}
	for _, suffix := range []string{"/pipeline-pull-request.yaml", "tasks/gitops-update.yaml", "tasks/scan-lib.yaml"} {
		if hasPath(files, suffix) {
			t.Errorf("unexpected %s", suffix)
		}
	}
	run := byPath(t, files, "lib/pipelinerun.yaml")
	if got := str(run, "spec", "timeouts", "pipeline"); got != "20m" {
		t.Errorf("timeouts.pipeline = %q, want 20m", got)
	}
}

func TestNoFilesWithoutTektonCI(t *testing.T) {
	p := tektontest.Seed()
	p.Pipeline.CI = []string{"github"}
	files := emit(t, p)
	if len(files) != 0 {
		t.Errorf("got %d files for a github-only pipeline", len(files))
	}
}
