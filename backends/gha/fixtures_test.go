package gha

import (
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/compiler/ir/irtest"
)

// IR fixtures beside irtest.Seed: each exercises one part of the mapping.

func ref(k ir.RefKind, name string) ir.Part { return ir.Part{Ref: &ir.Ref{Kind: k, Name: name}} }
func lit(s string) ir.Part                  { return ir.Part{Lit: s} }
func val(parts ...ir.Part) ir.Value         { return ir.Value{Parts: parts} }
func intp(i int) *int                       { return &i }

func rng(name string, line int) hcl.Range {
	return hcl.Range{Filename: name, Start: hcl.Pos{Line: line, Column: 1, Byte: 0}, End: hcl.Pos{Line: line, Column: 10, Byte: 9}}
}

func minutes(m int) ir.Duration { return ir.Duration(time.Duration(m) * time.Minute) }

var defaultSync = ir.Sync{Automated: true, Prune: true, SelfHeal: true, Options: []string{"CreateNamespace=true"}}

// base is a small deployable pipeline the fixtures modify.
func base(name string) *ir.Program {
	tok := &ir.Secret{Name: "manifests", GitHub: "MANIFESTS_TOKEN", Kubernetes: "manifests", Key: "token"}
	reg := &ir.Secret{Name: "registry", GitHub: "GITHUB_TOKEN", Kubernetes: "registry", Key: "token"}
	return &ir.Program{
		Source: "pipec.hcl",
		Pipeline: &ir.Pipeline{
			Name: name, Repository: "github.com/acme/" + name, CI: []string{"github"},
			On:          ir.Triggers{Push: []string{"main"}, PullRequest: []string{"main"}},
			Concurrency: "cancel-previous", Range: rng("pipec.hcl", 1),
		},
		Secrets: []*ir.Secret{tok, reg},
		Tests: []*ir.Test{{
			Name: "unit", Image: ir.Lit("golang:1.24"), Run: []ir.Value{ir.Lit("go test ./...")}, Range: rng("pipec.hcl", 10),
		}},
		Images: []*ir.Image{{
			Name: "app", Repository: "ghcr.io/acme/" + name, Context: ".", Dockerfile: "Dockerfile", Needs: []string{"unit"},
			Tags:  []ir.Tag{{Value: val(ref(ir.GitSHA, ""))}},
			Login: &ir.Login{Username: val(ref(ir.GitActor, "")), Password: reg},
			Scan:  ir.Scan{Enabled: true, Scanner: "trivy", Severity: []string{"CRITICAL", "HIGH"}, IgnoreUnfixed: true},
			Range: rng("pipec.hcl", 20),
		}},
		GitOps: &ir.GitOps{
			Repository: "https://github.com/acme/manifests.git", Revision: "main", Path: "apps/" + name, Token: tok,
			ArgoCD: ir.ArgoCD{Namespace: "argocd", Project: name, OwnProject: true}, Range: rng("pipec.hcl", 30),
		},
		Workloads: []*ir.Workload{{Name: "web", Image: "app", Port: 8080, Replicas: 1}},
		Environments: []*ir.Environment{{
			Name: "staging", Cluster: "https://kubernetes.default.svc", ClusterIsURL: true, Namespace: "staging",
			Branches: []string{"main"}, Sync: defaultSync, Range: rng("pipec.hcl", 40),
		}},
	}
}

// matrixServices: a matrix test with a database service, secrets through
// env, a working directory, needs, and runtime values in every quote style.
func matrixServices() *ir.Program {
	p := base("matrix")
	dbpw := &ir.Secret{Name: "db_password", GitHub: "DB_PASSWORD", Kubernetes: "db", Key: "password"}
	p.Secrets = append(p.Secrets, dbpw)
	p.Tests = append(p.Tests, &ir.Test{
		Name:  "integration",
		Image: val(lit("node:"), ref(ir.MatrixValue, "node")),
		Run: []ir.Value{
			ir.Lit("cd web"),
			ir.Lit("export NODE_ENV=test"),
			ir.Lit("npm ci"),
			val(lit("npm test -- --db="), ref(ir.MatrixValue, "db")),
			val(lit("echo \"testing "), ref(ir.GitShortSHA, ""), lit(" on "), ref(ir.GitBranch, ""), lit("\"")),
			val(lit("echo 'run "), ref(ir.RunNumber, ""), lit("'\nnpm run e2e:ci\n")),
		},
		Env: []ir.EnvVar{
			{Name: "DATABASE_URL", Value: val(lit("postgres://test@postgres:5432/"), ref(ir.MatrixValue, "db"))},
			{Name: "DB_PASSWORD", Secret: dbpw},
		},
		WorkingDir: "api",
		Timeout:    minutes(45),
		Needs:      []string{"unit"},
		Matrix: []ir.MatrixAxis{
			{Key: "node", Values: []string{"20", "22"}},
			{Key: "db", Values: []string{"app", "app_legacy"}},
		},
		Services: []*ir.Service{{
			Name: "postgres", Image: "postgres:16",
			Env:   []ir.EnvVar{{Name: "POSTGRES_DB", Value: ir.Lit("app")}, {Name: "POSTGRES_PASSWORD", Secret: dbpw}},
			Ports: []int{5432},
		}},
		Range: rng("pipec.hcl", 12),
	})
	p.Images[0].Needs = []string{"unit", "integration"}
	p.Environments = nil
	p.GitOps = nil
	return p
}

