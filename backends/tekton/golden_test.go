package tekton_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txtar from the current output")

func emit(t *testing.T, p *ir.Program) []ir.File {
	t.Helper()
	files, diags := tekton.New().Emit(p, ir.Options{Source: p.Source})
	if diags.HasErrors() {
		t.Fatalf("Emit: %s", diags.Error())
	}
	return files
}

func archive(files []ir.File, diags hcl.Diagnostics) []byte {
	a := &txtar.Archive{Comment: []byte("Tekton backend output; regenerate with go test ./backends/tekton -update\n")}
	for _, d := range diags {
		a.Comment = append(a.Comment, fmt.Sprintf("diagnostic: %s\n", d.Summary)...)
	}
	for _, f := range files {
		a.Files = append(a.Files, txtar.File{Name: "out/" + f.Path, Data: f.Data})
	}
	return txtar.Format(a)
}

func TestGolden(t *testing.T) {
	for _, fx := range tektontest.Fixtures() {
		t.Run(fx.Name, func(t *testing.T) {
			files, diags := tekton.New().Emit(fx.Program, ir.Options{Source: fx.Program.Source})
			if diags.HasErrors() {
				t.Fatalf("Emit: %s", diags.Error())
			}
			got := archive(files, diags)
			path := filepath.Join("testdata", fx.Name+".txtar")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("output differs from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, fx := range tektontest.Fixtures() {
		a := archive(emit(t, fx.Program), nil)
		for i := 0; i < 5; i++ {
			b := archive(emit(t, fx.Program), nil)
			if diff := cmp.Diff(string(a), string(b)); diff != "" {
				t.Fatalf("%s: second emit differs (-first +again):\n%s", fx.Name, diff)
			}
		}
	}
}

func TestHeaderAndSorted(t *testing.T) {
	for _, fx := range tektontest.Fixtures() {
		files := emit(t, fx.Program)
		for i, f := range files {
			if !strings.HasPrefix(string(f.Data), ir.Header(fx.Program.Source)) {
				t.Errorf("%s: %s does not start with the header", fx.Name, f.Path)
			}
			if !strings.HasPrefix(f.Path, "tekton/"+fx.Program.Pipeline.Name+"/") {
				t.Errorf("%s: %s is outside tekton/%s/", fx.Name, f.Path, fx.Program.Pipeline.Name)
			}
			if i > 0 && files[i-1].Path >= f.Path {
				t.Errorf("%s: files not sorted: %s before %s", fx.Name, files[i-1].Path, f.Path)
			}
		}
	}
}
