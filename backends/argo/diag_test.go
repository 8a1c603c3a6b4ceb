package argo_test

import (
	"sigs.k8s.io/yaml"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/argo"
	"github.com/pipec-dev/pipec/backends/argo/argotest"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/compiler/ir/irtest"
)

// diag is what a test asserts about a diagnostic: severity, summary and
// the spec line it points at.
type diag struct {
	Error   bool
	Summary string
	Line    int
}

func summarize(ds hcl.Diagnostics) []diag {
	var out []diag
	for _, d := range ds {
		line := 0
		if d.Subject != nil {
			line = d.Subject.Start.Line
		}
		out = append(out, diag{Error: d.Severity == hcl.DiagError, Summary: d.Summary, Line: line})
	}
	return out
}

func TestDiagnostics(t *testing.T) {
	n := func(i int) *int { return &i }
	tests := []struct {
		name   string
		mutate func(p *ir.Program)
		want   []diag
	}{
		{"no gitops block", func(p *ir.Program) { p.GitOps = nil },
			[]diag{{true, "Environments need a gitops block", 40}}},
		{"gitops path leaves the repository", func(p *ir.Program) { p.GitOps.Path = "../elsewhere" },
			[]diag{{true, "GitOps path leaves the repository", 4}}},
		// Without traffic routing (lowering sets it only when an Ingress
		// exists) canary_scale steps hold the current weight.
		{"canary_scale without traffic routing", func(p *ir.Program) {
			p.Environments[1].Canary.Steps[2] = &ir.CanaryStep{CanaryScale: n(50), Range: argotest.At(56)}
		}, nil},
		{"canary_scale with the environment's host", func(p *ir.Program) {
			p.Environments[1].Canary.Steps[2] = &ir.CanaryStep{CanaryScale: n(50), Range: argotest.At(56)}
			p.Environments[1].Host = "pay.example.com"
		}, nil},
		{"traffic routing without an Ingress", func(p *ir.Program) { p.Environments[1].Canary.TrafficRouting = "alb" },
			[]diag{{true, "Traffic routing has no Ingress", 53}}},
		{"unsupported traffic routing", func(p *ir.Program) {
			p.Environments[1].Canary.TrafficRouting = "istio"
			p.Workloads[0].Host = "pay.example.com"
		}, []diag{{true, "Unsupported traffic routing", 53}}},
		{"two environments in one namespace", func(p *ir.Program) { p.Environments[0].Namespace = "production" },
			[]diag{{true, "Two environments deploy to one namespace", 50}}},
		{"same namespace on two clusters", func(p *ir.Program) {
			p.Environments[0].Namespace, p.Environments[0].Cluster = "production", "https://staging.example.com"
		}, nil},
		{"step with two actions", func(p *ir.Program) {
			p.Environments[1].Canary.Steps[0].Pause = &ir.Pause{Manual: true}
		}, []diag{{true, "Step must set exactly one action", 54}}},
		{"host without port", func(p *ir.Program) {
			p.Workloads[0].Port, p.Workloads[0].Health, p.Workloads[0].Host = 0, "", "x.example.com"
			p.Environments[0].BlueGreen = nil
		}, []diag{{true, "Ingress host needs a port", 10}}},
		{"health without port and blue-green", func(p *ir.Program) { p.Workloads[0].Port = 0 },
			[]diag{{true, "Health check needs a port", 10}, {true, "Blue-green needs a Service", 41}}},
		{"host override gives the one workload with a port an Ingress", func(p *ir.Program) { p.Environments[1].Host = "pay.example.com" }, nil},
		{"host override without a Service", func(p *ir.Program) {
			p.Workloads[0].Port, p.Workloads[0].Health = 0, ""
			p.Environments[0].BlueGreen = nil
			p.Environments[1].Host = "pay.example.com"
		}, []diag{{true, "Host override without a Service", 50}}},
		{"host override of two workloads with ports", func(p *ir.Program) {
			p.Environments[1].Host = "pay.example.com"
			w := *p.Workloads[0]
			w.Name = "admin"
			p.Workloads = append(p.Workloads, &w)
		}, []diag{{true, "Host override is ambiguous", 50}}},
		{"host override of two ingresses", func(p *ir.Program) {
			p.Environments[1].Host = "pay.example.com"
			w := *p.Workloads[0]
			w.Name, w.Host = "admin", "admin.example.com"
			p.Workloads[0].Host = "api.example.com"
			p.Workloads = append(p.Workloads, &w)
		}, []diag{{true, "Host override is ambiguous", 50}}},
		{"runtime value in env", func(p *ir.Program) {
			p.Environments[1].Env = append(p.Environments[1].Env, ir.EnvVar{
				Name: "VERSION", Value: ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.GitSHA}}}}, Range: argotest.At(61),
			})
		}, []diag{{true, "Runtime value in a deployed environment variable", 61}}},
		{"analysis arg without default", func(p *ir.Program) {
			p.Analyses[1].Args = append(p.Analyses[1].Args, ir.AnalysisArg{Name: "service"})
		}, []diag{{true, "Analysis arg has no value", 30}}},
		{"count without interval", func(p *ir.Program) { p.Analyses[1].Metrics[0].Interval = 0 },
			[]diag{{true, "Metric count needs an interval", 31}}},
		{"limits above count", func(p *ir.Program) {
			m := p.Analyses[1].Metrics[0]
			m.FailureLimit, m.InconclusiveLimit = n(5), n(9)
		}, []diag{{true, "Failure limit exceeds count", 31}, {true, "Inconclusive limit exceeds count", 31}}},
		{"missing analysis", func(p *ir.Program) {
			p.Environments[1].Canary.Steps[3].Analysis = []string{"nope"}
		}, []diag{{true, "Analysis not found", 57}}},
		{"metric names collide in one run", func(p *ir.Program) {
			p.Analyses[0].Metrics[0].Name = "p99"
			p.Environments[1].Canary.Steps[3].Analysis = []string{"latency", "errors"}
		}, []diag{{true, "Metric name used twice in one analysis run", 57}, {false, "Metric has no count", 21}}},
		{"background starts after the last step", func(p *ir.Program) {
			p.Environments[1].Canary.Background.StartStep = n(6)
		}, []diag{{true, "Background analysis starts after the last step", 60}}},
		{"indefinite metric in a step is measured once", func(p *ir.Program) {
			p.Analyses[1].Metrics[0].Count = 0
			p.Analyses[1].Metrics[0].InconclusiveLimit = nil
		}, []diag{{false, "Metric has no count", 31}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := argotest.CanaryBackground()
			tt.mutate(p)
			files, diags := argo.New().Emit(p, ir.Options{Source: "pipec.hcl"})
			if diff := cmp.Diff(tt.want, summarize(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			for _, d := range diags {
				if d.Detail == "" || d.Subject == nil {
					t.Errorf("%q: a diagnostic needs a detail proposing a fix and a subject", d.Summary)
				}
			}
			if diags.HasErrors() && files != nil {
				t.Errorf("%d files returned with errors", len(files))
			}
			if !diags.HasErrors() && len(files) == 0 {
				t.Error("no files without errors")
			}
		})
	}
}