// multiImage: two images (one on Docker Hub without a scan), build args,
// platforms, SBOM, provenance, signing, and two workloads.
func multiImage() *ir.Program {
	p := base("shop")
	hub := &ir.Secret{Name: "dockerhub", GitHub: "DOCKERHUB_TOKEN", Kubernetes: "dockerhub", Key: "token"}
	p.Secrets = append(p.Secrets, hub)
	api := p.Images[0]
	api.Name = "api"
	api.Context = "services/api"
	api.BuildArgs = []ir.KV{{Name: "VERSION", Value: val(ref(ir.GitSHA, ""))}, {Name: "GO_VERSION", Value: ir.Lit("1.24")}}
	api.Platforms = []string{"linux/amd64", "linux/arm64"}
	api.Cache = true
	api.SBOM, api.Provenance, api.Sign = true, true, true
	api.Tags = []ir.Tag{
		{Value: val(ref(ir.GitShortSHA, ""))},
		{Value: val(lit("v"), ref(ir.RunNumber, ""))},
		{Value: val(ref(ir.GitTag, "")), OnTagOnly: true},
	}
	worker := &ir.Image{
		Name: "worker", Repository: "acme/shop-worker", Context: "services/worker", Dockerfile: "build/Dockerfile",
		Needs: []string{"unit"}, Tags: []ir.Tag{{Value: ir.Lit("edge")}},
		Login: &ir.Login{Username: ir.Lit("acmebot"), Password: hub},
		Scan:  ir.Scan{Enabled: false},
	}
	p.Images = []*ir.Image{api, worker}
	p.Pipeline.On.Tags = []string{"v*"}
	p.Workloads = []*ir.Workload{
		{Name: "api", Image: "api", Port: 8080, Replicas: 2, Health: "/healthz", Host: "shop.example.com"},
		{Name: "worker", Image: "worker", Replicas: 1},
	}
	p.Environments[0].E2E = []*ir.E2E{{
		Name: "api", Image: "curlimages/curl:8.10.1",
		Run: []ir.Value{val(lit("curl -fsS https://shop.example.com/version | grep "), ref(ir.ImageDigest, "api"))},
		Env: []ir.EnvVar{{Name: "API_IMAGE", Value: val(ref(ir.ImageRef, "api"))}},
	}}
	return p
}

// ciOnly: tests and an image, no gitops and no environments.
func ciOnly() *ir.Program {
	p := base("lib")
	p.GitOps = nil
	p.Environments = nil
	p.Workloads = nil
	p.Images[0].Login = nil
	p.Images[0].Repository = "registry.example.com:5000/acme/lib"
	p.Pipeline.Timeout = minutes(20)
	return p
}

// manualTrigger: workflow_dispatch, paths, a release/* branch pattern and
// the queue concurrency mode.
func manualTrigger() *ir.Program {
	p := base("ops")
	p.Pipeline.On = ir.Triggers{Push: []string{"main", "release/*"}, Paths: []string{"src/**", "Dockerfile"}, Manual: true}
	p.Pipeline.Concurrency = "queue"
	p.Environments[0].Branches = []string{"main", "release/*"}
	return p
}

// blueGreen: staging then a manual blue-green production after a soak,
// with hosts and health checks.
func blueGreen() *ir.Program {
	p := base("bg")
	p.Workloads[0].Health = "/ready"
	p.Workloads[0].Host = "bg.example.com"
	p.Environments[0].Host = "staging.bg.example.com"
	p.Analyses = []*ir.Analysis{{Name: "smoke", Metrics: []*ir.Metric{{
		Name: "ok", Interval: ir.Duration(30 * time.Second), Count: 4, InitialDelay: minutes(1),
		Provider: ir.Provider{Web: &ir.WebProvider{URL: "http://web.production/health", JSONPath: "{$.ok}"}},
	}}}}
	p.Environments = append(p.Environments, &ir.Environment{
		Name: "production", Cluster: "prod", Namespace: "production", After: "staging", Manual: true,
		Soak: minutes(30), Branches: []string{"main"}, Sync: defaultSync, Range: rng("pipec.hcl", 50),
		BlueGreen: &ir.BlueGreen{AutoPromote: false, PrePromotion: []string{"smoke"}, ScaleDownDelay: ir.Duration(30 * time.Second)},
	})
	return p
}

