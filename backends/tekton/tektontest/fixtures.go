package tektontest

import (
	"time"

	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/compiler/ir/irtest"
)

// Fixture is a named Program.
type Fixture struct {
	Name    string
	Program *ir.Program
}

func ref(k ir.RefKind, name string) ir.Part { return ir.Part{Ref: &ir.Ref{Kind: k, Name: name}} }
func lit(s string) ir.Part                  { return ir.Part{Lit: s} }
func val(parts ...ir.Part) ir.Value         { return ir.Value{Parts: parts} }

// Fixtures returns every fixture, in a fixed order.
func Fixtures() []Fixture {
	return []Fixture{
		{"seed", Seed()},
		{"tekton-only", TektonOnly()},
		{"matrix-sidecars", MatrixSidecars()},
		{"multi-image", MultiImage()},
		{"ci-only", CIOnly()},
		{"manual-gate", ManualGate()},
		{"globs-soak", GlobsSoak()},
		{"hardening", Hardening()},
	}
}

// Seed is the seed spec with "tekton" added to pipeline.ci.
func Seed() *ir.Program {
	p := irtest.Seed()
	p.Pipeline.CI = []string{"github", "tekton"}
	return p
}

// TektonOnly is the seed with only the Tekton CI, a run timeout and the
// GitOps token kept in Vault through External Secrets.
func TektonOnly() *ir.Program {
	p := irtest.Seed()
	p.Pipeline.CI = []string{"tekton"}
	p.Pipeline.Timeout = ir.Duration(45 * time.Minute)
	p.Secret("manifests").External = &ir.ExternalSecret{Store: "vault", StoreKind: "ClusterSecretStore", Key: "ci/manifests", Property: "token", Refresh: ir.Duration(30 * time.Minute)}
	return p
}

// MatrixSidecars has a matrixed integration test with a database sidecar,
// a secret in env and runtime values in env and run lines.
func MatrixSidecars() *ir.Program {
	db := &ir.Secret{Name: "db", GitHub: "DB_PASSWORD", Kubernetes: "ci-db", Key: "password"}
	return &ir.Program{
		Source: "pipec.hcl",
		Pipeline: &ir.Pipeline{
			Name: "svc", Repository: "github.com/acme/svc", CI: []string{"tekton"},
			On: ir.Triggers{Push: []string{"main", "release/**"}, PullRequest: []string{"main"}, Paths: []string{"src/**", "go.mod"}},
		},
		Secrets: []*ir.Secret{db},
		Tests: []*ir.Test{
			{Name: "lint", Image: ir.Lit("golangci/golangci-lint:v2.1.6"), Run: []ir.Value{ir.Lit("golangci-lint run ./...")}},
			{
				Name: "integration", Image: val(lit("golang:"), ref(ir.MatrixValue, "go")),
				Needs:  []string{"lint"},
				Matrix: []ir.MatrixAxis{{Key: "go", Values: []string{"1.25", "1.26"}}, {Key: "db", Values: []string{"postgres:16", "postgres:17"}}},
				Env: []ir.EnvVar{
					{Name: "COMMIT", Value: val(ref(ir.GitSHA, ""))},
					{Name: "DB_IMAGE", Value: val(ref(ir.MatrixValue, "db"))},
					{Name: "PGPASSWORD", Secret: db},
				},
				Run: []ir.Value{
					ir.Lit("go test -tags integration ./..."),
					val(lit("echo tested $(go version) on "), ref(ir.MatrixValue, "db"), lit(" at "), ref(ir.GitShortSHA, "")),
				},
				WorkingDir: "backend",
				Timeout:    ir.Duration(20 * time.Minute),
				Services: []*ir.Service{{
					Name: "postgres", Image: "postgres:17",
					Env:   []ir.EnvVar{{Name: "POSTGRES_PASSWORD", Secret: db}, {Name: "PGDATA", Value: ir.Lit("/tmp/pgdata")}},
					Ports: []int{5432},
				}},
			},
		},
	}
}

