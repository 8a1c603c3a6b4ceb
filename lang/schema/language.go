package schema

// Durations, severities and other shared enums.
var (
	severities = []string{"UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"}
	ciTargets  = []string{"github", "tekton"}
)

var pipelineBlock = &Block{
	Type: "pipeline", Labels: []string{"name"}, Min: 1, Max: 1,
	Doc: "The pipeline: its name, source repository, CI backends and triggers. Exactly one per spec; its name names the generated files.",
	Attrs: []*Attr{
		{Name: "repository", Type: String, Doc: "The source repository, e.g. `github.com/org/app`.", Required: true},
		{Name: "ci", Type: StringList, Doc: "Which CI backends to emit. The CD side (Argo) is emitted whenever an environment exists.", Enum: ciTargets, Default: `["github"]`},
		{Name: "timeout", Type: Duration, Doc: "Limit for a whole pipeline run, e.g. `\"30m\"`."},
		{Name: "concurrency", Type: String, Doc: "What happens when a new run starts while one is in progress for the same branch or pull request: `cancel-previous` cancels the older run (deploys are never cancelled), `queue` waits.", Enum: []string{"cancel-previous", "queue"}, Default: `"cancel-previous"`},
	},
	Blocks: []*Block{{
		Type: "on", Max: 1,
		Doc: "Events that start the pipeline.",
		Attrs: []*Attr{
			{Name: "push", Type: StringList, Doc: "Branch globs whose pushes run the pipeline (and may deploy)."},
			{Name: "pull_request", Type: StringList, Doc: "Target-branch globs whose pull requests run tests and builds; they never push or deploy."},
			{Name: "tags", Type: StringList, Doc: "Tag globs whose pushes run the pipeline; `git.tag` is set on these runs."},
			{Name: "paths", Type: StringList, Doc: "Path globs: only changes touching these paths start a run."},
			{Name: "manual", Type: Bool, Doc: "Allow starting a run by hand (`workflow_dispatch` on GitHub).", Default: "false"},
		},
	}},
	Example: "pipeline \"my-app\" {\n  repository = \"github.com/org/my-app\"\n  ci         = [\"github\"]\n\n  on {\n    push         = [\"main\"]\n    pull_request = [\"main\"]\n  }\n}",
}

var variableBlock = &Block{
	Type: "variable", Labels: []string{"name"},
	Doc: "An input value, as in Terraform. Set it with `-var name=value`, `-var-file FILE` or `PIPEC_VAR_name`; later sources win.",
	Attrs: []*Attr{
		{Name: "type", Type: TypeExpr, Doc: "Type constraint: `string`, `number`, `bool`, `list(string)`, `map(string)`, ... Values are converted to it."},
		{Name: "default", Type: Any, Doc: "Value used when none is given. Without a default the variable is required."},
		{Name: "description", Type: String, Doc: "What the variable is for."},
		{Name: "sensitive", Type: Bool, Doc: "Hide the value in pipec's output and diagnostics.", Default: "false"},
	},
	Blocks: []*Block{{
		Type: "validation",
		Doc:  "A rule the value must satisfy.",
		Attrs: []*Attr{
			{Name: "condition", Type: Any, Doc: "A bool expression over `var.NAME` that must be true.", Required: true},
			{Name: "error_message", Type: String, Doc: "The message shown when the condition is false.", Required: true},
		},
	}},
	Example: "variable \"replicas\" {\n  type    = number\n  default = 2\n}",
}

var localsBlock = &Block{
	Type: "locals", AnyAttrs: true,
	Doc:     "Named compile-time expressions, used as `local.NAME`. They may refer to variables, other locals and static attributes of blocks; cycles are errors.",
	Example: "locals {\n  registry = \"ghcr.io/org\"\n}",
}

