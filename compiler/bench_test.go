package compiler_test

import (
	"testing"

	"github.com/pipec-dev/pipec/compiler"
	"github.com/pipec-dev/pipec/internal/benchdata"
	"github.com/pipec-dev/pipec/lang"
)

// BenchmarkLower is lowering a checked module into the IR.
func BenchmarkLower(b *testing.B) {
	for _, name := range benchdata.Names {
		b.Run(name, func(b *testing.B) {
			m, diags := lang.LoadSources([]lang.Source{{Name: "pipec.hcl", Data: benchdata.Spec(b, name)}}, lang.Options{})
			if diags.HasErrors() {
				b.Fatal(diags.Error())
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := compiler.Lower(m, "pipec.hcl"); diags.HasErrors() {
					b.Fatal(diags.Error())
				}
			}
		})
	}
}
