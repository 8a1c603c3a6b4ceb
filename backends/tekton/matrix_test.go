package tekton_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
)

func TestMatrixAndSidecars(t *testing.T) {
	files := emit(t, tektontest.MatrixSidecars())
	_, runAfter, byName := pipelineTasks(byPath(t, files, "svc/pipeline.yaml"))
	it := byName["test-integration"]
	if diff := cmp.Diff([]string{"clone", "test-lint"}, runAfter["test-integration"]); diff != "" {
		t.Errorf("runAfter (-want +got):\n%s", diff)
	}
	wantMatrix := []any{
		map[string]any{"name": "go", "value": []any{"1.25", "1.26"}},
		map[string]any{"name": "db", "value": []any{"postgres:16", "postgres:17"}},
	}
	if diff := cmp.Diff(wantMatrix, list(it, "matrix", "params")); diff != "" {
		t.Errorf("matrix (-want +got):\n%s", diff)
	}
	if got := str(it, "timeout"); got != "20m" {
		t.Errorf("timeout = %q", got)
	}

	task := byPath(t, files, "tasks/test-integration.yaml")
	st := list(task, "spec", "steps")[0]
	if got := str(st, "image"); got != "golang:$(params.go)" {
		t.Errorf("image = %q", got)
	}
	if got := str(st, "workingDir"); got != "$(workspaces.source.path)/src/backend" {
		t.Errorf("workingDir = %q", got)
	}
	env := map[string]any{}
	for _, e := range list(st, "env") {
		env[str(e, "name")] = e
	}
	wantEnv := map[string]string{
		"DB_IMAGE":            "$(params.db)",
		"COMMIT":              "$(params.git-sha)",
		"PIPEC_MATRIX_DB":     "$(params.db)",
		"PIPEC_GIT_SHORT_SHA": "$(params.git-short-sha)",
	}
	for k, v := range wantEnv {
		if got := str(env[k], "value"); got != v {
			t.Errorf("env %s = %q, want %q", k, got, v)
		}
	}
	if got := get(env["PGPASSWORD"], "valueFrom", "secretKeyRef"); !cmp.Equal(got, map[string]any{"name": "ci-db", "key": "password"}) {
		t.Errorf("PGPASSWORD valueFrom = %v", got)
	}
	script := str(st, "script")
	if !strings.Contains(script, `echo tested $(go version) on "${PIPEC_MATRIX_DB}" at "${PIPEC_GIT_SHORT_SHA}"`) {
		t.Errorf("script does not read runtime values from env:\n%s", script)
	}

	sc := list(task, "spec", "sidecars")
	if len(sc) != 1 {
		t.Fatalf("sidecars = %v", sc)
	}
	if got := str(sc[0], "image"); got != "postgres:17" {
		t.Errorf("sidecar image = %q", got)
	}
	if diff := cmp.Diff(map[string]any{"port": float64(5432)}, get(sc[0], "readinessProbe", "tcpSocket")); diff != "" {
		t.Errorf("readiness probe (-want +got):\n%s", diff)
	}
	if got := get(sc[0], "securityContext", "runAsNonRoot"); got != true {
		t.Errorf("sidecar runAsNonRoot = %v", got)
	}

	var params []string
	for _, p := range list(task, "spec", "params") {
		params = append(params, str(p, "name"))
	}
	if diff := cmp.Diff([]string{"go", "db", "git-sha", "git-short-sha"}, params); diff != "" {
		t.Errorf("task params (-want +got):\n%s", diff)
	}
}

// A test pod maps each service name to 127.0.0.1, so "postgres:5432"
// reaches the sidecar as it reaches GitHub's service container; every run
// of the push and pull-request Pipelines (manual template and triggers)
// carries it.
func TestServiceHostAliases(t *testing.T) {
	files := emit(t, tektontest.MatrixSidecars())
	want := []any{map[string]any{"ip": "127.0.0.1", "hostnames": []any{"postgres"}}}
	for _, path := range []string{"svc/pipelinerun.yaml", "triggers/triggertemplate-push.yaml", "triggers/triggertemplate-pull-request.yaml"} {
		d := byPath(t, files, path)
		spec := get(d, "spec")
		if str(d, "kind") == "TriggerTemplate" {
			spec = get(list(d, "spec", "resourcetemplates")[0], "spec")
		}
		var got any
		for _, rs := range list(spec, "taskRunSpecs") {
			if str(rs, "pipelineTaskName") == "test-integration" {
				got = get(rs, "podTemplate", "hostAliases")
			}
			if str(rs, "pipelineTaskName") == "test-lint" {
				t.Errorf("%s: test-lint has no services but gets a taskRunSpec", path)
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: test-integration hostAliases (-want +got):\n%s", path, diff)
		}
	}
}
