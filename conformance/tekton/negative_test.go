package tekton

import (
	"strings"
	"testing"
)

// TestValidatorRejects shows the oracle is not vacuous: each broken
// object must fail with the expected message.
func TestValidatorRejects(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"unknown field", `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: t}
spec:
  stepz: []
  steps: [{name: s, image: alpine, script: "true"}]
`, "unknown field"},
		{"undeclared param", `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: t}
spec:
  steps: [{name: s, image: alpine, env: [{name: X, value: $(params.nope)}], script: "true"}]
`, "params.nope"},
		{"runAfter unknown task", `apiVersion: tekton.dev/v1
kind: Pipeline
metadata: {name: p}
spec:
  tasks: [{name: a, taskRef: {name: t}, runAfter: [missing]}]
`, "missing"},
		{"matrix without beta", `apiVersion: tekton.dev/v1
kind: Pipeline
metadata: {name: p}
spec:
  tasks: [{name: a, taskRef: {name: t}, matrix: {params: [{name: k, value: [a, b]}]}}]
`, "matrix"},
		{"trigger template undeclared param", `apiVersion: triggers.tekton.dev/v1beta1
kind: TriggerTemplate
metadata: {name: tt}
spec:
  params: [{name: a}]
  resourcetemplates:
  - apiVersion: tekton.dev/v1
    kind: PipelineRun
    metadata: {generateName: r-}
    spec: {pipelineRef: {name: p}, params: [{name: x, value: $(tt.params.b)}]}
`, "tt.params.b"},
		{"event listener without template", `apiVersion: triggers.tekton.dev/v1beta1
kind: EventListener
metadata: {name: el}
spec:
  serviceAccountName: sa
  triggers: [{name: t, bindings: [{ref: b}]}]
`, "template"},
		{"pipelinerun strict", `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata: {generateName: r-}
spec: {pipelineRef: {name: p}, serviceAccountName: sa}
`, "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := validateFile([]byte(tt.doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error mentioning %q", err, tt.want)
			}
		})
	}
}
