package compiler

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/compiler/ir/irtest"
	"github.com/pipec-dev/pipec/lang"
)

func lower(t *testing.T, src string, opt lang.Options) *ir.Program {
	t.Helper()
	m, diags := lang.LoadSources([]lang.Source{{Name: "pipec.hcl", Data: []byte(src)}}, opt)
	if diags.HasErrors() {
		t.Fatalf("load: %s", diags.Error())
	}
	p, diags := Lower(m, "pipec.hcl")
	if diags.HasErrors() {
		t.Fatalf("lower: %s", diags.Error())
	}
	return p
}

var ignoreRanges = cmpopts.IgnoreTypes(hcl.Range{})

// The hand-built irtest.Seed, which backend tests use, must stay what the
// front end produces for examples/seed.
func TestLowerSeed(t *testing.T) {
	src, err := os.ReadFile("../examples/seed/pipec.hcl")
	if err != nil {
		t.Fatal(err)
	}
	got := lower(t, string(src), lang.Options{})
	if diff := cmp.Diff(irtest.Seed(), got, ignoreRanges); diff != "" {
		t.Errorf("Lower(seed) (-want +got):\n%s", diff)
	}
}

func TestLowerRuntimeValues(t *testing.T) {
	p := lower(t, `
pipeline "p" {
  repository = "github.com/o/p"
  on { push = ["main"] }
}
locals { prefix = "v-${run.number}" }
secret "tok" {}
test "t" {
  matrix = { go = ["1.25", "1.26"] }
  image  = "golang:${matrix.go}"
  run    = ["echo ${local.prefix}-${git.short_sha}"]
  env    = { TOKEN = secret.tok, REF = git.ref }
}
`, lang.Options{})
	tst := p.Tests[0]
	want := ir.Value{Parts: []ir.Part{{Lit: "golang:"}, {Ref: &ir.Ref{Kind: ir.MatrixValue, Name: "go"}}}}
	if diff := cmp.Diff(want, tst.Image, ignoreRanges); diff != "" {
		t.Errorf("image (-want +got):\n%s", diff)
	}
	wantRun := ir.Value{Parts: []ir.Part{{Lit: "echo v-"}, {Ref: &ir.Ref{Kind: ir.RunNumber}}, {Lit: "-"}, {Ref: &ir.Ref{Kind: ir.GitShortSHA}}}}
	if diff := cmp.Diff(wantRun, tst.Run[0], ignoreRanges); diff != "" {
		t.Errorf("run (-want +got):\n%s", diff)
	}
	if len(tst.Env) != 2 || tst.Env[0].Name != "REF" || !tst.Env[0].Value.Uses(ir.GitRef) || tst.Env[1].Secret == nil || tst.Env[1].Secret.Name != "tok" {
		t.Errorf("env = %+v", tst.Env)
	}
}

func TestLowerVariablesAndDefaults(t *testing.T) {
	src := `
pipeline "p" {
  repository = "github.com/o/p"
  on { push = ["main"] }
}
variable "replicas" {
  type    = number
  default = 1
}
variable "region" { type = string }
image "app" { repository = "ghcr.io/o/app" }
gitops {
  repository = "https://github.com/o/p.git"
  path       = "deploy/${var.region}"
}
workload "api" {
  image = image.app
  port  = 8080
}
analysis "a" {
  metric "m" {
    interval = "30s"
    web { url = "http://x/{{args.namespace}}" }
  }
}
environment "prod" {
  after    = environment.staging
  replicas = var.replicas * 2
  host     = "api.${environment.staging.namespace}.example.com"
  canary {
    step { analysis = analysis.a }
  }
}
environment "staging" {
  namespace = "stg-${var.region}"
}
`
	p := lower(t, src, lang.Options{
		Vars:    []lang.VarArg{{Value: "replicas=3"}},
		Environ: []string{"PIPEC_VAR_region=eu", "PIPEC_VAR_replicas=9"},
	})
	type envSummary struct {
		Name, Namespace, After, Host string
		Replicas                     int
	}
	var got []envSummary
	for _, e := range p.Environments {
		got = append(got, envSummary{e.Name, e.Namespace, e.After, e.Host, e.Replicas})
	}
	want := []envSummary{
		{"staging", "stg-eu", "", "", 0},
		{"prod", "prod", "staging", "api.stg-eu.example.com", 6},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("environments (-want +got):\n%s", diff)
	}
	if p.GitOps.Path != "deploy/eu" || !p.GitOps.SameRepo || p.GitOps.ArgoCD.Project != "p" {
		t.Errorf("gitops = %+v", p.GitOps)
	}
	if c := p.Analyses[0].Metrics[0].Count; c != DefaultMetricCount {
		t.Errorf("metric used by a step got count %d, want %d", c, DefaultMetricCount)
	}
	if d := p.Environments[0].Sync; !d.Automated || !d.Prune || !d.SelfHeal || len(d.Options) != 1 {
		t.Errorf("default sync = %+v", d)
	}
}

// An environment promoted from another inherits its branches.
func TestLowerAfterInheritsBranches(t *testing.T) {
	p := lower(t, `
pipeline "p" {
  repository = "github.com/o/p"
  on { push = ["main", "develop"] }
}
image "app" { repository = "ghcr.io/o/app" }
gitops {
  repository = "https://github.com/o/p.git"
  path       = "deploy"
}
workload "api" { image = image.app }
environment "dev" { branches = ["develop"] }
environment "qa" { after = environment.dev }
environment "prod" {}
`, lang.Options{})
	got := map[string][]string{}
	for _, e := range p.Environments {
		got[e.Name] = e.Branches
	}
	want := map[string][]string{"dev": {"develop"}, "qa": {"develop"}, "prod": {"main"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("branches (-want +got):\n%s", diff)
	}
}
