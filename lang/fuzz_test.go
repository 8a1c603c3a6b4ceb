package lang

import (
	"testing"

	"github.com/pipec-dev/pipec/internal/fuzzseed"
)

// addSeeds seeds f with every example, golden spec, bad input and
// generated spec, plus a JSON spec so the JSON parser is explored too.
func addSeeds(f *testing.F) {
	seeds, err := fuzzseed.Seeds("..")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s.Data, s.JSON)
	}
	f.Add([]byte(`{"pipeline": {"x": {"repository": "github.com/o/x"}}}`), true)
}

// FuzzLoad feeds arbitrary bytes to the whole front end (parse, decode,
// evaluate, check). Whatever the input, the LSP and the CLI rely on three
// things: no panic, a module to work on, and errors that say where and
// why, inside the file the user is editing.
func FuzzLoad(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, json bool) {
		name := fuzzseed.FileName(json)
		m, diags := LoadSources([]Source{{Name: name, Data: data}}, Options{})
		if m == nil {
			t.Fatal("nil module")
		}
		if err := fuzzseed.CheckDiags(diags, name, data); err != nil {
			t.Fatalf("input %q:\n%v", data, err)
		}
	})
}
