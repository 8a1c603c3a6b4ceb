package schema

// Durations, severities and other shared enums.
var (
	severities = []string{"UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL"}
	ciTargets  = []string{"github", "tekton"}
)

func str(name, doc string) *Attr { return &Attr{Name: name, Type: String, Doc: doc} }

func req(a *Attr) *Attr { a.Required = true; return a }

func def(a *Attr, d string) *Attr { a.Default = d; return a }

func rt(a *Attr, r Runtime) *Attr { a.Runtime = r; return a }

func typed(name string, t Type, doc string) *Attr { return &Attr{Name: name, Type: t, Doc: doc} }

func ref(name, to string, list bool, doc string) *Attr {
	t := Ref
	if list {
		t = RefList
	}
	return &Attr{Name: name, Type: t, RefTo: to, Doc: doc}
}

func enum(a *Attr, vals ...string) *Attr { a.Enum = vals; return a }

func secretOK(a *Attr) *Attr { a.SecretOK = true; return a }

var pipelineBlock = &Block{
	Type: "pipeline", Labels: []string{"name"}, Min: 1, Max: 1,
	Doc: "The pipeline: its name, source repository, CI backends and triggers. Exactly one per spec; its name names the generated files.",
	Attrs: []*Attr{
		req(str("repository", "The source repository, e.g. `github.com/org/app`.")),
		def(enum(typed("ci", StringList, "Which CI backends to emit. The CD side (Argo) is emitted whenever an environment exists."), ciTargets...), `["github"]`),
		typed("timeout", Duration, "Limit for a whole pipeline run, e.g. `\"30m\"`."),
		def(enum(str("concurrency", "What happens when a new run starts while one is in progress for the same branch or pull request: `cancel-previous` cancels the older run (deploys are never cancelled), `queue` waits."), "cancel-previous", "queue"), `"cancel-previous"`),
	},
	Blocks: []*Block{{
		Type: "on", Max: 1,
		Doc: "Events that start the pipeline.",
		Attrs: []*Attr{
			typed("push", StringList, "Branch globs whose pushes run the pipeline (and may deploy)."),
			typed("pull_request", StringList, "Target-branch globs whose pull requests run tests and builds; they never push or deploy."),
			typed("tags", StringList, "Tag globs whose pushes run the pipeline; `git.tag` is set on these runs."),
			typed("paths", StringList, "Path globs: only changes touching these paths start a run."),
			def(typed("manual", Bool, "Allow starting a run by hand (`workflow_dispatch` on GitHub)."), "false"),
		},
	}},
	Example: "pipeline \"my-app\" {\n  repository = \"github.com/org/my-app\"\n  ci         = [\"github\"]\n\n  on {\n    push         = [\"main\"]\n    pull_request = [\"main\"]\n  }\n}",
}

