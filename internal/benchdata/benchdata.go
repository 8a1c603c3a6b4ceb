package benchdata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/specgen"
	"github.com/pipec-dev/pipec/lang"
)

// Names are the benchmark inputs, smallest first.
var Names = []string{"seed", "envs50", "envs500"}

// Spec returns the source of the named input.
func Spec(tb testing.TB, name string) []byte {
	tb.Helper()
	switch name {
	case "seed":
		_, here, _, _ := runtime.Caller(0)
		data, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "examples", "seed", "pipec.hcl"))
		if err != nil {
			tb.Fatal(err)
		}
		return data
	case "envs50":
		return specgen.Spec(specgen.Scaled(50))
	case "envs500":
		return specgen.Spec(specgen.Scaled(500))
	}
	tb.Fatalf("no benchmark input %q", name)
	return nil
}

// Program loads, checks and lowers the named input, with every CI target
// on so that each backend has work.
func Program(tb testing.TB, name string) *ir.Program {
	tb.Helper()
	m, diags := lang.LoadSources([]lang.Source{{Name: "pipec.hcl", Data: Spec(tb, name)}}, lang.Options{})
	if diags.HasErrors() {
		tb.Fatal(diags.Error())
	}
	p, diags := compiler.Lower(m, "pipec.hcl")
	if diags.HasErrors() {
		tb.Fatal(diags.Error())
	}
	for _, t := range []string{"github", "tekton"} {
		if !p.HasCI(t) {
			p.Pipeline.CI = append(p.Pipeline.CI, t)
		}
	}
	return p
}

// Emitter is a backend, as the emit benchmarks drive it.
type Emitter interface {
	Emit(p *ir.Program, opt ir.Options) ([]ir.File, hcl.Diagnostics)
}

// BenchmarkEmit runs one backend on every input, reporting the bytes
// it writes per second.
func BenchmarkEmit(b *testing.B, be Emitter) {
	for _, name := range Names {
		b.Run(name, func(b *testing.B) {
			p := Program(b, name)
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