func TestIndefiniteMetricGetsCountOne(t *testing.T) {
	p := argotest.CanaryBackground()
	p.Analyses[1].Metrics[0].Count, p.Analyses[1].Metrics[0].InconclusiveLimit = 0, nil
	files, _ := argo.New().Emit(p, ir.Options{Source: "pipec.hcl"})
	for _, f := range files {
		if strings.HasSuffix(f.Path, "/analysistemplate-latency.yaml") {
			var tmpl struct {
				Spec struct {
					Metrics []struct {
						Count int `json:"count"`
					} `json:"metrics"`
				} `json:"spec"`
			}
			if err := yaml.Unmarshal(f.Data, &tmpl); err != nil {
				t.Fatal(err)
			}
			if len(tmpl.Spec.Metrics) == 0 || tmpl.Spec.Metrics[0].Count != 1 {
				t.Errorf("latency template has no count 1:\n%s", f.Data)
			}
			return
		}
	}
	t.Fatal("no latency template")
}

func TestGitOpsDetailProposesABlock(t *testing.T) {
	p := irtest.Seed()
	p.GitOps = nil
	_, diags := argo.New().Emit(p, ir.Options{})
	if len(diags) != 1 || !strings.Contains(diags[0].Detail, "gitops {") {
		t.Fatalf("want one diagnostic proposing a gitops block, got %v", diags)
	}
}

// TestNilSafety feeds partial programs; Emit must not panic, and must
// write nothing when there is nothing to deploy.
func TestNilSafety(t *testing.T) {
	seedNoPipeline := irtest.Seed()
	seedNoPipeline.Pipeline = nil
	sparse := irtest.Seed()
	sparse.Workloads = append(sparse.Workloads, nil)
	sparse.Analyses = append(sparse.Analyses, nil)
	sparse.Environments = append([]*ir.Environment{nil}, sparse.Environments...)
	sparse.Environments[2].Canary.Steps = append(sparse.Environments[2].Canary.Steps, nil)
	noWorkloads := irtest.Seed()
	noWorkloads.Workloads = nil
	noProvider := irtest.Seed()
	noProvider.Analyses[0].Metrics[0].Provider = ir.Provider{}
	tests := []struct {
		name      string
		p         *ir.Program
		wantFiles bool
		wantError string
	}{
		{"nil program", nil, false, ""},
		{"no environments", &ir.Program{}, false, ""},
		{"only nil environments", &ir.Program{Environments: []*ir.Environment{nil}}, false, ""},
		{"no pipeline", seedNoPipeline, false, "No pipeline block"},
		{"nil entries", sparse, true, ""},
		{"no workloads", noWorkloads, true, ""},
		{"metric without provider", noProvider, false, "Metric has no provider"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, diags := argo.New().Emit(tt.p, ir.Options{Source: "x"})
			if got := len(files) > 0; got != tt.wantFiles {
				t.Errorf("files: got %d, want some = %v", len(files), tt.wantFiles)
			}
			got := ""
			if diags.HasErrors() {
				got = diags[0].Summary
			}
			if got != tt.wantError {
				t.Errorf("error %q, want %q (all: %v)", got, tt.wantError, diags)
			}
		})
	}
}

func TestName(t *testing.T) {
	if got := argo.New().Name(); got != "argo" {
		t.Errorf("Name() = %q", got)
	}
}
