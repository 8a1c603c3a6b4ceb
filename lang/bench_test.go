package lang_test

import (
	"testing"

	"github.com/pipec-dev/pipec/internal/benchdata"
	"github.com/pipec-dev/pipec/lang"
)

// BenchmarkLoad is parse, decode, evaluate and check.
func BenchmarkLoad(b *testing.B) {
	for _, name := range benchdata.Names {
		b.Run(name, func(b *testing.B) {
			srcs := []lang.Source{{Name: "pipec.hcl", Data: benchdata.Spec(b, name)}}
			b.SetBytes(int64(len(srcs[0].Data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := lang.LoadSources(srcs, lang.Options{}); diags.HasErrors() {
					b.Fatal(diags.Error())
				}
			}
		})
	}
}
