package gha

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txtar with the current output")

// emitFixture emits f and fails the test on any diagnostic but the
// fixture's expected warnings.
func emitFixture(t *testing.T, f fixture) []ir.File {
	t.Helper()
	files, diags := New().Emit(f.prog(), ir.Options{Source: "pipec.hcl"})
	var got []string
	for _, d := range diags {
		if d.Severity != hcl.DiagWarning {
			t.Fatalf("Emit(%s) diagnostics: %v", f.name, diags)
		}
		got = append(got, d.Summary)
	}
	if diff := cmp.Diff(f.warnings, got); diff != "" {
		t.Fatalf("Emit(%s) warnings (-want +got):\n%s", f.name, diff)
	}
	return files
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			files := emitFixture(t, f)
			got := &txtar.Archive{Comment: []byte("GitHub Actions output for the " + f.name + " fixture (go test -update rewrites it).\n")}
			for _, file := range files {
				got.Files = append(got.Files, txtar.File{Name: file.Path, Data: file.Data})
			}
			path := filepath.Join("testdata", f.name+".txtar")
			if *update {
				if err := os.WriteFile(path, txtar.Format(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(archiveMap(want), archiveMap(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

func archiveMap(a *txtar.Archive) map[string]string {
	m := map[string]string{}
	for _, f := range a.Files {
		m[f.Name] = string(f.Data)
	}
	return m
}

func TestDeterministic(t *testing.T) {
	for _, f := range fixtures {
		a, b := emitFixture(t, f), emitFixture(t, f)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("%s: two Emits differ (-first +second):\n%s", f.name, diff)
		}
	}
}
