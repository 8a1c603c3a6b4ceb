package tekton_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
	"github.com/pipec-dev/pipec/compiler/ir"
)

func TestDiagnostics(t *testing.T) {
	rng := hcl.Range{Filename: "pipec.hcl", Start: hcl.Pos{Line: 3, Column: 1, Byte: 20}, End: hcl.Pos{Line: 3, Column: 9, Byte: 28}}
	secretRef := func(name string) ir.Value {
		return ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.SecretValue, Name: name}}}}
	}
	tests := []struct {
		name   string
		mutate func(p *ir.Program)
		want   string
	}{
		{"digest in a test", func(p *ir.Program) {
			p.Tests[0].Env = []ir.EnvVar{{Name: "D", Value: ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.ImageDigest, Name: "web", Range: rng}}}}}}
		}, "runtime value not known yet"},
		{"secret in a run line", func(p *ir.Program) {
			p.Tests[0].Run = []ir.Value{secretRef("deploy")}
		}, "secret in a run line"},
		{"tekton variable in a run line", func(p *ir.Program) {
			p.Tests[0].Run = []ir.Value{ir.Lit("echo $(params.x)")}
		}, "Tekton variable in a run line"},
		{"branch glob for an environment", func(p *ir.Program) {
			p.Environments[0].Branches = []string{"release/*"}
		}, "branch pattern not supported by Tekton"},
		{"matrix value outside the matrix", func(p *ir.Program) {
			p.Tests[0].Env = []ir.EnvVar{{Name: "V", Value: ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.MatrixValue, Name: "go"}}}}}}
		}, "matrix value outside a matrix"},
		{"environments without gitops", func(p *ir.Program) { p.GitOps = nil }, "environments without a gitops block"},
		{"matrix too large", func(p *ir.Program) {
			var vals []string
			for i := 0; i < 17; i++ {
				vals = append(vals, strings.Repeat("x", i+1))
			}
			p.Tests[0].Matrix = []ir.MatrixAxis{{Key: "a", Values: vals}, {Key: "b", Values: vals}}
		}, "matrix too large for Tekton"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tektontest.ManualGate()
			p.Tests[0].Range = rng
			p.Environments[0].Range = rng
			tt.mutate(p)
			_, diags := tekton.New().Emit(p, ir.Options{Source: "pipec.hcl"})
			var found *hcl.Diagnostic
			for _, d := range diags {
				if d.Summary == tt.want {
					found = d
				}
			}
			if found == nil {
				t.Fatalf("no %q diagnostic in %v", tt.want, diags)
			}
			if found.Severity != hcl.DiagError || found.Detail == "" || found.Subject == nil || found.Subject.Filename != "pipec.hcl" {
				t.Errorf("diagnostic lacks severity, detail or subject: %+v", found)
			}
		})
	}
}

func TestNilSafety(t *testing.T) {
	progs := []*ir.Program{
		nil,
		{},
		{Pipeline: &ir.Pipeline{Name: "x", CI: []string{"tekton"}}},
		{Pipeline: &ir.Pipeline{Name: "x", CI: []string{"tekton"}}, Environments: []*ir.Environment{{Name: "e", Manual: true}}},
		{Pipeline: &ir.Pipeline{Name: "x", CI: []string{"tekton"}}, Images: []*ir.Image{{Name: "i", Login: &ir.Login{}}}, GitOps: &ir.GitOps{}, Environments: []*ir.Environment{{Name: "e"}}, Workloads: []*ir.Workload{{Name: "w", Image: "i"}}},
	}
	for i, p := range progs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("program %d: panic %v", i, r)
				}
			}()
			tekton.New().Emit(p, ir.Options{Source: "x"})
		}()
	}
}