var secretBlock = &Block{
	Type: "secret", Labels: []string{"name"},
	Doc: "A reference to a secret held elsewhere, never its value. Use it as `secret.NAME` in `env` maps and in attributes typed secret.",
	Attrs: []*Attr{
		{Name: "github", Type: String, Doc: "The GitHub Actions secret name.", Default: "upper-case NAME with `-` as `_`"},
		{Name: "kubernetes", Type: String, Doc: "The Kubernetes Secret name in the CI/CD namespace.", Default: "NAME"},
		{Name: "key", Type: String, Doc: "The key inside the Kubernetes Secret that holds the value.", Default: `"token"`},
	},
	Blocks: []*Block{{
		Type: "external", Max: 1,
		Doc: "Also emit an External Secrets Operator `ExternalSecret` that fills the Kubernetes Secret from a secret store (Vault, AWS Secrets Manager, ...).",
		Attrs: []*Attr{
			{Name: "store", Type: String, Doc: "The SecretStore or ClusterSecretStore name.", Required: true},
			{Name: "store_kind", Type: String, Doc: "The kind of the store.", Enum: []string{"ClusterSecretStore", "SecretStore"}, Default: `"ClusterSecretStore"`},
			{Name: "key", Type: String, Doc: "The key of the secret in the remote store.", Required: true},
			{Name: "property", Type: String, Doc: "A property inside the remote secret; unset means the whole value."},
			{Name: "refresh", Type: Duration, Doc: "How often the operator re-reads the remote secret.", Default: `"1h"`},
		},
	}},
	Example: "secret \"registry\" {\n  github     = \"GITHUB_TOKEN\"\n  kubernetes = \"registry-push\"\n}",
}

var serviceBlock = &Block{
	Type: "service", Labels: []string{"name"},
	Doc: "A sidecar service for the test, such as a database.",
	Attrs: []*Attr{
		{Name: "image", Type: String, Doc: "The service's container image.", Required: true},
		{Name: "env", Type: EnvMap, Doc: "Environment variables of the service."},
		{Name: "ports", Type: NumberList, Doc: "Ports the service listens on."},
		{Name: "root", Type: Bool, Doc: "Run the service as its image's own user (often root), as stock database images such as postgres and mysql need. Without it a Tekton sidecar runs as a non-root user under the restricted Pod Security Standard, which those images refuse; GitHub runs service containers as the image says either way.", Default: "false"},
	},
}

var testBlock = &Block{
	Type: "test", Labels: []string{"name"},
	Doc: "Commands that must pass before images are pushed.",
	Attrs: []*Attr{
		{Name: "image", Type: String, Doc: "The container image the commands run in.", Required: true, Runtime: GitRunMatrix},
		{Name: "run", Type: Lines, Doc: "Commands, run in order; a failure fails the test. Runtime values may be interpolated, secrets may not (use `env`).", Required: true, Runtime: GitRunMatrix},
		{Name: "env", Type: EnvMap, Doc: "Environment variables; the only place a `secret.NAME` may be used.", Runtime: GitRunMatrix},
		{Name: "working_dir", Type: String, Doc: "Directory, relative to the repository root, the commands run in.", Default: "the repository root"},
		{Name: "timeout", Type: Duration, Doc: "Limit for the test, e.g. `\"15m\"`."},
		{Name: "needs", Type: RefList, RefTo: "test", Doc: "Tests that must pass before this one starts."},
		{Name: "matrix", Type: Matrix, Doc: "One run per combination: `{ node = [\"18\", \"20\"] }`; use `matrix.KEY` inside."},
	},
	Blocks:  []*Block{serviceBlock},
	Example: "test \"unit\" {\n  image = \"golang:1.26\"\n  run   = [\"go test ./...\"]\n}",
}

