package tekton_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
)

func TestManualEnvironmentsNeverInPushPipeline(t *testing.T) {
	files := emit(t, tektontest.ManualGate())
	names, _, byName := pipelineTasks(byPath(t, files, "bank/pipeline.yaml"))
	for _, n := range names {
		for _, env := range []string{"staging", "qa", "prod"} {
			if strings.HasSuffix(n, "-"+env) || strings.Contains(n, "-"+env+"-") {
				t.Errorf("push pipeline has task %s of gated environment %s", n, env)
			}
		}
	}
	if byName["deploy-dev"] == nil {
		t.Error("push pipeline does not deploy dev")
	}
	// The seed: production is manual.
	seed, _, _ := pipelineTasks(byPath(t, emit(t, tektontest.Seed()), "my-app/pipeline.yaml"))
	for _, n := range seed {
		if strings.Contains(n, "production") {
			t.Errorf("seed push pipeline has %s", n)
		}
	}
}

func TestPromotionPipelines(t *testing.T) {
	files := emit(t, tektontest.ManualGate())
	tests := []struct {
		dir   string
		tasks []string
	}{
		// staging's promotion carries on into qa (automatic, soaked on
		// staging) and stops before prod, which has its own gate.
		{"promote-staging", []string{"clone", "deploy-staging", "wait-staging", "soak-qa", "deploy-qa", "wait-qa", "e2e-qa-smoke"}},
		{"promote-prod", []string{"clone", "deploy-prod", "wait-prod"}},
	}
	for _, tt := range tests {
		pl := byPath(t, files, tt.dir+"/pipeline.yaml")
		names, runAfter, byName := pipelineTasks(pl)
		if diff := cmp.Diff(tt.tasks, names); diff != "" {
			t.Errorf("%s tasks (-want +got):\n%s", tt.dir, diff)
		}
		for i := 1; i < len(names); i++ {
			if !reaches(runAfter, names[i-1], names[i]) {
				t.Errorf("%s: %s does not run after %s", tt.dir, names[i], names[i-1])
			}
		}
		var params []string
		for _, p := range list(pl, "spec", "params") {
			params = append(params, str(p, "name"))
		}
		if !contains(params, "web-digest") {
			t.Errorf("%s: params %v lack web-digest", tt.dir, params)
		}
		for _, n := range names {
			if get(byName[n], "when") != nil {
				t.Errorf("%s: %s has a when expression; a promotion is the person's decision", tt.dir, n)
			}
		}
		if !hasPath(files, tt.dir+"/pipelinerun.yaml") {
			t.Errorf("no %s/pipelinerun.yaml", tt.dir)
		}
	}
	// The digest the person passes is the one deployed.
	_, _, byName := pipelineTasks(byPath(t, files, "promote-prod/pipeline.yaml"))
	var got string
	for _, p := range list(byName["deploy-prod"], "params") {
		if str(p, "name") == "image-web-digest" {
			got = str(p, "value")
		}
	}
	if got != "$(params.web-digest)" {
		t.Errorf("deploy-prod digest = %q", got)
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