// MultiImage builds two images with build args, platforms and tags, and
// deploys both to one automatic environment whose e2e uses an image ref.
func MultiImage() *ir.Program {
	reg := &ir.Secret{Name: "registry", GitHub: "REGISTRY_TOKEN", Kubernetes: "registry-push", Key: "token"}
	gitops := &ir.Secret{Name: "gitops", GitHub: "GITOPS_TOKEN", Kubernetes: "gitops-push", Key: "token"}
	img := func(name string) *ir.Image {
		return &ir.Image{
			Name: name, Repository: "registry.example.com/acme/" + name, Context: name, Dockerfile: "Dockerfile",
			BuildArgs: []ir.KV{{Name: "VERSION", Value: val(ref(ir.GitShortSHA, ""))}, {Name: "COMMIT", Value: val(ref(ir.GitSHA, ""))}},
			Platforms: []string{"linux/amd64", "linux/arm64"},
			Needs:     []string{"unit"},
			Tags:      []ir.Tag{{Value: val(ref(ir.GitSHA, ""))}, {Value: val(lit("v"), ref(ir.GitTag, "")), OnTagOnly: true}},
			Login:     &ir.Login{Username: ir.Lit("robot"), Password: reg},
			Scan:      ir.Scan{Enabled: true, Scanner: "trivy", Severity: []string{"CRITICAL"}, IgnoreUnfixed: true},
		}
	}
	return &ir.Program{
		Source: "pipec.hcl",
		Pipeline: &ir.Pipeline{
			Name: "shop", Repository: "github.com/acme/shop", CI: []string{"tekton"},
			On: ir.Triggers{Push: []string{"main"}, Tags: []string{"v*"}},
		},
		Secrets: []*ir.Secret{gitops, reg},
		Tests:   []*ir.Test{{Name: "unit", Image: ir.Lit("golang:1.26"), Run: []ir.Value{ir.Lit("go test ./...")}}},
		Images:  []*ir.Image{img("api"), img("worker")},
		GitOps: &ir.GitOps{
			Repository: "github.com/acme/shop", Revision: "main", Path: "apps/shop", Token: gitops, SameRepo: true,
			ArgoCD: ir.ArgoCD{Namespace: "gitops", Project: "shop", OwnProject: true},
		},
		Workloads: []*ir.Workload{{Name: "api", Image: "api", Port: 8080, Replicas: 2}, {Name: "worker", Image: "worker", Replicas: 1}},
		Environments: []*ir.Environment{{
			Name: "staging", Cluster: "https://kubernetes.default.svc", ClusterIsURL: true, Namespace: "shop-staging", Branches: []string{"main"},
			E2E: []*ir.E2E{{
				Name: "api", Image: "curlimages/curl:8.11.0", Timeout: ir.Duration(5 * time.Minute),
				Run: []ir.Value{val(lit("echo checking "), ref(ir.ImageRef, "api")), ir.Lit("curl -fsS https://staging.shop.example.com/healthz")},
				Env: []ir.EnvVar{{Name: "API_DIGEST", Value: val(ref(ir.ImageDigest, "api"))}},
			}},
			Sync: ir.Sync{Automated: true, Prune: true, SelfHeal: true},
		}},
	}
}

// CIOnly tests and publishes an image on pushes; no environments.
func CIOnly() *ir.Program {
	return &ir.Program{
		Source: "ci.pipec.hcl",
		Pipeline: &ir.Pipeline{
			Name: "lib", Repository: "github.com/acme/lib", CI: []string{"github", "tekton"},
			On: ir.Triggers{Push: []string{"main"}}, Timeout: ir.Duration(20 * time.Minute),
		},
		Tests: []*ir.Test{
			{Name: "unit", Image: ir.Lit("python:3.13"), Run: []ir.Value{ir.Lit("pip install -r requirements.txt\npytest -q")}, Env: []ir.EnvVar{{Name: "PYTHONDONTWRITEBYTECODE", Value: ir.Lit("1")}}},
		},
		Images: []*ir.Image{{
			Name: "lib", Repository: "ghcr.io/acme/lib", Context: ".", Dockerfile: "Dockerfile", Needs: []string{"unit"},
			Scan: ir.Scan{Enabled: false},
		}},
	}
}

