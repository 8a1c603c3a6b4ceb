package lang

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to the whole front end (parse, decode,
// evaluate, check). It must never panic, and a module must always come back.
func FuzzLoad(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/errors/*.hcl")
	seeds = append(seeds, "../examples/seed/pipec.hcl")
	for _, s := range seeds {
		if data, err := os.ReadFile(s); err == nil {
			f.Add(data, false)
		}
	}
	f.Add([]byte(`{"pipeline": {"x": {"repository": "github.com/o/x"}}}`), true)
	f.Fuzz(func(t *testing.T, data []byte, json bool) {
		name := "pipec.hcl"
		if json {
			name = "pipec.json"
		}
		m, _ := LoadSources([]Source{{Name: name, Data: data}}, Options{})
		if m == nil {
			t.Fatal("nil module")
		}
	})
}
