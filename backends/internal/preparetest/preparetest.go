package preparetest

import (
	"slices"
	"testing"

	"github.com/pipec-dev/pipec/backends/internal/yamlout"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/fuzzprog"
	"github.com/pipec-dev/pipec/internal/fuzzseed"
)

// Backend is what the check needs of a backend.
type Backend interface {
	ir.Emitter
	ir.Preparer
}

// CheckPrepareCoversEmit empties the encoder's type cache, runs
// b.Prepare, then emits every seed spec under the repository root root
// (examples, goldens, the bad-input corpus, generated specs) and fails
// for each struct type the encodes had to add. It must not run in
// parallel with other tests that encode.
func CheckPrepareCoversEmit(t *testing.T, b Backend, root string) {
	t.Helper()
	seeds, err := fuzzseed.Seeds(root)
	if err != nil {
		t.Fatal(err)
	}
	yamlout.ForgetTypes()
	t.Cleanup(yamlout.ForgetTypes)
	b.Prepare()
	prepared := yamlout.CachedStructTypes()
	programs := 0
	for _, s := range seeds {
		p, name := fuzzprog.Program(s.Data, s.JSON)
		if p == nil {
			continue
		}
		programs++
		if _, diags := b.Emit(p, ir.Options{Source: name}); diags.HasErrors() {
			continue
		}
	}
	if programs == 0 {
		t.Fatal("no seed compiled: the check would prove nothing")
	}
	for _, typ := range yamlout.CachedStructTypes() {
		if !slices.Contains(prepared, typ) {
			t.Errorf("%s's Emit wrote %s, which its Prepare does not reach: add it (or a type that has it) to Prepare", b.Name(), typ)
		}
	}
}
