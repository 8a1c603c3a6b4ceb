package gha

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
)

type diagWant struct {
	Severity hcl.DiagnosticSeverity
	Summary  string
	Line     int // of Subject
}

func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(p *ir.Program)
		want   []diagWant
	}{
		{
			name:   "environments without gitops",
			mutate: func(p *ir.Program) { p.GitOps = nil },
			want:   []diagWant{{hcl.DiagError, "Environments need a gitops block", 40}},
		},
		{
			name:   "branch pattern GitHub would reject",
			mutate: func(p *ir.Program) { p.Environments[0].Branches = []string{"rel-[0-9"} },
			want:   []diagWant{{hcl.DiagError, "Branch pattern not supported by the GitHub Actions backend", 40}},
		},
		{
			name:   "only negated branch patterns",
			mutate: func(p *ir.Program) { p.Environments[0].Branches = []string{"!main"} },
			want:   []diagWant{{hcl.DiagWarning, "Environment is never deployed", 40}},
		},
		{
			name: "secret in a run string",
			mutate: func(p *ir.Program) {
				p.Tests[0].Run = []ir.Value{val(lit("login "), ir.Part{Ref: &ir.Ref{Kind: ir.SecretValue, Name: "registry", Range: rng("pipec.hcl", 11)}})}
			},
			want: []diagWant{{hcl.DiagError, "Secret in a run script", 11}},
		},
		{
			name: "image digest in a test",
			mutate: func(p *ir.Program) {
				p.Tests[0].Run = []ir.Value{val(lit("echo "), ir.Part{Ref: &ir.Ref{Kind: ir.ImageDigest, Name: "app", Range: rng("pipec.hcl", 12)}})}
			},
			want: []diagWant{{hcl.DiagError, "Image digest not available here", 12}},
		},
		{
			name:   "expression syntax in user text",
			mutate: func(p *ir.Program) { p.Tests[0].Run = []ir.Value{ir.Lit("echo ${{ github.event.issue.title }}")} },
			want:   []diagWant{{hcl.DiagError, "Text contains ${{", 10}},
		},
		{
			name:   "soak longer than a job may run",
			mutate: func(p *ir.Program) { p.Environments = append(p.Environments, prodAfterStaging(8*time.Hour)) },
			want:   []diagWant{{hcl.DiagWarning, "Soak uses a GitHub environment wait timer", 50}},
		},
		{
			name:   "soak longer than a wait timer",
			mutate: func(p *ir.Program) { p.Environments = append(p.Environments, prodAfterStaging(31*24*time.Hour)) },
			want:   []diagWant{{hcl.DiagError, "Soak too long for GitHub Actions", 50}},
		},
		{
			name: "soak environment name taken",
			mutate: func(p *ir.Program) {
				p.Environments[0].Name = "prod-soak"
				prod := prodAfterStaging(10 * time.Hour)
				prod.After = "prod-soak"
				p.Environments = append(p.Environments, prod)
			},
			want: []diagWant{{hcl.DiagError, "Soak environment name is taken", 50}},
		},
		{
			name:   "soak that fits in a job",
			mutate: func(p *ir.Program) { p.Environments = append(p.Environments, prodAfterStaging(345*time.Minute)) },
		},
		{
			name:   "no trigger",
			mutate: func(p *ir.Program) { p.Pipeline.On = ir.Triggers{} },
			want:   []diagWant{{hcl.DiagError, "Pipeline has no trigger", 1}},
		},
		{
			name:   "gitops on GitLab over HTTPS",
			mutate: func(p *ir.Program) { p.GitOps.Repository = "https://gitlab.com/acme/manifests.git" },
		},
		{
			name:   "gitops over SSH outside GitHub",
			mutate: func(p *ir.Program) { p.GitOps.Repository = "git@gitlab.example.com:acme/deploy.git" },
			want:   []diagWant{{hcl.DiagError, "GitOps repository over SSH is not supported", 30}},
		},
		{
			name:   "gitops URL with a password",
			mutate: func(p *ir.Program) { p.GitOps.Repository = "https://bot:hunter2@gitlab.example.com/acme/deploy.git" },
			want:   []diagWant{{hcl.DiagError, "GitOps repository URL holds a password", 30}},
		},
		{
			name:   "gitops URL with ${{",
			mutate: func(p *ir.Program) { p.GitOps.Repository = "https://git.example.com/${{ github.actor }}/deploy.git" },
			want:   []diagWant{{hcl.DiagError, "Text contains ${{", 30}},
		},
		{
			name:   "gitops without token",
			mutate: func(p *ir.Program) { p.GitOps.Token = nil },
			want:   []diagWant{{hcl.DiagError, "GitOps block needs a token", 30}},
		},
		{
			name:   "environment with branches = []",
			mutate: func(p *ir.Program) { p.Environments[0].Branches = nil },
			want:   []diagWant{{hcl.DiagWarning, "Environment is never deployed", 40}},
		},
		{
			name: "tags-only pipeline deploys on tags",
			mutate: func(p *ir.Program) {
				p.Pipeline.On = ir.Triggers{Tags: []string{"v*"}, PullRequest: []string{"main"}}
				p.Environments[0].Branches = nil
			},
		},
		{
			name: "no push and no tag",
			mutate: func(p *ir.Program) {
				p.Pipeline.On = ir.Triggers{PullRequest: []string{"main"}, Manual: true}
				p.Environments[0].Branches = nil
			},
			want: []diagWant{{hcl.DiagWarning, "Environment is never deployed", 40}},
		},
		{
			name:   "branches no push reaches",
			mutate: func(p *ir.Program) { p.Environments[0].Branches = []string{"develop", "release/*"} },
			want:   []diagWant{{hcl.DiagWarning, "Environment is never deployed", 40}},
		},
		{
			name: "branches a push glob reaches",
			mutate: func(p *ir.Program) {
				p.Pipeline.On.Push = []string{"release/**"}
				p.Environments[0].Branches = []string{"release/v1"}
			},
		},
		{
			name: "branches a manual run reaches",
			mutate: func(p *ir.Program) {
				p.Pipeline.On.Manual = true
				p.Environments[0].Branches = []string{"develop"}
			},
		},
		{
			name: "promoted from an environment never deployed",
			mutate: func(p *ir.Program) {
				p.Pipeline.On = ir.Triggers{Tags: []string{"v*"}}
				p.Environments = append(p.Environments, prodAfterStaging(0))
			},
			want: []diagWant{{hcl.DiagWarning, "Environment is never deployed", 40}, {hcl.DiagWarning, "Environment is never deployed", 50}},
		},
		{
			name:   "test timeout beyond the hosted-runner limit",
			mutate: func(p *ir.Program) { p.Tests[0].Timeout = ir.Duration(7 * time.Hour) },
			want:   []diagWant{{hcl.DiagError, "Timeout too long for GitHub Actions", 10}},
		},
		{
			name:   "unknown scanner",
			mutate: func(p *ir.Program) { p.Images[0].Scan.Scanner = "grype"; p.Images[0].Scan.Range = rng("pipec.hcl", 25) },
			want:   []diagWant{{hcl.DiagError, "Unsupported scanner", 25}},
		},
		{
			name:   "duplicate job ids",
			mutate: func(p *ir.Program) { p.Tests = append(p.Tests, p.Tests[0]) },
			want:   []diagWant{{hcl.DiagError, "Two jobs named test-unit", 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base("app")
			tt.mutate(p)
			files, diags := New().Emit(p, ir.Options{Source: "pipec.hcl"})
			var got []diagWant
			for _, d := range diags {
				line := 0
				if d.Subject != nil {
					line = d.Subject.Start.Line
				}
				if d.Detail == "" {
					t.Errorf("%q has no detail", d.Summary)
				}
				got = append(got, diagWant{d.Severity, d.Summary, line})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if diags.HasErrors() && files != nil {
				t.Errorf("files returned despite errors: %d", len(files))
			}
		})
	}
}

// prodAfterStaging is a production environment promoted from base's
// staging after soak.
func prodAfterStaging(soak time.Duration) *ir.Environment {
	return &ir.Environment{Name: "prod", After: "staging", Soak: ir.Duration(soak), Branches: []string{"main"}, Range: rng("pipec.hcl", 50)}
}

func TestEmitSkipsOtherCI(t *testing.T) {
	p := base("app")
	p.Pipeline.CI = []string{"tekton"}
	files, diags := New().Emit(p, ir.Options{Source: "pipec.hcl"})
	if files != nil || diags != nil {
		t.Errorf("Emit for a tekton-only pipeline = %d files, %v; want nothing", len(files), diags)
	}
}

// TestNilSafety emits sparse programs: optional parts absent must not panic.
func TestNilSafety(t *testing.T) {
	progs := map[string]*ir.Program{
		"nil":          nil,
		"no pipeline":  {},
		"only trigger": {Pipeline: &ir.Pipeline{Name: "x", CI: []string{"github"}, On: ir.Triggers{Manual: true}}},
		"bare image": {
			Pipeline: &ir.Pipeline{Name: "x", CI: []string{"github"}, On: ir.Triggers{Push: []string{"main"}}},
			Images:   []*ir.Image{{Name: "i", Repository: "r/i"}},
			Environments: []*ir.Environment{{Name: "e", Branches: []string{"main"}, Canary: &ir.Canary{Steps: []*ir.CanaryStep{
				{Pause: &ir.Pause{Manual: true}}, {Analysis: []string{"missing"}},
			}}}},
			GitOps:    &ir.GitOps{Repository: "github.com/a/b", Token: &ir.Secret{Name: "t", GitHub: "T"}},
			Workloads: []*ir.Workload{{Name: "w", Image: "i"}},
		},
	}
	for name, p := range progs {
		t.Run(name, func(t *testing.T) {
			files, diags := New().Emit(p, ir.Options{})
			if diags.HasErrors() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			for _, f := range files {
				lint(t, f.Path, f.Data)
				checkSecurity(t, f.Path, f.Data)
			}
		})
	}
}

// TestLinterIsActive makes sure the lint tests can fail: actionlint and
// shellcheck must report an injected title and an unquoted variable.
func TestLinterIsActive(t *testing.T) {
	bad := []byte(`name: bad
"on": pull_request
permissions: {}
jobs:
  a:
    runs-on: ubuntu-24.04
    timeout-minutes: 5
    steps:
    - run: echo "${{ github.event.pull_request.title }}"; ls $HOME/x*
`)
	l := lintErrors(t, "bad.yml", bad)
	kinds := map[string]bool{}
	for _, e := range l {
		kinds[e] = true
	}
	want := []string{"expression"}
	if shellcheckPath(t) != "" {
		want = append(want, "shellcheck")
	}
	for _, k := range want {
		if !kinds[k] {
			t.Errorf("actionlint did not report a %s finding; got %v", k, l)
		}
	}
}