var variableBlock = &Block{
	Type: "variable", Labels: []string{"name"},
	Doc: "An input value, as in Terraform. Set it with `-var name=value`, `-var-file FILE` or `PIPEC_VAR_name`; later sources win.",
	Attrs: []*Attr{
		typed("type", TypeExpr, "Type constraint: `string`, `number`, `bool`, `list(string)`, `map(string)`, ... Values are converted to it."),
		typed("default", Any, "Value used when none is given. Without a default the variable is required."),
		str("description", "What the variable is for."),
		def(typed("sensitive", Bool, "Hide the value in pipec's output and diagnostics."), "false"),
	},
	Blocks: []*Block{{
		Type: "validation",
		Doc:  "A rule the value must satisfy.",
		Attrs: []*Attr{
			req(typed("condition", Any, "A bool expression over `var.NAME` that must be true.")),
			req(str("error_message", "The message shown when the condition is false.")),
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
		def(str("github", "The GitHub Actions secret name."), "upper-case NAME with `-` as `_`"),
		def(str("kubernetes", "The Kubernetes Secret name in the CI/CD namespace."), "NAME"),
		def(str("key", "The key inside the Kubernetes Secret that holds the value."), `"token"`),
	},
	Blocks: []*Block{{
		Type: "external", Max: 1,
		Doc: "Also emit an External Secrets Operator `ExternalSecret` that fills the Kubernetes Secret from a secret store (Vault, AWS Secrets Manager, ...).",
		Attrs: []*Attr{
			req(str("store", "The SecretStore or ClusterSecretStore name.")),
			def(enum(str("store_kind", "The kind of the store."), "ClusterSecretStore", "SecretStore"), `"ClusterSecretStore"`),
			req(str("key", "The key of the secret in the remote store.")),
			str("property", "A property inside the remote secret; unset means the whole value."),
			def(typed("refresh", Duration, "How often the operator re-reads the remote secret."), `"1h"`),
		},
	}},
	Example: "secret \"registry\" {\n  github     = \"GITHUB_TOKEN\"\n  kubernetes = \"registry-push\"\n}",
}

var serviceBlock = &Block{
	Type: "service", Labels: []string{"name"},
	Doc: "A sidecar service for the test, such as a database.",
	Attrs: []*Attr{
		req(str("image", "The service's container image.")),
		typed("env", EnvMap, "Environment variables of the service."),
		typed("ports", NumberList, "Ports the service listens on."),
		def(typed("root", Bool, "Run the service as its image's own user (often root), as stock database images such as postgres and mysql need. Without it a Tekton sidecar runs as a non-root user under the restricted Pod Security Standard, which those images refuse; GitHub runs service containers as the image says either way."), "false"),
	},
}

var testBlock = &Block{
	Type: "test", Labels: []string{"name"},
	Doc: "Commands that must pass before images are pushed.",
	Attrs: []*Attr{
		rt(req(str("image", "The container image the commands run in.")), GitRunMatrix),
		rt(req(typed("run", Lines, "Commands, run in order; a failure fails the test. Runtime values may be interpolated, secrets may not (use `env`).")), GitRunMatrix),
		rt(typed("env", EnvMap, "Environment variables; the only place a `secret.NAME` may be used."), GitRunMatrix),
		def(str("working_dir", "Directory, relative to the repository root, the commands run in."), "the repository root"),
		typed("timeout", Duration, "Limit for the test, e.g. `\"15m\"`."),
		ref("needs", "test", true, "Tests that must pass before this one starts."),
		typed("matrix", Matrix, "One run per combination: `{ node = [\"18\", \"20\"] }`; use `matrix.KEY` inside."),
	},
	Blocks:  []*Block{serviceBlock},
	Example: "test \"unit\" {\n  image = \"golang:1.26\"\n  run   = [\"go test ./...\"]\n}",
}

var imageBlock = &Block{
	Type: "image", Labels: []string{"name"},
	Doc: "A container image: build, scan, push and tag. Nothing is pushed on pull requests.",
	Attrs: []*Attr{
		req(str("repository", "Where the image is pushed: `registry/path/name`.")),
		def(str("context", "The build context directory."), `"."`),
		def(str("dockerfile", "The Dockerfile, relative to the repository root."), `"Dockerfile"`),
		rt(typed("build_args", StringMap, "Build arguments; never secrets."), GitRun),
		typed("platforms", StringList, "Target platforms, e.g. `[\"linux/amd64\", \"linux/arm64\"]`."),
		def(typed("cache", Bool, "Cache build layers between runs."), "false"),
		def(ref("needs", "test", true, "Tests that must pass before the image is pushed."), "every test"),
		def(rt(typed("tags", StringList, "Tags, usually with runtime values: `[git.sha, \"${git.branch}-${git.short_sha}\", git.tag]`. A tag using `git.tag` is only applied on tag events. `[]` pushes by digest only."), GitRun), "[git.sha]"),
		def(typed("sign", Bool, "Sign the pushed image (cosign keyless on GitHub, Tekton Chains on Tekton)."), "false"),
		def(typed("sbom", Bool, "Attach an SBOM attestation."), "false"),
		def(typed("provenance", Bool, "Attach a SLSA provenance attestation."), "false"),
	},
	Blocks: []*Block{
		{
			Type: "login", Max: 1,
			Doc: "Registry credentials.",
			Attrs: []*Attr{
				secretOK(rt(req(str("username", "The registry user, e.g. `git.actor`, or a `secret.NAME` that holds it.")), GitRun)),
				req(typed("password", SecretRef, "The password or token: a `secret.NAME`.")),
			},
		},
		{
			Type: "scan", Max: 1,
			Doc: "The vulnerability scan that gates the push. On by default, failing on CRITICAL and HIGH findings.",
			Attrs: []*Attr{
				def(enum(str("scanner", "The scanner."), "trivy"), `"trivy"`),
				def(enum(typed("severity", StringList, "Severities that fail the scan."), severities...), `["CRITICAL", "HIGH"]`),
				def(typed("ignore_unfixed", Bool, "Ignore vulnerabilities without a fix."), "false"),
				def(typed("enabled", Bool, "Set to false to skip the scan."), "true"),
			},
		},
	},
	Example: "image \"app\" {\n  repository = \"ghcr.io/org/app\"\n  tags       = [git.sha]\n}",
}

var gitopsBlock = &Block{
	Type: "gitops", Max: 1,
	Doc: "The manifest repository the CD side writes to; Argo CD syncs from it.",
	Attrs: []*Attr{
		req(str("repository", "The GitOps repository URL, e.g. `https://github.com/org/manifests.git`.")),
		def(str("revision", "The branch CI commits to and Argo CD follows."), `"main"`),
		def(str("path", "The app's folder in the GitOps repository: `base/` and `overlays/ENV/` beneath it."), "the pipeline name"),
		typed("token", SecretRef, "The `secret.NAME` CI uses to push to the repository. Required unless the repository is the source repository."),
	},
	Blocks: []*Block{{
		Type: "argocd", Max: 1,
		Doc: "Where the Argo CD Applications live.",
		Attrs: []*Attr{
			def(str("namespace", "Namespace of Argo CD's Applications."), `"argocd"`),
			def(str("project", "Argo CD project. pipec emits this AppProject with least privilege unless it is `\"default\"`."), "the pipeline name"),
		},
	}},
}

var workloadBlock = &Block{
	Type: "workload", Labels: []string{"name"},
	Doc: "A container that runs in every environment. pipec emits its Kustomize base: a Deployment (or Rollout), Service, Ingress and ServiceAccount.",
	Attrs: []*Attr{
		req(ref("image", "image", false, "The image it runs: `image.NAME`.")),
		typed("port", Number, "The container port; a Service is emitted when set."),
		def(typed("replicas", Number, "Replica count; environments may override it."), "1"),
		typed("env", EnvMap, "Environment variables; `secret.NAME` values come from the Kubernetes Secret."),
		str("health", "HTTP path for readiness and liveness probes, e.g. `/healthz`."),
		str("host", "Ingress host; an Ingress is emitted when set."),
		def(typed("automount_token", Bool, "Mount the service account token into the pod."), "false"),
	},
	Blocks: []*Block{{
		Type: "resources", Max: 1,
		Doc: "Resource requests; memory is also the limit.",
		Attrs: []*Attr{
			str("cpu", "CPU request, e.g. `\"250m\"`."),
			str("memory", "Memory request and limit, e.g. `\"256Mi\"`."),
		},
	}},
	Example: "workload \"api\" {\n  image = image.app\n  port  = 8080\n}",
}

var metricBlock = &Block{
	Type: "metric", Labels: []string{"name"}, Min: 1,
	Doc: "One measurement. Exactly one provider block says where it comes from.",
	Attrs: []*Attr{
		typed("interval", Duration, "Time between measurements."),
		def(typed("count", Number, "Number of measurements. In canary steps and blue-green promotion a metric must end: without count pipec uses 1 when there is no interval and 5 when there is one."), "unbounded"),
		typed("initial_delay", Duration, "Wait before the first measurement."),
		str("success_condition", "Expression over `result` that marks success, e.g. `result[0] > 0.95`."),
		str("failure_condition", "Expression over `result` that marks failure."),
		typed("failure_limit", Number, "Failed measurements tolerated before the analysis fails."),
		typed("inconclusive_limit", Number, "Inconclusive measurements tolerated."),
	},
	Blocks: []*Block{
		{Type: "prometheus", Max: 1, Doc: "Query Prometheus.", Attrs: []*Attr{
			req(str("address", "Prometheus URL.")), req(str("query", "PromQL query; may use `{{args.NAME}}`.")),
		}},
		{Type: "web", Max: 1, Doc: "Call an HTTP endpoint.", Attrs: []*Attr{
			req(str("url", "The URL; may use `{{args.NAME}}`.")),
			def(enum(str("method", "HTTP method."), "GET", "POST", "PUT"), `"GET"`),
			str("json_path", "JSONPath selecting the result, e.g. `{$.data.ok}`."),
			typed("headers", EnvMap, "Request headers; a value may be exactly `secret.NAME` (passed to Argo Rollouts as a secret arg)."),
			typed("timeout", Duration, "Request timeout."),
		}},
		{Type: "job", Max: 1, Doc: "Run a Kubernetes Job; success is exit code 0.", Attrs: []*Attr{
			req(str("image", "The Job's container image.")),
			req(typed("run", Lines, "Commands the Job runs.")),
			typed("backoff_limit", Number, "Retries of the Job."),
		}},
		{Type: "datadog", Max: 1, Doc: "Query Datadog.", Attrs: []*Attr{
			req(str("query", "Datadog query.")), typed("interval", Duration, "Query window."),
		}},
		{Type: "newrelic", Max: 1, Doc: "Query New Relic with NRQL.", Attrs: []*Attr{
			req(str("query", "NRQL query.")), str("profile", "Secret profile name."),
		}},
		{Type: "cloudwatch", Max: 1, Doc: "Query AWS CloudWatch with a metric math expression.", Attrs: []*Attr{
			req(str("expression", "CloudWatch metric math or Metrics Insights query; may use `{{args.NAME}}`.")),
			def(typed("period", Duration, "Period of the returned data points."), `"5m"`),
			str("label", "Label of the returned series."),
			def(typed("interval", Duration, "Time window queried."), `"5m"`),
		}},
	},
}

// Providers are the metric provider block types.
var Providers = []string{"prometheus", "web", "job", "datadog", "newrelic", "cloudwatch"}

var analysisBlock = &Block{
	Type: "analysis", Labels: []string{"name"},
	Doc: "Metrics that judge a rollout (an Argo Rollouts AnalysisTemplate). pipec passes the args `environment`, `namespace` and `workload` to every use, so queries can say `{{args.namespace}}`.",
	Attrs: []*Attr{
		typed("args", StringMap, "Extra args with their default values."),
	},
	Blocks: []*Block{metricBlock},
}

var e2eBlock = &Block{
	Type: "e2e", Labels: []string{"name"},
	Doc: "End-to-end tests that run against the environment once it is deployed and healthy; a failure stops promotion.",
	Attrs: []*Attr{
		req(str("image", "The container image the commands run in.")),
		rt(req(typed("run", Lines, "Commands to run.")), AfterBuild),
		rt(typed("env", EnvMap, "Environment variables; `secret.NAME` allowed."), AfterBuild),
		typed("timeout", Duration, "Limit for the tests."),
	},
}

var stepBlock = &Block{
	Type: "step",
	Doc:  "One canary step; sets exactly one of `weight`, `pause`, `analysis`, `canary_scale`.",
	Attrs: []*Attr{
		typed("weight", Number, "Send this percentage of traffic to the new version (0-100, never going down)."),
		str("pause", "Wait: a duration (`\"5m\"`) or `\"manual\"` to wait for a person to promote."),
		ref("analysis", "analysis", true, "Run analyses and continue only if they pass: `analysis.NAME` or a list."),
		typed("canary_scale", Number, "Scale the canary to this percentage of replicas, independent of traffic."),
	},
}

var environmentBlock = &Block{
	Type: "environment", Labels: []string{"name"},
	Doc: "A deployment target: where it runs, how a version is promoted into it and how it rolls out.",
	Attrs: []*Attr{
		def(str("cluster", "API server URL or Argo CD cluster name."), `"https://kubernetes.default.svc"`),
		def(str("namespace", "Kubernetes namespace."), "NAME"),
		ref("after", "environment", false, "The environment this one is promoted from; the same image digest moves on."),
		def(enum(str("approval", "`manual` makes a person approve every deploy; every backend enforces it."), "auto", "manual"), `"auto"`),
		typed("soak", Duration, "Promotion waits until the previous environment has run the new version, healthy, this long."),
		def(typed("branches", StringList, "Branches whose pushes deploy here (globs allowed)."), "the branches of the `after` environment, else the first `on.push` branch"),
		typed("replicas", Number, "Overrides every workload's replicas here."),
		typed("env", EnvMap, "Overrides of workload environment variables here."),
		str("host", "Overrides the workload's ingress host here."),
		typed("progress_deadline", Duration, "How long a rollout may make no progress before it counts as failed."),
		def(typed("progress_deadline_abort", Bool, "Abort (roll back) a rollout that exceeds its progress deadline."), "false"),
		typed("rollback_window", Number, "Number of recent revisions that roll back at once, skipping steps and analysis."),
	},
	Blocks: []*Block{
		e2eBlock,
		{
			Type: "sync", Max: 1,
			Doc: "The Argo CD sync policy.",
			Attrs: []*Attr{
				def(typed("automated", Bool, "Sync automatically when the GitOps repository changes."), "true"),
				def(typed("prune", Bool, "Delete resources no longer in Git."), "true"),
				def(typed("self_heal", Bool, "Revert changes made in the cluster."), "true"),
				def(typed("options", StringList, "Argo CD sync options."), `["CreateNamespace=true"]`),
			},
		},
		{
			Type: "canary", Max: 1,
			Doc: "A canary rollout: steps run in written order.",
			Attrs: []*Attr{
				enum(str("traffic_routing", "Split traffic through the workloads' Ingress (`nginx` or AWS `alb`) instead of by pod counts: weights become exact and `canary_scale` steps become possible. Needs a workload with a host. Default: nginx when a step uses canary_scale, otherwise none."), "nginx", "alb"),
				str("max_surge", "Extra pods allowed during the update: a number or percentage."),
				str("max_unavailable", "Pods that may be unavailable during the update."),
			},
			Blocks: []*Block{
				stepBlock,
				{
					Type: "analysis", Max: 1,
					Doc: "Background analysis that runs while the canary progresses.",
					Attrs: []*Attr{
						req(ref("templates", "analysis", true, "The analyses to run.")),
						typed("start_step", Number, "Index of the step (from 0) at which the analysis starts."),
					},
				},
			},
		},
		{
			Type: "blue_green", Max: 1,
			Doc: "A blue-green rollout with active and preview Services.",
			Attrs: []*Attr{
				def(typed("auto_promote", Bool, "Switch traffic to the new version without a person."), "true"),
				typed("auto_promote_after", Duration, "With auto_promote, wait this long before switching."),
				ref("pre_promotion_analysis", "analysis", true, "Analyses that must pass before traffic switches."),
				ref("post_promotion_analysis", "analysis", true, "Analyses that must pass after traffic switches."),
				def(typed("scale_down_delay", Duration, "How long the old version stays up after the switch."), `"30s"`),
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
