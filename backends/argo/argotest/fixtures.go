package argotest

import (
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/compiler/ir/irtest"
)

// Fixture is a named Program.
type Fixture struct {
	Name    string
	Program func() *ir.Program
}

// All lists every fixture that must compile without errors.
func All() []Fixture {
	return []Fixture{
		{"seed", irtest.Seed},
		{"blue-green", BlueGreen},
		{"canary-background", CanaryBackground},
		{"rolling", Rolling},
		{"multi-workload", MultiWorkload},
		{"providers", Providers},
		{"traffic-nginx", TrafficNginx},
		{"traffic-alb", TrafficALB},
	}
}

// At returns a range on line n of pipec.hcl, so diagnostics can be told apart.
func At(n int) hcl.Range {
	return hcl.Range{Filename: "pipec.hcl", Start: hcl.Pos{Line: n, Column: 1, Byte: n * 10}, End: hcl.Pos{Line: n, Column: 5, Byte: n*10 + 4}}
}

func intp(i int) *int                 { return &i }
func strp(s string) *string           { return &s }
func dur(d time.Duration) ir.Duration { return ir.Duration(d) }

var defaultSync = ir.Sync{Automated: true, Prune: true, SelfHeal: true, Options: []string{"CreateNamespace=true"}}

// base is a program with one image and a gitops block; fixtures add
// workloads, analyses and environments.
func base(name string) *ir.Program {
	manifests := &ir.Secret{Name: "manifests", GitHub: "MANIFESTS_TOKEN", Kubernetes: "manifests", Key: "token", Range: At(2)}
	return &ir.Program{
		Source:   "pipec.hcl",
		Pipeline: &ir.Pipeline{Name: name, Repository: "github.com/acme/" + name, CI: []string{"github"}, On: ir.Triggers{Push: []string{"main"}}, Range: At(1)},
		Secrets:  []*ir.Secret{manifests},
		Images: []*ir.Image{{
			Name: "app", Repository: "ghcr.io/acme/" + name, Context: ".", Dockerfile: "Dockerfile",
			Scan: ir.Scan{Enabled: true, Scanner: "trivy", Severity: []string{"CRITICAL", "HIGH"}}, Range: At(3),
		}},
		GitOps: &ir.GitOps{
			Repository: "https://github.com/acme/manifests.git", Revision: "main", Path: "apps/" + name, Token: manifests,
			ArgoCD: ir.ArgoCD{Namespace: "argocd", Project: name, OwnProject: true}, Range: At(4),
		},
	}
}

func env(name string, line int) *ir.Environment {
	return &ir.Environment{
		Name: name, Cluster: "https://kubernetes.default.svc", ClusterIsURL: true, Namespace: name,
		Branches: []string{"main"}, Sync: defaultSync, Range: At(line),
	}
}

func promMetric(name string, line int) *ir.Metric {
	return &ir.Metric{
		Name: name, Interval: dur(time.Minute), Count: 3, SuccessCondition: "result[0] >= 0.99", FailureLimit: intp(1),
		Provider: ir.Provider{Prometheus: &ir.PrometheusProvider{
			Address: "http://prometheus.monitoring:9090",
			Query:   `sum(rate(http_requests_total{namespace="{{args.namespace}}",code!~"5.."}[2m])) / sum(rate(http_requests_total{namespace="{{args.namespace}}"}[2m]))`,
		}},
		Range: At(line),
	}
}

// BlueGreen deploys staging by rolling update and production blue-green
// with pre- and post-promotion analysis and a manual promotion.
func BlueGreen() *ir.Program {
	p := base("shop")
	p.Workloads = []*ir.Workload{{
		Name: "web", Image: "app", Port: 3000, Replicas: 2, Health: "/healthz",
		Resources: ir.Resources{CPU: "250m", Memory: "256Mi"}, Range: At(10),
	}}
	p.Analyses = []*ir.Analysis{
		{Name: "smoke", Metrics: []*ir.Metric{{
			Name: "preview-ok", Count: 1, SuccessCondition: "result == true",
			Provider: ir.Provider{Web: &ir.WebProvider{
				URL: "http://web-preview.{{args.namespace}}.svc:3000/healthz", JSONPath: "{$.ok}", Timeout: dur(10 * time.Second),
			}},
			Range: At(21),
		}}, Range: At(20)},
		{Name: "slo", Metrics: []*ir.Metric{promMetric("success-rate", 31)}, Range: At(30)},
	}
	staging := env("staging", 40)
	prod := env("production", 50)
	prod.After, prod.Manual, prod.Replicas = "staging", true, 4
	prod.BlueGreen = &ir.BlueGreen{
		AutoPromote: false, PrePromotion: []string{"smoke"}, PostPromotion: []string{"slo"},
		ScaleDownDelay: dur(30 * time.Second), Range: At(51),
	}
	prod.ProgressDeadline = dur(10 * time.Minute)
	prod.ProgressDeadlineAbort = true
	prod.RollbackWindow = 3
	p.Environments = []*ir.Environment{staging, prod}
	return p
}

