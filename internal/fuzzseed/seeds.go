package fuzzseed

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/internal/specgen"
	"github.com/rogpeppe/go-internal/txtar"
)

// Seed is one spec file to start fuzzing from.
type Seed struct {
	// Name says where the seed came from, for messages only.
	Name string
	Data []byte
	// JSON is true for HCL JSON syntax; targets pass it as their second
	// argument so the fuzzer can also try one syntax's bytes in the other.
	JSON bool
}

// Seeds returns every seed found under the repository root root (a path
// relative to the calling test's package directory, such as "../.."):
// examples/*/pipec.hcl, the spec sections of testdata/golden/*.txtar, the
// bad-input corpus lang/testdata/errors/*.hcl and a few generated specs.
// It fails when a source yields nothing, so a moved directory cannot
// silently leave a target with an empty corpus.
func Seeds(root string) ([]Seed, error) {
	var out []Seed
	add := func(name string, data []byte) {
		out = append(out, Seed{Name: name, Data: data, JSON: strings.HasSuffix(name, ".json")})
	}
	for _, glob := range []string{"examples/*/pipec.hcl", "lang/testdata/errors/*.hcl"} {
		files, _ := filepath.Glob(filepath.Join(root, glob))
		if len(files) == 0 {
			return nil, fmt.Errorf("fuzzseed: no %s under %s", glob, root)
		}
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			add(f, data)
		}
	}
	archives, _ := filepath.Glob(filepath.Join(root, "testdata/golden/*.txtar"))
	sort.Strings(archives)
	n := 0
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			return nil, err
		}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "out/") || !(strings.HasSuffix(f.Name, ".hcl") || strings.HasSuffix(f.Name, ".json")) {
				continue
			}
			add(a+":"+f.Name, f.Data)
			n++
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("fuzzseed: no spec sections in %s/testdata/golden/*.txtar", root)
	}
	// Generated specs are the only seeds with every block kind and
	// cross-references at once; small sizes keep each execution fast.
	for _, size := range []int{1, 5} {
		add(fmt.Sprintf("specgen(%d)", size), specgen.Spec(specgen.Size{Environments: size, Tests: size, Images: size}))
	}
	return out, nil
}

// FileName is the spec file name a target loads its input under.
func FileName(json bool) string {
	if json {
		return "pipec.json"
	}
	return "pipec.hcl"
}

// AddSeeds adds every seed under the repository root to f.
func AddSeeds(f *testing.F, root string) {
	seeds, err := Seeds(root)
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s.Data, s.JSON)
	}
}
