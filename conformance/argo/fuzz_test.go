package argo

import (
	"testing"

	"github.com/pipec-dev/pipec/backends/argo"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/fuzzprog"
	"github.com/pipec-dev/pipec/internal/fuzzseed"
)

// FuzzArgoOutputs compiles arbitrary specs to a GitOps tree: whatever the
// checker and the backend accept must pass every check TestGoldenFiles
// applies (strict decoding, Argo Rollouts and Argo CD validation, CRD
// schemas, kustomize build, restricted pods, cross-references).
func FuzzArgoOutputs(f *testing.F) {
	fuzzseed.AddSeeds(f, "../..")
	f.Fuzz(func(t *testing.T, data []byte, json bool) {
		p, name := fuzzprog.Program(data, json)
		if p == nil {
			return // FuzzLoad and FuzzLower check the front end's diagnostics
		}
		files, diags := argo.New().Emit(p, ir.Options{Source: name})
		if err := fuzzseed.CheckDiags(diags, name, data); err != nil {
			t.Fatalf("input %q:\n%v", data, err)
		}
		if diags.HasErrors() || len(files) == 0 {
			return // no environments: nothing to deploy
		}
		tr := tree{}
		for _, file := range files {
			tr[file.Path] = file.Data
		}
		checkTree(&inputReporter{T: t, input: data}, tr)
	})
}

// inputReporter adds the failing spec to every message, since a fuzz
// failure is useless without the input that caused it.
type inputReporter struct {
	*testing.T
	input []byte
}

func (r *inputReporter) Errorf(format string, args ...any) {
	r.T.Helper()
	r.T.Errorf(format+"\ninput %q", append(args, r.input)...)
}

func (r *inputReporter) Fatal(args ...any) {
	r.T.Helper()
	r.T.Fatal(append(args, "\ninput ", string(r.input))...)
}