var imageBlock = &Block{
	Type: "image", Labels: []string{"name"},
	Doc: "A container image: build, scan, push and tag. Nothing is pushed on pull requests.",
	Attrs: []*Attr{
		{Name: "repository", Type: String, Doc: "Where the image is pushed: `registry/path/name`.", Required: true},
		{Name: "context", Type: String, Doc: "The build context directory.", Default: `"."`},
		{Name: "dockerfile", Type: String, Doc: "The Dockerfile, relative to the repository root.", Default: `"Dockerfile"`},
		{Name: "build_args", Type: StringMap, Doc: "Build arguments; never secrets.", Runtime: GitRun},
		{Name: "platforms", Type: StringList, Doc: "Target platforms, e.g. `[\"linux/amd64\", \"linux/arm64\"]`."},
		{Name: "cache", Type: Bool, Doc: "Cache build layers between runs.", Default: "false"},
		{Name: "needs", Type: RefList, RefTo: "test", Doc: "Tests that must pass before the image is pushed.", Default: "every test"},
		{Name: "tags", Type: StringList, Doc: "Tags, usually with runtime values: `[git.sha, \"${git.branch}-${git.short_sha}\", git.tag]`. A tag using `git.tag` is only applied on tag events. `[]` pushes by digest only.", Runtime: GitRun, Default: "[git.sha]"},
		{Name: "sign", Type: Bool, Doc: "Sign the pushed image (cosign keyless on GitHub, Tekton Chains on Tekton).", Default: "false"},
		{Name: "sbom", Type: Bool, Doc: "Attach an SBOM attestation.", Default: "false"},
		{Name: "provenance", Type: Bool, Doc: "Attach a SLSA provenance attestation.", Default: "false"},
	},
	Blocks: []*Block{
		{
			Type: "login", Max: 1,
			Doc: "Registry credentials.",
			Attrs: []*Attr{
				{Name: "username", Type: String, Doc: "The registry user, e.g. `git.actor`, or a `secret.NAME` that holds it.", Required: true, Runtime: GitRun, SecretOK: true},
				{Name: "password", Type: SecretRef, Doc: "The password or token: a `secret.NAME`.", Required: true},
			},
		},
		{
			Type: "scan", Max: 1,
			Doc: "The vulnerability scan that gates the push. On by default, failing on CRITICAL and HIGH findings.",
			Attrs: []*Attr{
				{Name: "scanner", Type: String, Doc: "The scanner.", Enum: []string{"trivy"}, Default: `"trivy"`},
				{Name: "severity", Type: StringList, Doc: "Severities that fail the scan.", Enum: severities, Default: `["CRITICAL", "HIGH"]`},
				{Name: "ignore_unfixed", Type: Bool, Doc: "Ignore vulnerabilities without a fix.", Default: "false"},
				{Name: "enabled", Type: Bool, Doc: "Set to false to skip the scan.", Default: "true"},
			},
		},
	},
	Example: "image \"app\" {\n  repository = \"ghcr.io/org/app\"\n  tags       = [git.sha]\n}",
}

var gitopsBlock = &Block{
	Type: "gitops", Max: 1,
	Doc: "The manifest repository the CD side writes to; Argo CD syncs from it.",
	Attrs: []*Attr{
		{Name: "repository", Type: String, Doc: "The GitOps repository URL, e.g. `https://github.com/org/manifests.git`.", Required: true},
		{Name: "revision", Type: String, Doc: "The branch CI commits to and Argo CD follows.", Default: `"main"`},
		{Name: "path", Type: String, Doc: "The app's folder in the GitOps repository: `base/` and `overlays/ENV/` beneath it.", Default: "the pipeline name"},
		{Name: "token", Type: SecretRef, Doc: "The `secret.NAME` CI uses to push to the repository. Required unless the repository is the source repository."},
	},
	Blocks: []*Block{{
		Type: "argocd", Max: 1,
		Doc: "Where the Argo CD Applications live.",
		Attrs: []*Attr{
			{Name: "namespace", Type: String, Doc: "Namespace of Argo CD's Applications.", Default: `"argocd"`},
			{Name: "project", Type: String, Doc: "Argo CD project. pipec emits this AppProject with least privilege unless it is `\"default\"`.", Default: "the pipeline name"},
		},
	}},
}

