package tekton

import (
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// pipelineRun is the run template shared by the manual templates and the
// TriggerTemplates: a fresh volume per run (never a shared PVC, which
// would carry one run's files into the next), the pipeline's service
// account, the restricted pod defaults, and the per-task pod settings
// (graph.runSpecs): a user namespace for the build pods, service names
// for the test pods.
func (e *emitter) pipelineRun(pipelineName, serviceAccount string, params []param, specs []pipelineTaskRunSpec) pipelineRun {
	spec := pipelineRunSpec{
		PipelineRef: &pipelineRef{Name: pipelineName},
		Params:      params,
		TaskRunTemplate: &taskRunTemplate{
			ServiceAccountName: serviceAccount,
			PodTemplate:        podDefaults(),
		},
		Workspaces: []runWorkspace{{Name: "source", VolumeClaimTemplate: &volumeClaimTemplate{Spec: pvcSpec{
			AccessModes: []string{"ReadWriteOnce"},
			Resources:   pvcResources{Requests: map[string]string{"storage": "1Gi"}},
		}}}},
	}
	if d := e.runTimeouts[pipelineName]; d > 0 {
		spec.Timeouts = &timeouts{Pipeline: ir.Duration(d).String()}
	}
	spec.TaskRunSpecs = specs
	return pipelineRun{
		APIVersion: apiPipeline, Kind: "PipelineRun",
		Metadata: kube.ObjectMeta{GenerateName: pipelineName + "-", Labels: e.labels()},
		Spec:     spec,
	}
}

func (e *emitter) serviceAccount() string { return e.prefix + "-pipeline" }

// prServiceAccount runs pull requests, whose code may come from a fork:
// it should hold no Secrets and no RBAC at all.
func (e *emitter) prServiceAccount() string { return e.prefix + "-pull-request" }

// manualParams are a manual run's params: the default branch's head.
func (e *emitter) manualParams() []param {
	branch := "main"
	if on := e.p.Pipeline.On.Push; len(on) > 0 && !containsGlob(on[0]) {
		branch = on[0]
	}
	return []param{
		{Name: "repo-url", Value: httpsURL(e.p.Pipeline.Repository)},
		{Name: "revision", Value: branch},
		{Name: "git-ref", Value: "refs/heads/" + branch},
	}
}

func containsGlob(s string) bool {
	for _, r := range s {
		switch r {
		case '*', '?', '[', ']', '!':
			return true
		}
	}
	return false
}
