package tekton

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/compiler/ir/irtest"
	"github.com/rogpeppe/go-internal/txtar"
)

func TestFixturesValidate(t *testing.T) {
	fixtures := tektontest.Fixtures()
	seed := irtest.Seed()
	seed.Pipeline.CI = []string{"tekton"}
	fixtures = append(fixtures, tektontest.Fixture{Name: "irtest-seed", Program: seed})
	for _, fx := range fixtures {
		t.Run(fx.Name, func(t *testing.T) {
			files, diags := tekton.New().Emit(fx.Program, ir.Options{Source: fx.Program.Source})
			if diags.HasErrors() {
				t.Fatalf("Emit: %s", diags.Error())
			}
			kinds := map[string]int{}
			for _, f := range files {
				kind, err := validateFile(f.Data)
				if err != nil {
					t.Errorf("%s (%s): %v", f.Path, kind, err)
				}
				kinds[kind]++
			}
			for _, k := range []string{"tekton.dev/v1/Task", "tekton.dev/v1/Pipeline", "tekton.dev/v1/PipelineRun"} {
				if kinds[k] == 0 {
					t.Errorf("no %s emitted", k)
				}
			}
		})
	}
}

// TestGoldenArchivesValidate validates every out/tekton/ section of the
// end-to-end golden archives and of the backend's own golden files.
func TestGoldenArchivesValidate(t *testing.T) {
	var archives []string
	for _, root := range []string{"../../testdata/golden", "../../backends/tekton/testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return filepath.SkipDir
				}
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, ".txtar") {
				archives = append(archives, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, path := range archives {
		a, err := txtar.ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range a.Files {
			if !strings.HasPrefix(f.Name, "out/tekton/") || !(strings.HasSuffix(f.Name, ".yaml") || strings.HasSuffix(f.Name, ".yml")) {
				continue
			}
			n++
			if kind, err := validateFile(f.Data); err != nil {
				t.Errorf("%s: %s (%s): %v", path, f.Name, kind, err)
			}
		}
	}
	t.Logf("validated %d Tekton files from %d archives", n, len(archives))
}

// TestMatrixNeedsBeta proves the header's feature-flag line is needed:
// a Pipeline with a matrix is rejected when only stable fields are on.
func TestMatrixNeedsBeta(t *testing.T) {
	files, _ := tekton.New().Emit(tektontest.MatrixSidecars(), ir.Options{Source: "pipec.hcl"})
	found := false
	for _, f := range files {
		if !strings.HasSuffix(f.Path, "/pipeline.yaml") {
			continue
		}
		found = true
		if apiFieldsFor(f.Data) != "beta" {
			t.Fatalf("%s: matrix pipeline lacks the beta header line", f.Path)
		}
		stable := []byte(strings.ReplaceAll(string(f.Data), betaHeader, "stable only"))
		if _, err := validateFile(stable); err == nil || !strings.Contains(err.Error(), "matrix") {
			t.Errorf("%s: want a matrix error under enable-api-fields=stable, got %v", f.Path, err)
		}
	}
	if !found {
		t.Fatal("no pipeline.yaml emitted")
	}
}
