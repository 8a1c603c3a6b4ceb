package main

import (
	"path/filepath"
	"testing"
)

// Every example validates and builds with no diagnostic at all.
func TestExamplesClean(t *testing.T) {
	dirs, _ := filepath.Glob("../../examples/*")
	if len(dirs) < 5 {
		t.Fatalf("found %d examples", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res := compileSpec(dir, nil, nil, &env{})
			if len(res.diags) > 0 {
				t.Errorf("diagnostics:\n%s", renderDiags(res.diags))
			}
			if len(res.files) == 0 {
				t.Error("no files generated")
			}
		})
	}
}
