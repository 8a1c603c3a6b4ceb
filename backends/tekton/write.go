package tekton

import (
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/yamlout"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// write marshals obj under the pipeline's directory with the generated
// header and the given comment lines.
func (e *emitter) write(rel string, comments []string, obj any) {
	data := make([]byte, 0, 8<<10)
	data = append(data, ir.Header(e.opt.Source)...)
	for _, c := range comments {
		for _, line := range strings.Split(c, "\n") {
			data = append(data, "# "+line+"\n"...)
		}
	}
	data, err := yamlout.Append(data, obj)
	if err != nil {
		addErr(&e.diags, e.p.Pipeline.Range, "cannot write "+rel, err.Error())
		return
	}
	e.files = append(e.files, ir.File{Path: e.dir() + rel, Data: data})
}