// sameRepo: the manifests live in the pipeline's own repository; with no
// token the deploy pushes with GITHUB_TOKEN.
func sameRepo() *ir.Program {
	p := base("mono")
	p.GitOps.Repository = "https://github.com/acme/mono.git"
	p.GitOps.SameRepo = true
	p.GitOps.Token = nil
	p.GitOps.Path = "deploy-state/mono"
	return p
}

// tagsOnly: a release pipeline started by tags alone. Its environments
// have no branches, so they deploy on tag pushes; production soaks a day
// behind staging, past what one job may sleep, so it uses a wait timer.
// The staging e2e runs on the runner (bash) with cd and export.
func tagsOnly() *ir.Program {
	p := base("rel")
	p.Pipeline.On = ir.Triggers{Tags: []string{"v*"}, PullRequest: []string{"main"}}
	p.Images[0].Tags = []ir.Tag{{Value: val(ref(ir.GitTag, "")), OnTagOnly: true}}
	p.Environments[0].Branches = nil
	p.Environments[0].E2E = []*ir.E2E{{Name: "smoke", Run: []ir.Value{
		ir.Lit("cd e2e"),
		val(lit("export TAG="), ref(ir.GitTag, "")),
		ir.Lit("./smoke.sh \"${TAG}\" | tee smoke.log"),
	}}}
	p.Environments = append(p.Environments, &ir.Environment{
		Name: "production", Cluster: "prod", Namespace: "production", After: "staging", Manual: true,
		Soak: ir.Duration(24 * time.Hour), Sync: defaultSync, Range: rng("pipec.hcl", 50),
	})
	return p
}

// manualSync: staging deploys from release branches but one (a negated
// pattern, and * that must not cross /), and Argo CD does not sync it by
// itself, so deploy and rollback ask for the sync; production soaks 30
// minutes behind it with the default automated sync.
func manualSync() *ir.Program {
	p := base("rel")
	p.Pipeline.On.Push = []string{"main", "release/**"}
	st := p.Environments[0]
	st.Branches = []string{"release/*", "!release/old"}
	st.Sync = ir.Sync{Automated: false, Prune: false, Options: []string{"CreateNamespace=true"}}
	p.Environments = append(p.Environments, &ir.Environment{
		Name: "production", Cluster: "prod", Namespace: "production", After: "staging",
		Soak: minutes(30), Branches: []string{"release/*", "!release/old"}, Sync: defaultSync, Range: rng("pipec.hcl", 50),
	})
	return p
}

// gitlabGitOps: the GitOps repository is on a GitLab server, so deploys
// and the rollback clone and push it with plain git over HTTPS, and
// production is a manual environment behind staging.
func gitlabGitOps() *ir.Program {
	p := base("deploy")
	gitlab := &ir.Secret{Name: "gitlab", GitHub: "GITLAB", Kubernetes: "gitlab", Key: "token"}
	p.Secrets = append(p.Secrets, gitlab)
	p.GitOps.Repository = "https://gitlab.example.com/acme/deploy.git"
	p.GitOps.Token = gitlab
	p.Environments = append(p.Environments, &ir.Environment{
		Name: "production", Cluster: "prod", Namespace: "production", After: "staging", Manual: true,
		Branches: []string{"main"}, Sync: defaultSync, Range: rng("pipec.hcl", 50),
	})
	return p
}

type fixture struct {
	name string
	prog func() *ir.Program
	// warnings are the summaries of the warnings Emit must report.
	warnings []string
}

var fixtures = []fixture{
	{"seed", irtest.Seed, nil},
	{"matrix_services", matrixServices, nil},
	{"multi_image", multiImage, nil},
	{"ci_only", ciOnly, nil},
	{"manual_trigger", manualTrigger, nil},
	{"blue_green", blueGreen, nil},
	{"same_repo", sameRepo, nil},
	{"tags_only", tagsOnly, []string{"Soak uses a GitHub environment wait timer"}},
	{"manual_sync", manualSync, nil},
	{"gitlab_gitops", gitlabGitOps, nil},
}
