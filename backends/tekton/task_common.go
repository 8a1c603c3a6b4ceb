package tekton

import (
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

const (
	apiPipeline = "tekton.dev/v1"
	apiTriggers = "triggers.tekton.dev/v1beta1"

	// The checkout lives in src/ of the workspace so built OCI layouts
	// (images/NAME) stay out of every build context.
	srcDir    = "$(workspaces.source.path)/src"
	imagesDir = "$(workspaces.source.path)/images"
)

// builtTask is a Task plus the runtime values its params carry, which the
// Pipeline binds per scope.
type builtTask struct {
	suffix string // Task name without the pipeline prefix; also its file name
	header []string
	obj    task
	refs   map[string]ir.Ref
}

func (e *emitter) newTask(suffix, description string) *builtTask {
	return &builtTask{
		suffix: suffix,
		obj: task{
			APIVersion: apiPipeline, Kind: "Task",
			Metadata: kube.ObjectMeta{Name: e.prefix + "-" + suffix, Labels: e.labels()},
			Spec:     taskSpec{Description: description},
		},
		refs: map[string]ir.Ref{},
	}
}

// bind copies the params a binder collected into the Task.
func (t *builtTask) bind(b *binder) {
	t.obj.Spec.Params = append(t.obj.Spec.Params, b.taskParams()...)
	for n, r := range b.params {
		t.refs[n] = r
	}
}

func sourceWorkspace() []workspaceDecl {
	return []workspaceDecl{{Name: "source", Description: "The run's checkout (src/) and built image layouts (images/)."}}
}

func homeEnv() kube.EnvVar { return kube.EnvVar{Name: "HOME", Value: "/tmp"} }

// gitSafeEnv lets git trust the checkout, which belongs to another uid.
func gitSafeEnv() []kube.EnvVar {
	return []kube.EnvVar{
		{Name: "GIT_CONFIG_COUNT", Value: "1"},
		{Name: "GIT_CONFIG_KEY_0", Value: "safe.directory"},
		{Name: "GIT_CONFIG_VALUE_0", Value: "*"},
	}
}

func strp(s string) *string { return &s }

func (e *emitter) labels() map[string]string {
	return map[string]string{"app.kubernetes.io/managed-by": "pipec", "app.kubernetes.io/part-of": e.prefix}
}
