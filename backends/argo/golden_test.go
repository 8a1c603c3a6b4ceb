package argo_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/argo"
	"github.com/pipec-dev/pipec/backends/argo/argotest"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txtar from the backend's output")

// emit runs the backend on a fixture and fails the test on any error.
func emit(t *testing.T, f argotest.Fixture) []ir.File {
	t.Helper()
	files, diags := argo.New().Emit(f.Program(), ir.Options{Source: "pipec.hcl"})
	if diags.HasErrors() {
		t.Fatalf("%s: unexpected errors: %v", f.Name, diags)
	}
	if len(files) == 0 {
		t.Fatalf("%s: no files", f.Name)
	}
	return files
}

// archive lays files out as the lead's golden files do: one out/<path> section each.
func archive(files []ir.File) []byte {
	a := &txtar.Archive{}
	for _, f := range files {
		a.Files = append(a.Files, txtar.File{Name: "out/" + f.Path, Data: f.Data})
	}
	return txtar.Format(a)
}

func TestGolden(t *testing.T) {
	for _, f := range argotest.All() {
		t.Run(f.Name, func(t *testing.T) {
			got := archive(emit(t, f))
			path := filepath.Join("testdata", f.Name+".txtar")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range argotest.All() {
		first := archive(emit(t, f))
		for i := 0; i < 5; i++ {
			if again := archive(emit(t, f)); !bytes.Equal(first, again) {
				t.Fatalf("%s: run %d differs from the first", f.Name, i+2)
			}
		}
	}
}

func TestEveryFileHasHeaderAndSortedPaths(t *testing.T) {
	for _, f := range argotest.All() {
		files := emit(t, f)
		for i, file := range files {
			if !bytes.HasPrefix(file.Data, []byte(ir.Header("pipec.hcl"))) {
				t.Errorf("%s: %s does not start with the generated-file header", f.Name, file.Path)
			}
			if i > 0 && files[i-1].Path >= file.Path {
				t.Errorf("%s: %s after %s: not sorted", f.Name, file.Path, files[i-1].Path)
			}
		}
	}
}
