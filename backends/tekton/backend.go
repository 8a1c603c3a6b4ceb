package tekton

import (
	"sort"
	"strconv"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/backends/internal/yamlout"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// Backend emits Tekton objects under tekton/<pipeline>/.
type Backend struct{}

// New returns the Tekton backend.
func New() *Backend { return &Backend{} }

var (
	_ ir.Emitter  = (*Backend)(nil)
	_ ir.Preparer = (*Backend)(nil)
)

// Prepare works out how the Tekton object types are written
// (ir.Preparer); TestPrepareCoversEmit keeps the list whole.
func (*Backend) Prepare() {
	yamlout.Prepare(pipeline{}, pipelineRun{}, task{}, triggerBinding{}, triggerTemplate{}, eventListener{}, webhookSecretRef{}, kube.ExternalSecret{})
}

// Name is the target name.
func (*Backend) Name() string { return "tekton" }

// Emit returns no files unless pipeline.ci lists "tekton".
func (*Backend) Emit(p *ir.Program, opt ir.Options) ([]ir.File, hcl.Diagnostics) {
	if p == nil || p.Pipeline == nil || !p.HasCI("tekton") {
		return nil, nil
	}
	e := &emitter{p: p, opt: opt, prefix: dnsLabel(p.Pipeline.Name), built: map[string]*builtTask{}, runTimeouts: map[string]time.Duration{}}
	e.header = ir.Header(opt.Source)
	if e.prefix == "" {
		addErr(&e.diags, p.Pipeline.Range, "pipeline name unusable for Tekton",
			"The pipeline name must contain letters or digits; Tekton object names are derived from it.")
		return nil, e.diags
	}
	e.emitAll()
	sort.Slice(e.files, func(i, j int) bool { return e.files[i].Path < e.files[j].Path })
	return e.files, e.diags
}

type emitter struct {
	p      *ir.Program
	opt    ir.Options
	prefix string // DNS label of the pipeline name; prefixes every object
	diags  hcl.Diagnostics
	built  map[string]*builtTask // Tasks by suffix, built once
	used   []string              // suffixes of the Tasks some Pipeline uses
	files  []ir.File
	header string        // ir.Header(opt.Source), the first line of every file
	out    yamlout.Arena // holds the files' bytes
	// runTimeouts is each Pipeline's timeouts.pipeline; zero: Tekton's default.
	runTimeouts map[string]time.Duration
}

// task returns the Task with suffix, building it on first use so every
// Pipeline that runs it shares one definition.
func (e *emitter) task(suffix string, build func() *builtTask) *builtTask {
	if t, ok := e.built[suffix]; ok {
		return t
	}
	t := build()
	e.built[suffix] = t
	return t
}

func (e *emitter) useTask(bt *builtTask) {
	for _, s := range e.used {
		if s == bt.suffix {
			return
		}
	}
	e.used = append(e.used, bt.suffix)
}

// application is the Argo CD Application of env, named as the argo
// backend names it.
func (e *emitter) application(env string) string { return e.p.Pipeline.Name + "-" + env }

func (e *emitter) dir() string { return "tekton/" + e.prefix + "/" }

func itoa(i int) string { return strconv.Itoa(i) }

func (e *emitter) emitAll() {
	p := e.p
	pushPipe, pushBuilds := e.pushPipeline()
	e.write("pipeline.yaml", e.pipelineHeader(pushPipe), pushPipe)
	run := e.pipelineRun(pushPipe.Metadata.Name, e.serviceAccount(), e.manualParams(), pushBuilds)
	e.write("pipelinerun.yaml", []string{
		"PipelineRun template for a manual run of " + pushPipe.Metadata.Name + "; set revision, then:",
		"kubectl create -f pipelinerun.yaml   (create, not apply: the name is generated)",
	}, run)

	var prBuilds []pipelineTaskRunSpec
	if len(p.Pipeline.On.PullRequest) > 0 {
		var prPipe pipeline
		prPipe, prBuilds = e.pullRequestPipeline()
		e.write("pipeline-pull-request.yaml", e.pipelineHeader(prPipe), prPipe)
	}
	e.emitPromotions()
	e.emitTriggers(pushBuilds, prBuilds)
	e.emitExternalSecrets()
	e.checkTimeoutCoversSoak()

	for _, s := range e.used {
		bt := e.built[s]
		hdr := []string{"Tekton Pipelines v1 Task (validated against Pipelines v1.12.0)."}
		e.write("tasks/"+bt.suffix+".yaml", append(hdr, bt.header...), bt.obj)
	}
	if p.Pipeline.Concurrency == "queue" {
		addWarn(&e.diags, p.Pipeline.Range, "concurrency not enforced by Tekton",
			"Tekton Pipelines has no run queue; concurrent PipelineRuns of "+e.prefix+" can overlap. The GitOps push retries keep commits consistent.")
	}
}

func (e *emitter) pipelineHeader(pl pipeline) []string {
	h := []string{"Tekton Pipelines v1 Pipeline (validated against Pipelines v1.12.0)."}
	for _, t := range pl.Spec.Tasks {
		if t.Matrix != nil {
			h = append(h, "Needs feature-flags enable-api-fields: \"beta\" (the default) or \"alpha\": matrix is a beta field.")
			break
		}
	}
	return h
}