var workloadBlock = &Block{
	Type: "workload", Labels: []string{"name"},
	Doc: "A container that runs in every environment. pipec emits its Kustomize base: a Deployment (or Rollout), Service, Ingress and ServiceAccount.",
	Attrs: []*Attr{
		{Name: "image", Type: Ref, RefTo: "image", Doc: "The image it runs: `image.NAME`.", Required: true},
		{Name: "port", Type: Number, Doc: "The container port; a Service is emitted when set."},
		{Name: "replicas", Type: Number, Doc: "Replica count; environments may override it.", Default: "1"},
		{Name: "env", Type: EnvMap, Doc: "Environment variables; `secret.NAME` values come from the Kubernetes Secret."},
		{Name: "health", Type: String, Doc: "HTTP path for readiness and liveness probes, e.g. `/healthz`."},
		{Name: "host", Type: String, Doc: "Ingress host; an Ingress is emitted when set."},
		{Name: "automount_token", Type: Bool, Doc: "Mount the service account token into the pod.", Default: "false"},
	},
	Blocks: []*Block{{
		Type: "resources", Max: 1,
		Doc: "Resource requests; memory is also the limit.",
		Attrs: []*Attr{
			{Name: "cpu", Type: String, Doc: "CPU request, e.g. `\"250m\"`."},
			{Name: "memory", Type: String, Doc: "Memory request and limit, e.g. `\"256Mi\"`."},
		},
	}},
	Example: "workload \"api\" {\n  image = image.app\n  port  = 8080\n}",
}

var metricBlock = &Block{
	Type: "metric", Labels: []string{"name"}, Min: 1,
	Doc: "One measurement. Exactly one provider block says where it comes from.",
	Attrs: []*Attr{
		{Name: "interval", Type: Duration, Doc: "Time between measurements."},
		{Name: "count", Type: Number, Doc: "Number of measurements. In canary steps and blue-green promotion a metric must end: without count pipec uses 1 when there is no interval and 5 when there is one.", Default: "unbounded"},
		{Name: "initial_delay", Type: Duration, Doc: "Wait before the first measurement."},
		{Name: "success_condition", Type: String, Doc: "Expression over `result` that marks success, e.g. `result[0] > 0.95`."},
		{Name: "failure_condition", Type: String, Doc: "Expression over `result` that marks failure."},
		{Name: "failure_limit", Type: Number, Doc: "Failed measurements tolerated before the analysis fails."},
		{Name: "inconclusive_limit", Type: Number, Doc: "Inconclusive measurements tolerated."},
	},
	Blocks: []*Block{
		{Type: "prometheus", Max: 1, Doc: "Query Prometheus.", Attrs: []*Attr{
			{Name: "address", Type: String, Doc: "Prometheus URL.", Required: true}, {Name: "query", Type: String, Doc: "PromQL query; may use `{{args.NAME}}`.", Required: true},
		}},
		{Type: "web", Max: 1, Doc: "Call an HTTP endpoint.", Attrs: []*Attr{
			{Name: "url", Type: String, Doc: "The URL; may use `{{args.NAME}}`.", Required: true},
			{Name: "method", Type: String, Doc: "HTTP method.", Enum: []string{"GET", "POST", "PUT"}, Default: `"GET"`},
			{Name: "json_path", Type: String, Doc: "JSONPath selecting the result, e.g. `{$.data.ok}`."},
			{Name: "headers", Type: EnvMap, Doc: "Request headers; a value may be exactly `secret.NAME` (passed to Argo Rollouts as a secret arg)."},
			{Name: "timeout", Type: Duration, Doc: "Request timeout."},
		}},
		{Type: "job", Max: 1, Doc: "Run a Kubernetes Job; success is exit code 0.", Attrs: []*Attr{
			{Name: "image", Type: String, Doc: "The Job's container image.", Required: true},
			{Name: "run", Type: Lines, Doc: "Commands the Job runs.", Required: true},
			{Name: "backoff_limit", Type: Number, Doc: "Retries of the Job."},
		}},
		{Type: "datadog", Max: 1, Doc: "Query Datadog.", Attrs: []*Attr{
			{Name: "query", Type: String, Doc: "Datadog query.", Required: true}, {Name: "interval", Type: Duration, Doc: "Query window."},
		}},
		{Type: "newrelic", Max: 1, Doc: "Query New Relic with NRQL.", Attrs: []*Attr{
			{Name: "query", Type: String, Doc: "NRQL query.", Required: true}, {Name: "profile", Type: String, Doc: "Secret profile name."},
		}},
		{Type: "cloudwatch", Max: 1, Doc: "Query AWS CloudWatch with a metric math expression.", Attrs: []*Attr{
			{Name: "expression", Type: String, Doc: "CloudWatch metric math or Metrics Insights query; may use `{{args.NAME}}`.", Required: true},
			{Name: "period", Type: Duration, Doc: "Period of the returned data points.", Default: `"5m"`},
			{Name: "label", Type: String, Doc: "Label of the returned series."},
			{Name: "interval", Type: Duration, Doc: "Time window queried.", Default: `"5m"`},
		}},
	},
}