// CanaryBackground runs a canary with a background analysis from step 2,
// an indefinite manual pause, surge limits and a second, auto-promoting
// blue-green environment.
func CanaryBackground() *ir.Program {
	p := base("payments")
	p.Workloads = []*ir.Workload{{
		Name: "api", Image: "app", Port: 8080, Replicas: 3, Health: "/ready",
		Env:   []ir.EnvVar{{Name: "LOG_LEVEL", Value: ir.Lit("info"), Range: At(11)}},
		Range: At(10),
	}}
	background := promMetric("error-rate", 21)
	background.Count = 0 // a background analysis may run until the rollout ends
	background.SuccessCondition, background.FailureCondition = "", "result[0] > 0.05"
	p.Analyses = []*ir.Analysis{
		{Name: "errors", Metrics: []*ir.Metric{background}, Range: At(20)},
		{Name: "latency", Args: []ir.AnalysisArg{{Name: "quantile", Default: strp("0.99")}}, Metrics: []*ir.Metric{{
			Name: "p99", Interval: dur(30 * time.Second), Count: 4, InitialDelay: dur(time.Minute),
			SuccessCondition: "result[0] < 0.5", InconclusiveLimit: intp(1),
			Provider: ir.Provider{Prometheus: &ir.PrometheusProvider{
				Address: "http://prometheus.monitoring:9090",
				Query:   `histogram_quantile({{args.quantile}}, sum(rate(http_request_duration_seconds_bucket{namespace="{{args.namespace}}"}[1m])) by (le))`,
			}},
			Range: At(31),
		}}, Range: At(30)},
	}
	staging := env("staging", 40)
	staging.BlueGreen = &ir.BlueGreen{AutoPromote: true, AutoPromoteAfter: dur(2 * time.Minute), Range: At(41)}
	prod := env("production", 50)
	prod.After, prod.Manual, prod.Replicas = "staging", true, 6
	prod.Env = []ir.EnvVar{{Name: "LOG_LEVEL", Value: ir.Lit("warn"), Range: At(52)}, {Name: "REGION", Value: ir.Lit("eu-west-1"), Range: At(53)}}
	prod.Canary = &ir.Canary{
		Steps: []*ir.CanaryStep{
			{Weight: intp(20), Range: At(54)},
			{Pause: &ir.Pause{Manual: true}, Range: At(55)},
			{Weight: intp(50), Range: At(56)},
			{Analysis: []string{"latency"}, Range: At(57)},
			{Pause: &ir.Pause{Duration: dur(90 * time.Second)}, Range: At(58)},
			{Weight: intp(100), Range: At(59)},
		},
		Background:     &ir.BackgroundAnalysis{Analyses: []string{"errors"}, StartStep: intp(2), Range: At(60)},
		MaxSurge:       "25%",
		MaxUnavailable: "0",
		Range:          At(53),
	}
	p.Environments = []*ir.Environment{staging, prod}
	return p
}

// Rolling has no rollout strategy anywhere, so the base holds Deployments;
// environments override replicas, env and the Ingress host.
func Rolling() *ir.Program {
	p := base("blog")
	p.Workloads = []*ir.Workload{{
		Name: "site", Image: "app", Port: 8000, Replicas: 1, Health: "/", Host: "blog.example.com",
		Resources: ir.Resources{Memory: "128Mi"}, Range: At(10),
	}}
	dev := env("dev", 40)
	dev.Env = []ir.EnvVar{{Name: "DEBUG", Value: ir.Lit("1"), Range: At(41)}}
	dev.Host = "dev.blog.example.com"
	dev.Sync = ir.Sync{Automated: true, Prune: true, SelfHeal: true}
	prod := env("prod", 50)
	prod.After, prod.Replicas, prod.ProgressDeadline = "dev", 3, dur(5*time.Minute)
	prod.Sync = ir.Sync{Options: []string{"ServerSideApply=true"}} // synced by hand
	p.Environments = []*ir.Environment{dev, prod}
	return p
}

