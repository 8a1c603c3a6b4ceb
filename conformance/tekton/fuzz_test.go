package tekton

import (
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/fuzzprog"
	"github.com/pipec-dev/pipec/internal/fuzzseed"
)

// FuzzTektonOutputs compiles arbitrary specs to Tekton: whatever the
// checker and the backend accept must be accepted by Tekton's own
// defaulting and validation, which is what the cluster's admission
// webhook runs.
func FuzzTektonOutputs(f *testing.F) {
	fuzzseed.AddSeeds(f, "../..")
	f.Fuzz(func(t *testing.T, data []byte, json bool) {
		p, name := fuzzprog.Program(data, json)
		if p == nil {
			return // FuzzLoad and FuzzLower check the front end's diagnostics
		}
		// As `pipec build --target tekton` does: the backend reads
		// pipeline.ci to decide whether to emit anything.
		if !p.HasCI("tekton") {
			p.Pipeline.CI = append(p.Pipeline.CI, "tekton")
		}
		files, diags := tekton.New().Emit(p, ir.Options{Source: name})
		if err := fuzzseed.CheckDiags(diags, name, data); err != nil {
			t.Fatalf("input %q:\n%v", data, err)
		}
		if diags.HasErrors() {
			return
		}
		if len(files) == 0 {
			t.Fatalf("no Tekton files for a spec that compiled\ninput %q", data)
		}
		for _, file := range files {
			if !strings.HasSuffix(file.Path, ".yaml") && !strings.HasSuffix(file.Path, ".yml") {
				continue
			}
			if kind, err := validateFile(file.Data); err != nil {
				t.Errorf("%s (%s): %v\ninput %q", file.Path, kind, err, data)
			}
		}
	})
}