// Providers are the metric provider block types.
var Providers = []string{"prometheus", "web", "job", "datadog", "newrelic", "cloudwatch"}

var analysisBlock = &Block{
	Type: "analysis", Labels: []string{"name"},
	Doc: "Metrics that judge a rollout (an Argo Rollouts AnalysisTemplate). pipec passes the args `environment`, `namespace` and `workload` to every use, so queries can say `{{args.namespace}}`.",
	Attrs: []*Attr{
		{Name: "args", Type: StringMap, Doc: "Extra args with their default values."},
	},
	Blocks: []*Block{metricBlock},
}

var e2eBlock = &Block{
	Type: "e2e", Labels: []string{"name"},
	Doc: "End-to-end tests that run against the environment once it is deployed and healthy; a failure stops promotion.",
	Attrs: []*Attr{
		{Name: "image", Type: String, Doc: "The container image the commands run in.", Required: true},
		{Name: "run", Type: Lines, Doc: "Commands to run.", Required: true, Runtime: AfterBuild},
		{Name: "env", Type: EnvMap, Doc: "Environment variables; `secret.NAME` allowed.", Runtime: AfterBuild},
		{Name: "timeout", Type: Duration, Doc: "Limit for the tests."},
	},
}

var stepBlock = &Block{
	Type: "step",
	Doc:  "One canary step; sets exactly one of `weight`, `pause`, `analysis`, `canary_scale`.",
	Attrs: []*Attr{
		{Name: "weight", Type: Number, Doc: "Send this percentage of traffic to the new version (0-100, never going down)."},
		{Name: "pause", Type: String, Doc: "Wait: a duration (`\"5m\"`) or `\"manual\"` to wait for a person to promote."},
		{Name: "analysis", Type: RefList, RefTo: "analysis", Doc: "Run analyses and continue only if they pass: `analysis.NAME` or a list."},
		{Name: "canary_scale", Type: Number, Doc: "Scale the canary to this percentage of replicas, independent of traffic."},
	},
}

