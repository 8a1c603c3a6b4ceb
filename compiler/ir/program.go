package ir

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Program is the whole lowered spec.
type Program struct {
	// Source names the spec the output was generated from, as written in
	// the generated files' header (for example "pipec.hcl").
	Source   string
	Pipeline *Pipeline
	Secrets  []*Secret
	Tests    []*Test // in declaration order; Needs edges form a DAG
	Images   []*Image
	// GitOps is nil when the spec has no gitops block.
	GitOps       *GitOps
	Workloads    []*Workload
	Analyses     []*Analysis
	Environments []*Environment // promotion order: every After comes earlier
}

// Pipeline is the spec's pipeline block.
type Pipeline struct {
	Name       string
	Repository string   // e.g. github.com/org/app
	CI         []string // "github", "tekton"
	On         Triggers
	// Timeout is the whole run's limit; zero means the backend's default.
	Timeout Duration
	// Concurrency is "cancel-previous" (default) or "queue".
	Concurrency string
	Range       hcl.Range
}

// Triggers is pipeline.on.
type Triggers struct {
	Push        []string // branch globs
	PullRequest []string // branch globs
	Tags        []string // tag globs
	Paths       []string // path globs filtering push and pull_request
	Manual      bool     // workflow_dispatch or a manual PipelineRun
	Range       hcl.Range
}

// Secret is a reference to a secret held elsewhere; never its value.
type Secret struct {
	Name       string
	GitHub     string // GitHub Actions secret name
	Kubernetes string // Kubernetes Secret name in the CI/CD namespace
	// Key is the key inside the Kubernetes Secret holding the value.
	Key string
	// External is nil unless an ExternalSecret must be emitted.
	External *ExternalSecret
	Range    hcl.Range
}

// ExternalSecret fills the Kubernetes Secret from an External Secrets
// Operator store.
type ExternalSecret struct {
	Store     string // SecretStore name
	StoreKind string // "SecretStore" or "ClusterSecretStore"
	Key       string // remote key
	Property  string // "" means the whole remote value
	Refresh   Duration
	Range     hcl.Range
}

// EnvVar is one environment variable. Exactly one of Value and Secret is set.
type EnvVar struct {
	Name   string
	Value  Value
	Secret *Secret // non-nil when the entry is secret.X
	Range  hcl.Range
}

// Test is a test block: commands that must pass before images are pushed.
type Test struct {
	Name       string
	Image      Value // may use matrix values
	Run        []Value
	Env        []EnvVar // sorted by name
	WorkingDir string   // "" means the checkout root
	Timeout    Duration // zero: none set
	Needs      []string // names of tests that must pass first
	Matrix     []MatrixAxis
	Services   []*Service
	Range      hcl.Range
}

// MatrixAxis is one key of a test matrix with its values in written order.
type MatrixAxis struct {
	Key    string
	Values []string
}

// Service is a sidecar service of a test.
type Service struct {
	Name  string
	Image string
	Env   []EnvVar
	Ports []int
	// Root runs the service as its image's user instead of a restricted
	// non-root one (databases that chown their data directory need it).
	Root  bool
	Range hcl.Range
}

// Image is a container image to build, scan, push and tag.
type Image struct {
	Name       string
	Repository string // registry/path/name
	Context    string
	Dockerfile string
	BuildArgs  []KV // sorted by name; never secrets
	Platforms  []string
	Cache      bool
	Needs      []string // test names; defaults to every test
	Tags       []Tag
	// Login is nil when the registry needs no credentials.
	Login      *Login
	Scan       Scan
	Sign       bool
	SBOM       bool
	Provenance bool
	Range      hcl.Range
}

// Tag is one image tag. OnTagOnly is set when the tag uses git.tag and so
// exists only on tag events.
type Tag struct {
	Value     Value
	OnTagOnly bool
	Range     hcl.Range
}

// Login holds registry credentials.
type Login struct {
	Username Value
	Password *Secret
	Range    hcl.Range
}

// Scan is the vulnerability scan that gates the push.
type Scan struct {
	Enabled       bool
	Scanner       string   // "trivy"
	Severity      []string // e.g. CRITICAL, HIGH
	IgnoreUnfixed bool
	Range         hcl.Range
}

// KV is a name and a value.
type KV struct {
	Name  string
	Value Value
	Range hcl.Range
}

// GitOps is the manifest repository the CD side writes to.
type GitOps struct {
	Repository string
	Revision   string
	Path       string // the app's folder: base/ and overlays/ENV/ beneath it
	Token      *Secret
	// SameRepo is set when Repository is the pipeline's own repository, so
	// the deploy step commits in place.
	SameRepo bool
	ArgoCD   ArgoCD
	Range    hcl.Range
}

// ArgoCD says where Applications live.
type ArgoCD struct {
	Namespace string
	Project   string
	// OwnProject is true when pipec emits the AppProject (project is not "default").
	OwnProject bool
}

