package argo

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/backends/argo"
	"github.com/pipec-dev/pipec/backends/argo/argotest"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/rogpeppe/go-internal/txtar"
)

// tree is a generated GitOps tree: slash paths starting with "deploy/".
type tree map[string][]byte

func (t tree) paths() []string {
	out := make([]string, 0, len(t))
	for p := range t {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// fixtureTrees runs the backend on every fixture.
func fixtureTrees(t *testing.T) map[string]tree {
	t.Helper()
	out := map[string]tree{}
	for _, f := range argotest.All() {
		files, diags := argo.New().Emit(f.Program(), ir.Options{Source: "pipec.hcl"})
		if diags.HasErrors() {
			t.Fatalf("fixture %s: %v", f.Name, diags)
		}
		tr := tree{}
		for _, file := range files {
			tr[file.Path] = file.Data
		}
		out["fixture/"+f.Name] = tr
	}
	return out
}

// goldenRoots are where txtar archives with out/deploy/ sections live: the
// lead's end-to-end golden files and the backend's own.
var goldenRoots = []string{"../../testdata/golden", "../../backends/argo/testdata"}

// goldenTrees reads every *.txtar under the golden roots and returns the
// deploy/ tree of each archive that has one. Archives without one are
// counted in skipped.
func goldenTrees(t *testing.T) (trees map[string]tree, skipped int) {
	t.Helper()
	trees = map[string]tree{}
	for _, root := range goldenRoots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return filepath.SkipDir
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".txtar") {
				return nil
			}
			a, err := txtar.ParseFile(p)
			if err != nil {
				return err
			}
			tr := tree{}
			for _, f := range a.Files {
				if name, ok := strings.CutPrefix(f.Name, "out/"); ok && strings.HasPrefix(name, "deploy/") {
					tr[name] = f.Data
				}
			}
			if len(tr) == 0 {
				skipped++
				return nil
			}
			trees[p] = tr
			return nil
		})
		if err != nil {
			t.Fatalf("walking %s: %v", root, err)
		}
	}
	return trees, skipped
}