var environmentBlock = &Block{
	Type: "environment", Labels: []string{"name"},
	Doc: "A deployment target: where it runs, how a version is promoted into it and how it rolls out.",
	Attrs: []*Attr{
		{Name: "cluster", Type: String, Doc: "API server URL or Argo CD cluster name.", Default: `"https://kubernetes.default.svc"`},
		{Name: "namespace", Type: String, Doc: "Kubernetes namespace.", Default: "NAME"},
		{Name: "after", Type: Ref, RefTo: "environment", Doc: "The environment this one is promoted from; the same image digest moves on."},
		{Name: "approval", Type: String, Doc: "`manual` makes a person approve every deploy; every backend enforces it.", Enum: []string{"auto", "manual"}, Default: `"auto"`},
		{Name: "soak", Type: Duration, Doc: "Promotion waits until the previous environment has run the new version, healthy, this long."},
		{Name: "branches", Type: StringList, Doc: "Branches whose pushes deploy here (globs allowed).", Default: "the branches of the `after` environment, else the first `on.push` branch"},
		{Name: "replicas", Type: Number, Doc: "Overrides every workload's replicas here."},
		{Name: "env", Type: EnvMap, Doc: "Overrides of workload environment variables here."},
		{Name: "host", Type: String, Doc: "Overrides the workload's ingress host here."},
		{Name: "progress_deadline", Type: Duration, Doc: "How long a rollout may make no progress before it counts as failed."},
		{Name: "progress_deadline_abort", Type: Bool, Doc: "Abort (roll back) a rollout that exceeds its progress deadline.", Default: "false"},
		{Name: "rollback_window", Type: Number, Doc: "Number of recent revisions that roll back at once, skipping steps and analysis."},
	},
	Blocks: []*Block{
		e2eBlock,
		{
			Type: "sync", Max: 1,
			Doc: "The Argo CD sync policy.",
			Attrs: []*Attr{
				{Name: "automated", Type: Bool, Doc: "Sync automatically when the GitOps repository changes.", Default: "true"},
				{Name: "prune", Type: Bool, Doc: "Delete resources no longer in Git.", Default: "true"},
				{Name: "self_heal", Type: Bool, Doc: "Revert changes made in the cluster.", Default: "true"},
				{Name: "options", Type: StringList, Doc: "Argo CD sync options.", Default: `["CreateNamespace=true"]`},
			},
		},
		{
			Type: "canary", Max: 1,
			Doc: "A canary rollout: steps run in written order.",
			Attrs: []*Attr{
				{Name: "traffic_routing", Type: String, Doc: "Split traffic through the workloads' Ingress (`nginx` or AWS `alb`) instead of by pod counts: weights become exact and `canary_scale` steps become possible. Needs a workload with a host. Default: nginx when a step uses canary_scale, otherwise none.", Enum: []string{"nginx", "alb"}},
				{Name: "max_surge", Type: String, Doc: "Extra pods allowed during the update: a number or percentage."},
				{Name: "max_unavailable", Type: String, Doc: "Pods that may be unavailable during the update."},
			},
			Blocks: []*Block{
				stepBlock,
				{
					Type: "analysis", Max: 1,
					Doc: "Background analysis that runs while the canary progresses.",
					Attrs: []*Attr{
						{Name: "templates", Type: RefList, RefTo: "analysis", Doc: "The analyses to run.", Required: true},
						{Name: "start_step", Type: Number, Doc: "Index of the step (from 0) at which the analysis starts."},
					},
				},
			},
		},
		{
			Type: "blue_green", Max: 1,
			Doc: "A blue-green rollout with active and preview Services.",
			Attrs: []*Attr{
				{Name: "auto_promote", Type: Bool, Doc: "Switch traffic to the new version without a person.", Default: "true"},
				{Name: "auto_promote_after", Type: Duration, Doc: "With auto_promote, wait this long before switching."},
				{Name: "pre_promotion_analysis", Type: RefList, RefTo: "analysis", Doc: "Analyses that must pass before traffic switches."},
				{Name: "post_promotion_analysis", Type: RefList, RefTo: "analysis", Doc: "Analyses that must pass after traffic switches."},
				{Name: "scale_down_delay", Type: Duration, Doc: "How long the old version stays up after the switch.", Default: `"30s"`},
			},
		},
	},
	Example: "environment \"staging\" {\n  namespace = \"staging\"\n}",
}

// Root is the body of a spec file.
var Root = &Block{
	Type: "",
	Blocks: []*Block{
		pipelineBlock, variableBlock, localsBlock, secretBlock, testBlock, imageBlock,
		gitopsBlock, workloadBlock, analysisBlock, environmentBlock,
	},
}

// RuntimeRoots are the variable roots of runtime values with their attributes.
var RuntimeRoots = map[string][]string{
	"git": {"sha", "short_sha", "branch", "tag", "ref", "actor"},
	"run": {"id", "number"},
}

// RuntimeDocs documents each runtime value for hover and the reference.
var RuntimeDocs = map[string]string{
	"git.sha":       "The full commit SHA being built.",
	"git.short_sha": "The first 7 characters of the commit SHA.",
	"git.branch":    "The branch being built (empty on tag events).",
	"git.tag":       "The tag being built; only set on tag events.",
	"git.ref":       "The full Git ref, e.g. `refs/heads/main`.",
	"git.actor":     "Who started the run.",
	"run.id":        "The CI run's unique id.",
	"run.number":    "The CI run's sequence number.",
}
