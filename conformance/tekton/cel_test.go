package tekton

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
	"github.com/pipec-dev/pipec/compiler/ir"
	tv1b1 "github.com/tektoncd/triggers/pkg/apis/triggers/v1beta1"
	"github.com/tektoncd/triggers/pkg/interceptors/cel"
)

// filters returns the CEL filter of each EventListener trigger by name.
func filters(t *testing.T, p *ir.Program) map[string]string {
	t.Helper()
	files, diags := tekton.New().Emit(p, ir.Options{Source: "pipec.hcl"})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	out := map[string]string{}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, "triggers/eventlistener.yaml") {
			continue
		}
		var el tv1b1.EventListener
		if err := strictDecode(f.Data, &el); err != nil {
			t.Fatal(err)
		}
		for _, tr := range el.Spec.Triggers {
			for _, ic := range tr.Interceptors {
				if ic.Ref.Name != "cel" {
					continue
				}
				for _, prm := range ic.Params {
					if prm.Name == "filter" {
						var f string
						if err := json.Unmarshal(prm.Value.Raw, &f); err != nil {
							t.Fatalf("filter of %s: %v", tr.Name, err)
						}
						out[tr.Name] = f
					}
				}
			}
		}
	}
	return out
}

// TestCELFilters runs the generated filters in Triggers' own CEL
// interceptor against webhook payloads.
func TestCELFilters(t *testing.T) {
	tests := []struct {
		name    string
		program *ir.Program
		trigger string
		body    string
		want    bool
	}{
		{"push main", tektontest.Seed(), "push", `{"ref":"refs/heads/main","deleted":false,"head_commit":{"message":"x"}}`, true},
		{"push feature", tektontest.Seed(), "push", `{"ref":"refs/heads/feature","deleted":false}`, false},
		{"push tag", tektontest.Seed(), "push", `{"ref":"refs/tags/v1.2.0","deleted":false}`, true},
		{"tag outside glob", tektontest.Seed(), "push", `{"ref":"refs/tags/x1","deleted":false}`, false},
		{"branch deleted", tektontest.Seed(), "push", `{"ref":"refs/heads/main","deleted":true}`, false},
		{"pr opened", tektontest.Seed(), "pull-request", `{"action":"opened","repository":{"full_name":"myorg/my-app"},"pull_request":{"head":{"repo":{"full_name":"myorg/my-app"}},"base":{"ref":"main"}}}`, true},
		{"pr from a fork", tektontest.Seed(), "pull-request", `{"action":"opened","repository":{"full_name":"myorg/my-app"},"pull_request":{"head":{"repo":{"full_name":"mallory/my-app"}},"base":{"ref":"main"}}}`, false},
		{"pr from a deleted fork", tektontest.Seed(), "pull-request", `{"action":"synchronize","repository":{"full_name":"myorg/my-app"},"pull_request":{"head":{"repo":null},"base":{"ref":"main"}}}`, false},
		{"pr closed", tektontest.Seed(), "pull-request", `{"action":"closed","repository":{"full_name":"myorg/my-app"},"pull_request":{"head":{"repo":{"full_name":"myorg/my-app"}},"base":{"ref":"main"}}}`, false},
		{"pr to other base", tektontest.Seed(), "pull-request", `{"action":"synchronize","repository":{"full_name":"myorg/my-app"},"pull_request":{"head":{"repo":{"full_name":"myorg/my-app"}},"base":{"ref":"dev"}}}`, false},
		{"release/** glob", tektontest.MatrixSidecars(), "push", `{"ref":"refs/heads/release/2026/q3","deleted":false,"commits":[{"added":[],"modified":["src/a.go"],"removed":[]}]}`, true},
		{"paths miss", tektontest.MatrixSidecars(), "push", `{"ref":"refs/heads/main","deleted":false,"commits":[{"added":["README.md"],"modified":[],"removed":[]}]}`, false},
		{"paths go.mod", tektontest.MatrixSidecars(), "push", `{"ref":"refs/heads/main","deleted":false,"commits":[{"added":[],"modified":["go.mod"],"removed":[]}]}`, true},
		{"same repo deploy commit", tektontest.MultiImage(), "push", `{"ref":"refs/heads/main","deleted":false,"head_commit":{"message":"pipec: deploy staging from abc [skip ci]"}}`, false},
		{"same repo user commit", tektontest.MultiImage(), "push", `{"ref":"refs/heads/main","deleted":false,"head_commit":{"message":"fix"}}`, true},
		{"same repo tag push", tektontest.MultiImage(), "push", `{"ref":"refs/tags/v2","deleted":false,"head_commit":null}`, true},
		{"class and repeat", classGlobs(), "push", `{"ref":"refs/heads/rel-2026","deleted":false}`, true},
		{"class rejects letters", classGlobs(), "push", `{"ref":"refs/heads/rel-x","deleted":false}`, false},
		{"star stops at slash", classGlobs(), "push", `{"ref":"refs/heads/hotfix/a/b","deleted":false}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := filters(t, tt.program)[tt.trigger]
			if !ok {
				t.Fatalf("no %s trigger", tt.trigger)
			}
			res := cel.NewInterceptor(nil).Process(context.Background(), &tv1b1.InterceptorRequest{
				Body:              tt.body,
				InterceptorParams: map[string]any{"filter": f},
				Context:           &tv1b1.TriggerContext{TriggerID: "namespaces/ci/triggers/x"},
			})
			if res.Continue != tt.want {
				t.Errorf("filter %s on %s: continue=%v (%s), want %v", f, tt.body, res.Continue, res.Status.Message, tt.want)
			}
		})
	}
}

// classGlobs pushes on GitHub patterns with a class, a repeat and a
// single-segment star.
func classGlobs() *ir.Program {
	p := tektontest.Seed()
	p.Pipeline.On.Push = []string{"rel-[0-9]+", "hotfix/*"}
	for _, env := range p.Environments {
		env.Branches = []string{"hotfix/*"}
	}
	return p
}
