package tekton

import (
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/yamlout"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// write marshals obj under the pipeline's directory with the generated
// header and the given comment lines.
func (e *emitter) write(rel string, comments []string, obj any) {
	data, err := yamlout.Marshal(obj)
	if err != nil {
		addErr(&e.diags, e.p.Pipeline.Range, "cannot write "+rel, err.Error())
		return
	}
	var b strings.Builder
	b.WriteString(ir.Header(e.opt.Source))
	for _, c := range comments {
		for _, line := range strings.Split(c, "\n") {
			b.WriteString("# " + line + "\n")
		}
	}
	b.Write(data)
	e.files = append(e.files, ir.File{Path: e.dir() + rel, Data: []byte(b.String())})
}