// MultiWorkload has three workloads (one without a port), secrets filled
// by the External Secrets Operator, clusters named in Argo CD and the
// default Argo CD project.
func MultiWorkload() *ir.Program {
	p := base("market")
	db := &ir.Secret{Name: "db", GitHub: "DB", Kubernetes: "market-db", Key: "url",
		External: &ir.ExternalSecret{Store: "vault", StoreKind: "ClusterSecretStore", Key: "market/db", Property: "url", Range: At(6)}, Range: At(5)}
	stripe := &ir.Secret{Name: "stripe", GitHub: "STRIPE", Kubernetes: "stripe", Key: "api-key",
		External: &ir.ExternalSecret{Store: "aws", StoreKind: "SecretStore", Key: "prod/stripe", Refresh: dur(15 * time.Minute), Range: At(8)}, Range: At(7)}
	p.Secrets = append(p.Secrets, db, stripe)
	p.Images = append(p.Images, &ir.Image{Name: "worker", Repository: "ghcr.io/acme/market-worker", Context: "worker", Dockerfile: "Dockerfile", Range: At(9)})
	p.GitOps.Path = "market"
	p.GitOps.ArgoCD = ir.ArgoCD{Namespace: "gitops", Project: "default"}
	p.Workloads = []*ir.Workload{
		{Name: "frontend", Image: "app", Port: 8080, Replicas: 2, Health: "/healthz", Host: "market.example.com",
			Resources: ir.Resources{CPU: "100m", Memory: "128Mi"}, Range: At(10)},
		{Name: "api", Image: "app", Port: 9090, Replicas: 2, Health: "/livez",
			Resources: ir.Resources{CPU: "500m", Memory: "512Mi"},
			Env: []ir.EnvVar{
				{Name: "DATABASE_URL", Secret: db, Range: At(12)},
				{Name: "MODE", Value: ir.Lit("api"), Range: At(13)},
			},
			Range: At(11)},
		{Name: "worker", Image: "worker", Replicas: 1, AutomountToken: true,
			Resources: ir.Resources{CPU: "200m"},
			Env:       []ir.EnvVar{{Name: "DATABASE_URL", Secret: db, Range: At(15)}},
			Range:     At(14)},
	}
	staging := env("staging", 40)
	staging.Cluster, staging.ClusterIsURL, staging.Namespace = "nonprod", false, "market-staging"
	staging.Host = "staging.market.example.com"
	prod := env("production", 50)
	prod.Cluster, prod.ClusterIsURL, prod.Namespace = "prod-eu", false, "market"
	prod.After, prod.Manual, prod.Replicas = "staging", true, 5
	prod.Env = []ir.EnvVar{{Name: "STRIPE_KEY", Secret: stripe, Range: At(51)}}
	prod.Sync = ir.Sync{Automated: true, SelfHeal: true, Options: []string{"PruneLast=true"}}
	p.Environments = []*ir.Environment{staging, prod}
	return p
}

// Providers uses every metric provider: web with a secret header, job,
// datadog and newrelic, in canary steps and as background analysis.
func Providers() *ir.Program {
	p := base("checkout")
	token := &ir.Secret{Name: "status-token", GitHub: "STATUS_TOKEN", Kubernetes: "status-token", Key: "token", Range: At(5)}
	p.Secrets = append(p.Secrets, token)
	p.Workloads = []*ir.Workload{{Name: "checkout", Image: "app", Port: 8080, Replicas: 2, Health: "/health", Range: At(10)}}
	p.Analyses = []*ir.Analysis{
		{Name: "status", Metrics: []*ir.Metric{{
			Name: "status-page", Interval: dur(20 * time.Second), Count: 3, FailureLimit: intp(0),
			SuccessCondition: `result == "ok"`,
			Provider: ir.Provider{Web: &ir.WebProvider{
				URL: "https://status.example.com/api/{{args.workload}}", Method: "post", JSONPath: "{$.status}", Timeout: dur(5 * time.Second),
				Headers: []ir.KV{
					{Name: "Authorization", Value: ir.Value{Parts: []ir.Part{{Lit: "Bearer "}, {Ref: &ir.Ref{Kind: ir.SecretValue, Name: "status-token"}}}}, Range: At(23)},
					{Name: "Content-Type", Value: ir.Lit("application/json"), Range: At(24)},
				},
			}},
			Range: At(21),
		}}, Range: At(20)},
		{Name: "e2e", Metrics: []*ir.Metric{{
			Name: "checkout-flow", Count: 1,
			Provider: ir.Provider{Job: &ir.JobProvider{
				Image: "ghcr.io/acme/checkout-e2e@sha256:1111111111111111111111111111111111111111111111111111111111111111",
				Run:   []string{"npm test -- --base-url http://checkout.{{args.namespace}}.svc:8080"},
			}},
			Range: At(31),
		}}, Range: At(30)},
		{Name: "apm", Metrics: []*ir.Metric{
			{Name: "dd-errors", Interval: dur(5 * time.Minute), FailureCondition: "result > 10",
				Provider: ir.Provider{Datadog: &ir.DatadogProvider{Query: "sum:requests.error{service:checkout,env:{{args.environment}}}.as_count()", Interval: dur(5 * time.Minute)}},
				Range:    At(41)},
			{Name: "nr-apdex", Interval: dur(5 * time.Minute), SuccessCondition: "result.apdex > 0.9",
				Provider: ir.Provider{NewRelic: &ir.NewRelicProvider{Query: "SELECT apdex(duration, t: 0.4) FROM Transaction WHERE appName = 'checkout-{{args.environment}}'", Profile: "newrelic-prod"}},
				Range:    At(42)},
		}, Range: At(40)},
	}
	prod := env("production", 50)
	prod.Canary = &ir.Canary{
		Steps: []*ir.CanaryStep{
			{Weight: intp(10), Range: At(51)},
			{Analysis: []string{"status", "e2e"}, Range: At(52)},
			{Weight: intp(50), Range: At(53)},
			{Pause: &ir.Pause{Duration: dur(10 * time.Minute)}, Range: At(54)},
		},
		Background: &ir.BackgroundAnalysis{Analyses: []string{"apm"}, Range: At(55)},
		Range:      At(50),
	}
	p.Environments = []*ir.Environment{prod}
	return p
}

