// Package tekton emits Tekton Pipelines v1 and Tekton Triggers v1beta1
// objects for a Program whose pipeline.ci lists "tekton": the Tasks, the
// push and pull-request Pipelines, a PipelineRun template, the trigger
// objects that start a run from a GitHub webhook, one promotion Pipeline
// per manual environment, and ExternalSecrets for secrets kept elsewhere.
//
// It owns the mapping from the IR to Tekton (docs/backends/tekton.md) and
// the small typed structs that mirror the Tekton JSON field names. The
// real Tekton types are used only by the conformance module
// (conformance/tekton), which decodes every emitted object strictly and
// runs Tekton's own defaulting and validation on it.
package tekton
