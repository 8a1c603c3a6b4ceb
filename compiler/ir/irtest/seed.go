package irtest

import (
	"time"

	"github.com/pipec-dev/pipec/compiler/ir"
)

func ref(k ir.RefKind, name string) ir.Part { return ir.Part{Ref: &ir.Ref{Kind: k, Name: name}} }
func lit(s string) ir.Part                  { return ir.Part{Lit: s} }
func val(parts ...ir.Part) ir.Value         { return ir.Value{Parts: parts} }
func intp(i int) *int                       { return &i }

// Seed is examples/seed/pipec.hcl after lowering.
func Seed() *ir.Program {
	registry := &ir.Secret{Name: "registry", GitHub: "GITHUB_TOKEN", Kubernetes: "ghcr-push", Key: "token"}
	manifests := &ir.Secret{Name: "manifests", GitHub: "MANIFESTS_TOKEN", Kubernetes: "manifests-deploy-key", Key: "token"}
	five := ir.Duration(5 * time.Minute)
	return &ir.Program{
		Source: "pipec.hcl",
		Pipeline: &ir.Pipeline{
			Name: "my-app", Repository: "github.com/myorg/my-app", CI: []string{"github"},
			On:          ir.Triggers{Push: []string{"main"}, PullRequest: []string{"main"}, Tags: []string{"v*"}},
			Concurrency: "cancel-previous",
		},
		Secrets: []*ir.Secret{manifests, registry},
		Tests: []*ir.Test{{
			Name: "unit", Image: ir.Lit("node:20"),
			Run: []ir.Value{ir.Lit("npm ci"), ir.Lit("npm test"), ir.Lit("npm run lint")},
		}},
		Images: []*ir.Image{{
			Name: "app", Repository: "ghcr.io/myorg/my-app", Context: ".", Dockerfile: "Dockerfile",
			Needs: []string{"unit"}, Cache: true,
			Tags: []ir.Tag{
				{Value: val(ref(ir.GitSHA, ""))},
				{Value: val(ref(ir.GitBranch, ""), lit("-"), ref(ir.GitShortSHA, ""))},
				{Value: val(ref(ir.GitTag, "")), OnTagOnly: true},
				{Value: ir.Lit("latest")},
			},
			Login: &ir.Login{Username: val(ref(ir.GitActor, "")), Password: registry},
			Scan:  ir.Scan{Enabled: true, Scanner: "trivy", Severity: []string{"CRITICAL", "HIGH"}},
		}},
		GitOps: &ir.GitOps{
			Repository: "https://github.com/myorg/k8s-manifests.git", Revision: "main", Path: "apps/my-app",
			Token: manifests, ArgoCD: ir.ArgoCD{Namespace: "argocd", Project: "my-app", OwnProject: true},
		},
		Workloads: []*ir.Workload{{Name: "api", Image: "app", Port: 8080, Replicas: 1}},
		Analyses: []*ir.Analysis{{
			Name: "success-rate",
			Metrics: []*ir.Metric{{
				Name: "success-rate", Interval: ir.Duration(time.Minute), Count: 5,
				SuccessCondition: "result[0] > 0.95",
				Provider: ir.Provider{Prometheus: &ir.PrometheusProvider{
					Address: "http://prometheus.monitoring:9090",
					Query:   "sum(rate(http_requests_total{status=~\"2..\"}[5m]))\n/\nsum(rate(http_requests_total[5m]))\n",
				}},
			}},
		}},
		Environments: []*ir.Environment{
			{
				Name: "staging", Cluster: "https://kubernetes.default.svc", ClusterIsURL: true, Namespace: "staging",
				Branches: []string{"main"}, Replicas: 2,
				E2E: []*ir.E2E{{
					Name: "smoke", Image: "mcr.microsoft.com/playwright:v1.48.0-jammy",
					Run: []ir.Value{ir.Lit("npm ci"), ir.Lit("npx playwright test")},
					Env: []ir.EnvVar{{Name: "BASE_URL", Value: ir.Lit("https://staging.my-app.example.com")}},
				}},
				Sync: ir.Sync{Automated: true, Prune: true, SelfHeal: true, Options: []string{"CreateNamespace=true"}},
			},
			{
				Name: "production", Cluster: "https://kubernetes.default.svc", ClusterIsURL: true, Namespace: "production",
				After: "staging", Manual: true, Branches: []string{"main"}, Replicas: 10,
				Sync: ir.Sync{Automated: true, Prune: true, SelfHeal: true, Options: []string{"CreateNamespace=true"}},
				Canary: &ir.Canary{Steps: []*ir.CanaryStep{
					{Weight: intp(10)}, {Pause: &ir.Pause{Duration: five}}, {Analysis: []string{"success-rate"}},
					{Weight: intp(30)}, {Pause: &ir.Pause{Duration: five}}, {Weight: intp(60)},
					{Pause: &ir.Pause{Duration: five}}, {Weight: intp(100)},
				}},
			},
		},
	}
}