// TrafficNginx splits production traffic with NGINX and scales the canary
// apart from its traffic. Only the environments set a host, so each
// overlay writes the Ingress; the worker has no Ingress and follows the
// weights alone.
func TrafficNginx() *ir.Program {
	p := base("storefront")
	p.Workloads = []*ir.Workload{
		{Name: "web", Image: "app", Port: 8080, Replicas: 4, Health: "/healthz", Range: At(10)},
		{Name: "worker", Image: "app", Replicas: 2, Range: At(11)},
	}
	p.Analyses = []*ir.Analysis{{Name: "slo", Metrics: []*ir.Metric{promMetric("success-rate", 21)}, Range: At(20)}}
	staging := env("staging", 40)
	staging.Host = "staging.shop.example.com"
	prod := env("production", 50)
	prod.After, prod.Manual, prod.Host = "staging", true, "shop.example.com"
	prod.Canary = &ir.Canary{
		TrafficRouting: "nginx",
		Steps: []*ir.CanaryStep{
			{CanaryScale: intp(50), Range: At(51)},
			{Weight: intp(10), Range: At(52)},
			{Analysis: []string{"slo"}, Range: At(53)},
			{CanaryScale: intp(100), Range: At(54)},
			{Weight: intp(50), Range: At(55)},
			{Pause: &ir.Pause{Duration: dur(5 * time.Minute)}, Range: At(56)},
		},
		Background: &ir.BackgroundAnalysis{Analyses: []string{"slo"}, StartStep: intp(4), Range: At(57)},
		Range:      At(50),
	}
	p.Environments = []*ir.Environment{staging, prod}
	return p
}

// TrafficALB splits production traffic with the AWS Load Balancer
// Controller, through the base's Ingress, and gates it on a CloudWatch
// metric. The exporter has a Service but no Ingress, so it is not routed.
func TrafficALB() *ir.Program {
	p := base("gateway")
	p.Workloads = []*ir.Workload{
		{Name: "gateway", Image: "app", Port: 8443, Replicas: 3, Health: "/ready", Host: "gw.example.com", Range: At(10)},
		{Name: "exporter", Image: "app", Port: 9100, Replicas: 1, Range: At(11)},
	}
	p.Analyses = []*ir.Analysis{{Name: "alb-errors", Metrics: []*ir.Metric{{
		Name: "target-5xx", Interval: dur(time.Minute), Count: 5, FailureLimit: intp(1),
		SuccessCondition: "all(result[0].Values, {# <= 0.01})",
		Provider: ir.Provider{CloudWatch: &ir.CloudWatchProvider{
			Expression: `SELECT SUM(HTTPCode_Target_5XX_Count) FROM SCHEMA("AWS/ApplicationELB", LoadBalancer) WHERE LoadBalancer = '{{args.load-balancer}}'`,
			Label:      "5xx", Period: dur(time.Minute), Interval: dur(10 * time.Minute),
		}},
		Range: At(21),
	}}, Args: []ir.AnalysisArg{{Name: "load-balancer", Default: strp("app/gateway/0123456789abcdef")}}, Range: At(20)}}
	staging := env("staging", 40)
	staging.Host = "staging.gw.example.com"
	prod := env("production", 50)
	prod.After, prod.Manual = "staging", true
	prod.Canary = &ir.Canary{
		TrafficRouting: "alb",
		Steps: []*ir.CanaryStep{
			{Weight: intp(5), Range: At(51)},
			{CanaryScale: intp(50), Range: At(52)},
			{Analysis: []string{"alb-errors"}, Range: At(53)},
			{Weight: intp(25), Range: At(54)},
			{Pause: &ir.Pause{Manual: true}, Range: At(55)},
		},
		MaxSurge: "1",
		Range:    At(50),
	}
	p.Environments = []*ir.Environment{staging, prod}
	return p
}
