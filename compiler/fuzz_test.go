package compiler

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pipec-dev/pipec/lang"
)

// FuzzLower runs the front end and lowering on arbitrary specs: whatever
// the checker accepts, Lower must turn into a Program without panicking.
func FuzzLower(f *testing.F) {
	seeds, _ := filepath.Glob("../examples/*/pipec.hcl")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, diags := lang.LoadSources([]lang.Source{{Name: "pipec.hcl", Data: data}}, lang.Options{})
		if diags.HasErrors() {
			return
		}
		p, _ := Lower(m, "pipec.hcl")
		if p == nil || p.Pipeline == nil {
			t.Fatal("no program for a valid spec")
		}
	})
}
