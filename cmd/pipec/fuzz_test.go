package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pipec-dev/pipec/compiler"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/lang"
)

// FuzzBuild runs every backend on whatever spec the checker accepts: no
// panic, whatever the input.
func FuzzBuild(f *testing.F) {
	seeds, _ := filepath.Glob("../../examples/*/pipec.hcl")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	reg := registry()
	f.Fuzz(func(t *testing.T, data []byte) {
		m, diags := lang.LoadSources([]lang.Source{{Name: "pipec.hcl", Data: data}}, lang.Options{})
		if diags.HasErrors() {
			return
		}
		p, diags := compiler.Lower(m, "pipec.hcl")
		if diags.HasErrors() {
			return
		}
		reg.Emit(p, []string{"github", "tekton", "argo"}, ir.Options{Source: "pipec.hcl"})
	})
}
