package gha_test

import (
	"testing"

	"github.com/pipec-dev/pipec/backends/gha"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/benchdata"
)

// BenchmarkEmit is this backend alone on the benchmark inputs.
func BenchmarkEmit(b *testing.B) {
	for _, name := range benchdata.Names {
		b.Run(name, func(b *testing.B) {
			p := benchdata.Program(b, name)
			be := gha.New()
			b.ReportAllocs()
			var size int
			for b.Loop() {
				files, diags := be.Emit(p, ir.Options{Source: "pipec.hcl"})
				if diags.HasErrors() {
					b.Fatal(diags.Error())
				}
				size = 0
				for _, f := range files {
					size += len(f.Data)
				}
			}
			b.SetBytes(int64(size))
		})
	}
}
