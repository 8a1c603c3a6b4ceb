package tekton_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// TestDiagnostics checks each error lands on the tightest range the IR
// offers and that its detail says what to write instead.
func TestDiagnostics(t *testing.T) {
	at := func(line int) hcl.Range {
		return hcl.Range{Filename: "pipec.hcl", Start: hcl.Pos{Line: line, Column: 1, Byte: line * 10}, End: hcl.Pos{Line: line, Column: 9, Byte: line*10 + 8}}
	}
	testRng, envRng, gitopsRng, refRng := at(3), at(5), at(7), at(9)
	secretRef := func(name string) ir.Value {
		return ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.SecretValue, Name: name, Range: refRng}}}}
	}
	tests := []struct {
		name      string
		mutate    func(p *ir.Program)
		want      string
		wantRange hcl.Range
		wantFix   string // a phrase of the detail that proposes the fix
	}{
		{"digest in a test", func(p *ir.Program) {
			p.Tests[0].Env = []ir.EnvVar{{Name: "D", Value: ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.ImageDigest, Name: "web", Range: refRng}}}}}}
		}, "runtime value not known yet", refRng, "Use it in an environment's e2e"},
		{"secret in a run line", func(p *ir.Program) {
			p.Tests[0].Run = []ir.Value{secretRef("deploy")}
		}, "secret in a run line", refRng, "Put it in env"},
		{"tekton variable in a run line", func(p *ir.Program) {
			p.Tests[0].Run = []ir.Value{ir.Lit("echo $(params.x)")}
		}, "Tekton variable in a run line", testRng, "escape the $"},
		{"matrix value outside the matrix", func(p *ir.Program) {
			p.Tests[0].Env = []ir.EnvVar{{Name: "V", Value: ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.MatrixValue, Name: "go"}}}}}}
		}, "matrix value outside a matrix", testRng, "Use matrix values only inside"},
		{"environments without gitops", func(p *ir.Program) { p.GitOps = nil }, "environments without a gitops block", envRng, "add a gitops block"},
		{"gitops in another repository without token", func(p *ir.Program) { p.GitOps.Token = nil }, "Tekton needs a gitops token to push", gitopsRng, "token = secret.gitops"},
		{"matrix too large", func(p *ir.Program) {
			var vals []string
			for i := 0; i < 17; i++ {
				vals = append(vals, strings.Repeat("x", i+1))
			}
			p.Tests[0].Matrix = []ir.MatrixAxis{{Key: "a", Values: vals}, {Key: "b", Values: vals}}
		}, "matrix too large for Tekton", testRng, "Remove values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tektontest.ManualGate()
			p.Tests[0].Range = testRng
			p.Environments[0].Range = envRng
			p.GitOps.Range = gitopsRng
			tt.mutate(p)
			_, diags := tekton.New().Emit(p, ir.Options{Source: "pipec.hcl"})
			var found []*hcl.Diagnostic
			for _, d := range diags {
				if d.Summary == tt.want {
					found = append(found, d)
				}
			}
			if len(found) != 1 {
				t.Fatalf("want one %q diagnostic, got %d in %v", tt.want, len(found), diags)
			}
			d := found[0]
			if d.Severity != hcl.DiagError || d.Subject == nil {
				t.Fatalf("not an error with a subject: %+v", d)
			}
			if diff := cmp.Diff(tt.wantRange, *d.Subject); diff != "" {
				t.Errorf("subject (-want +got):\n%s", diff)
			}
			if !strings.Contains(d.Detail, tt.wantFix) {
				t.Errorf("detail %q does not propose %q", d.Detail, tt.wantFix)
			}
		})
	}
}

// Branch globs used to be an error; they now compile.
func TestBranchGlobsCompile(t *testing.T) {
	p := tektontest.ManualGate()
	p.Pipeline.On.Push = []string{"*"}
	p.Environments[0].Branches = nil
	p.Environments[2].Branches = []string{"release/*"}
	if _, diags := tekton.New().Emit(p, ir.Options{Source: "pipec.hcl"}); diags.HasErrors() {
		t.Fatal(diags.Error())
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

// GitOps in the source repository without a token pushes with the
// ServiceAccount's git credentials (Tekton's credential initialisation),
// read through $(credentials.path), never through a script.
func TestSameRepoGitOpsUsesServiceAccountCredentials(t *testing.T) {
	p := tektontest.Seed()
	p.GitOps.Token, p.GitOps.SameRepo, p.GitOps.Repository = nil, true, "https://"+p.Pipeline.Repository+".git"
	files, diags := tekton.New().Emit(p, ir.Options{Source: "pipec.hcl"})
	if diags.HasErrors() {
		t.Fatalf("diagnostics: %v", diags)
	}
	found := false
	for _, f := range files {
		if strings.HasSuffix(f.Path, "tasks/gitops-update.yaml") {
			found = strings.Contains(string(f.Data), "$(credentials.path)") && strings.Contains(string(f.Data), "git credential-store --file=")
		}
	}
	if !found {
		t.Error("gitops-update does not read the ServiceAccount's git credentials")
	}
}
