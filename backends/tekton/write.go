package tekton

import (
	"strings"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// write marshals obj under the pipeline's directory with the generated
// header and the given comment lines.
func (e *emitter) write(rel string, comments []string, obj any) {
	e.out.WriteString(e.header)
	for _, c := range comments {
		for line := range strings.SplitSeq(c, "\n") {
			e.out.WriteString("# ")
			e.out.WriteString(line)
			e.out.WriteString("\n")
		}
	}
	err := e.out.Encode(obj)
	data := e.out.Finish()
	if err != nil {
		addErr(&e.diags, e.p.Pipeline.Range, "cannot write "+rel, err.Error())
		return
	}
	e.files = append(e.files, ir.File{Path: e.dir() + rel, Data: data})
}