// ManualGate chains dev (auto) -> staging (manual) -> qa (auto, soak)
// -> prod (manual).
func ManualGate() *ir.Program {
	tok := &ir.Secret{Name: "deploy", Kubernetes: "deploy-token", Key: "token"}
	env := func(name, after string, manual bool) *ir.Environment {
		return &ir.Environment{
			Name: name, After: after, Manual: manual, Namespace: "bank-" + name, Branches: []string{"main"},
			Cluster: "https://kubernetes.default.svc", ClusterIsURL: true,
			Sync: ir.Sync{Automated: true, Prune: true, SelfHeal: true},
		}
	}
	qa := env("qa", "staging", false)
	qa.Soak = ir.Duration(30 * time.Minute)
	qa.E2E = []*ir.E2E{{Name: "smoke", Image: "curlimages/curl:8.11.0", Run: []ir.Value{ir.Lit("curl -fsS https://qa.bank.example.com/")}}}
	prod := env("prod", "qa", true)
	prod.Canary = &ir.Canary{Steps: []*ir.CanaryStep{{Pause: &ir.Pause{Duration: ir.Duration(10 * time.Minute)}}}}
	return &ir.Program{
		Source: "pipec.hcl",
		Pipeline: &ir.Pipeline{
			Name: "bank", Repository: "github.com/acme/bank", CI: []string{"tekton"},
			On: ir.Triggers{Push: []string{"main"}, PullRequest: []string{"main"}},
		},
		Secrets: []*ir.Secret{tok},
		Tests:   []*ir.Test{{Name: "unit", Image: ir.Lit("node:22"), Run: []ir.Value{ir.Lit("npm ci"), ir.Lit("npm test")}}},
		Images: []*ir.Image{{
			Name: "web", Repository: "ghcr.io/acme/bank", Context: ".", Dockerfile: "Dockerfile", Needs: []string{"unit"},
			Tags: []ir.Tag{{Value: val(ref(ir.GitSHA, ""))}},
			Scan: ir.Scan{Enabled: true, Scanner: "trivy", Severity: []string{"CRITICAL", "HIGH"}},
		}},
		GitOps: &ir.GitOps{
			Repository: "https://github.com/acme/deploy.git", Revision: "main", Path: "bank", Token: tok,
			ArgoCD: ir.ArgoCD{Namespace: "argocd", Project: "bank", OwnProject: true},
		},
		Workloads:    []*ir.Workload{{Name: "web", Image: "web", Port: 3000, Replicas: 1}},
		Environments: []*ir.Environment{env("dev", "", false), env("staging", "dev", true), qa, prod},
	}
}

// GlobsSoak deploys from branch globs and soaks for hours: dev takes main
// and release/* branches, staging release/* after a 3h soak on dev
// (longer than pipeline.timeout, which warns) with a manual canary
// pause, qa release/** except release candidates; prod stays manual.
func GlobsSoak() *ir.Program {
	p := ManualGate()
	p.Pipeline.Name = "bank-globs"
	p.Pipeline.On.Push = []string{"main", "release/**"}
	p.Pipeline.Timeout = ir.Duration(30 * time.Minute)
	dev, staging, qa, prod := p.Environments[0], p.Environments[1], p.Environments[2], p.Environments[3]
	staging.Manual = false
	staging.Branches = []string{"release/*"}
	staging.Soak = ir.Duration(3 * time.Hour)
	staging.Canary = &ir.Canary{Steps: []*ir.CanaryStep{{Weight: intp(20)}, {Pause: &ir.Pause{Manual: true}}, {Weight: intp(100)}}}
	dev.Branches = []string{"main", "release/*"}
	qa.Branches = []string{"release/**", "!release/**-rc*"}
	p.Environments = []*ir.Environment{dev, staging, qa, prod}
	return p
}

func intp(i int) *int { return &i }

// Hardening covers the second review round: qa deploys release/* after
// dev (main and release/*), so its tasks repeat dev's guard; qa's
// Application does not sync by itself (a sync task calls the Argo CD
// API); the image is tagged only on tag events (a branch push pushes it
// by digest, untagged); the test has a redis service reached by name and
// a runtime value in a run line.
func Hardening() *ir.Program {
	p := ManualGate()
	p.Pipeline.Name = "bank-hardening"
	p.Pipeline.On.Push = []string{"main", "release/*"}
	p.Pipeline.On.Tags = []string{"v*"}
	dev, qa := p.Environments[0], p.Environments[2]
	dev.Branches = []string{"main", "release/*"}
	qa.After, qa.Branches = "dev", []string{"release/*"}
	qa.Sync = ir.Sync{Automated: false, Prune: true}
	p.Environments = []*ir.Environment{dev, qa}
	p.Images[0].Tags = []ir.Tag{{Value: val(ref(ir.GitTag, "")), OnTagOnly: true}}
	p.Tests[0].Services = []*ir.Service{{Name: "redis", Image: "redis:7", Ports: []int{6379}}}
	p.Tests[0].Run = append(p.Tests[0].Run, val(lit("echo tested "), ref(ir.GitBranch, ""), lit(" against redis:6379")))
	return p
}