// Workload is a container that runs in every environment.
type Workload struct {
	Name      string
	Image     string // name of an Image
	Port      int    // 0: no Service
	Replicas  int
	Env       []EnvVar
	Resources Resources
	Health    string // HTTP path for probes; "" none
	Host      string // ingress host; "" none
	// AutomountToken mounts the service account token (off by default).
	AutomountToken bool
	Range          hcl.Range
}

// Resources are requests (and memory limit) of a workload's container.
type Resources struct {
	CPU    string // "" unset
	Memory string // "" unset
}

// Environment is a deployment target.
type Environment struct {
	Name         string
	Cluster      string // API server URL or Argo CD cluster name
	ClusterIsURL bool
	Namespace    string
	After        string // "" for a first environment
	Manual       bool   // approval = "manual"
	Soak         Duration
	Branches     []string
	// Replicas overrides every workload's replicas; 0 means no override.
	Replicas int
	Env      []EnvVar // overrides merged over each workload's env
	Host     string   // "" means no override
	E2E      []*E2E
	Sync     Sync
	// At most one of Canary and BlueGreen is set; neither means rolling update.
	Canary    *Canary
	BlueGreen *BlueGreen
	// ProgressDeadlineAbort aborts a rollout that exceeds its progress deadline.
	ProgressDeadlineAbort bool
	ProgressDeadline      Duration // zero: Kubernetes default
	// RollbackWindow is how many recent revisions roll back fast (Argo
	// Rollouts rollbackWindow.revisions); zero means unset.
	RollbackWindow int
	Range          hcl.Range
}

// E2E runs against an environment once it is deployed and healthy.
type E2E struct {
	Name    string
	Image   string
	Run     []Value
	Env     []EnvVar
	Timeout Duration
	Range   hcl.Range
}

// Sync is the Argo CD sync policy.
type Sync struct {
	Automated bool
	Prune     bool
	SelfHeal  bool
	Options   []string
	Range     hcl.Range
}

// Canary is a canary rollout; steps run in written order.
type Canary struct {
	Steps          []*CanaryStep
	Background     *BackgroundAnalysis // nil: none
	MaxSurge       string              // int or percent; "" unset
	MaxUnavailable string
	// TrafficRouting is "" (split by pod counts), "nginx" or "alb": the
	// controller that splits traffic through the workloads' Ingress.
	TrafficRouting string
	Range          hcl.Range
}

// CanaryStep sets exactly one action.
type CanaryStep struct {
	Weight      *int
	Pause       *Pause
	Analysis    []string // analysis names
	CanaryScale *int     // percent of replicas
	Range       hcl.Range
}

// Pause is a timed or indefinite (manual) pause.
type Pause struct {
	Duration Duration // zero with Manual
	Manual   bool
}

// BackgroundAnalysis runs while the canary progresses.
type BackgroundAnalysis struct {
	Analyses  []string
	StartStep *int // nil: from the start
	Range     hcl.Range
}

// BlueGreen is a blue-green rollout.
type BlueGreen struct {
	AutoPromote      bool
	AutoPromoteAfter Duration // zero: immediately when AutoPromote
	PrePromotion     []string // analysis names
	PostPromotion    []string
	ScaleDownDelay   Duration // zero: Argo's default
	Range            hcl.Range
}

// Analysis is an AnalysisTemplate.
type Analysis struct {
	Name    string
	Args    []AnalysisArg // user args sorted by name, then none of the automatic ones
	Metrics []*Metric
	Range   hcl.Range
}

// AutomaticArgs are the args pipec fills for every use of an analysis.
var AutomaticArgs = []string{"environment", "namespace", "workload"}

// AnalysisArg is a declared arg; Default nil means it must be supplied.
type AnalysisArg struct {
	Name    string
	Default *string
}

// Metric is one measurement of an analysis.
type Metric struct {
	Name     string
	Interval Duration
	// Count is the number of measurements; 0 means unbounded (only valid
	// for background analysis). Lowering fills the finite default for
	// analyses used in steps or blue-green promotion.
	Count             int
	InitialDelay      Duration
	SuccessCondition  string
	FailureCondition  string
	FailureLimit      *int
	InconclusiveLimit *int
	Provider          Provider
	Range             hcl.Range
}

// Provider is the metric source; exactly one field is set.
type Provider struct {
	Prometheus *PrometheusProvider
	Web        *WebProvider
	Job        *JobProvider
	Datadog    *DatadogProvider
	NewRelic   *NewRelicProvider
	CloudWatch *CloudWatchProvider
}

// CloudWatchProvider is one CloudWatch metric data query.
type CloudWatchProvider struct {
	Expression string
	Label      string   // "" unset
	Period     Duration // of data points
	Interval   Duration // window queried
}

type PrometheusProvider struct {
	Address string
	Query   string
}

type WebProvider struct {
	URL      string
	Method   string // "" means GET
	JSONPath string
	Headers  []KV // sorted by name
	Timeout  Duration
}

type JobProvider struct {
	Image   string
	Run     []string
	Backoff int
}

type DatadogProvider struct {
	Query    string
	Interval Duration
}

type NewRelicProvider struct {
	Query   string
	Profile string
}

// Duration is a time.Duration that renders compactly ("5m", "1h30m", "30s").
type Duration time.Duration
