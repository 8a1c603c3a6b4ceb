package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/internal/specgen"
	"github.com/pipec-dev/pipec/internal/textdiff"
)

// allTargets builds every backend whatever pipeline.ci says, so each
// backend's output is covered by every spec.
const allTargets = "github,tekton,argo"

// determinismRuns is how many builds each setting gets; map iteration
// order changes from one range to the next, so a few runs in one process
// already catch output that depends on it.
const determinismRuns = 3

// determinismSpecs returns the specs whose output must not vary: the seed,
// every example and a generated spec big enough for the parallel parser
// and every block kind.
func determinismSpecs(t *testing.T) []namedSpec {
	t.Helper()
	dirs, err := filepath.Glob("../../examples/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples found (%v)", err)
	}
	var specs []namedSpec
	seed := false
	for _, d := range dirs {
		specs = append(specs, namedSpec{"examples/" + filepath.Base(d), d})
		seed = seed || filepath.Base(d) == "seed"
	}
	if !seed {
		t.Fatal("examples/seed is missing")
	}
	return append(specs, namedSpec{"specgen-50", writeScaledSpec(t, 50)})
}

type namedSpec struct{ name, path string }

// writeScaledSpec writes specgen.Scaled(n) to a fresh folder and returns it.
func writeScaledSpec(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pipec.hcl"), specgen.Spec(specgen.Scaled(n)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// buildTree runs `pipec build` in process into a fresh folder and returns
// the tree it wrote, path -> content.
func buildTree(t *testing.T, spec string) map[string][]byte {
	t.Helper()
	out := t.TempDir()
	var stderr bytes.Buffer
	e := &env{stdout: io.Discard, stderr: &stderr}
	if code := run([]string{"build", "--target", allTargets, "--out", out, spec}, e); code != exitOK {
		t.Fatalf("pipec build %s: exit %d\n%s", spec, code, stderr.String())
	}
	return readTree(t, out)
}

// readTree reads every regular file under root, keyed by slash path.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	tree := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err // folders, and symlinks (compared by what they hold)
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		tree[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tree) == 0 {
		t.Fatalf("nothing written under %s", root)
	}
	return tree
}

func treePaths(tree map[string][]byte) []string {
	paths := make([]string, 0, len(tree))
	for p := range tree {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// compareTrees reports the file lists' difference, or a unified diff of
// the first file whose bytes differ: one diff is enough to see the cause,
// and a big spec would otherwise print hundreds.
func compareTrees(t *testing.T, what string, want, got map[string][]byte) {
	t.Helper()
	if d := cmp.Diff(treePaths(want), treePaths(got)); d != "" {
		t.Errorf("%s: file list differs (-want +got):\n%s", what, d)
		return
	}
	for _, p := range treePaths(want) {
		if !bytes.Equal(want[p], got[p]) {
			t.Errorf("%s: %s differs:\n%s", what, p, textdiff.Unified("want/"+p, "got/"+p, string(want[p]), string(got[p])))
			return
		}
	}
}

// TestDeterministicInProcess builds each spec several times under
// different GOMAXPROCS: the parallel parser and any goroutine in a backend
// must not let scheduling or map order reach the output.
func TestDeterministicInProcess(t *testing.T) {
	prev := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(prev) })
	for _, spec := range determinismSpecs(t) {
		t.Run(spec.name, func(t *testing.T) {
			var first map[string][]byte
			for _, procs := range []int{1, 4, prev} {
				runtime.GOMAXPROCS(procs)
				for i := range determinismRuns {
					got := buildTree(t, spec.path)
					if first == nil {
						first = got
						checkLayout(t, got)
						continue
					}
					compareTrees(t, fmt.Sprintf("GOMAXPROCS=%d run %d", procs, i+1), first, got)
				}
			}
			runtime.GOMAXPROCS(prev)
		})
	}
}

// TestDeterministicAcrossProcesses runs the real binary: each process gets
// its own map hash seed, and the environment changes the scheduler.
func TestDeterministicAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the pipec binary")
	}
	bin := buildBinary(t)
	// GODEBUG has no setting for the map hash seed (it is random in every
	// process anyway); asyncpreemptoff changes how goroutines interleave,
	// and GOGC=1 makes the collector run (and stop the world) constantly.
	many := [][]string{
		{"GOMAXPROCS=1"},
		{"GOMAXPROCS=2"},
		{"GOMAXPROCS=2", "GODEBUG=asyncpreemptoff=1"},
		{"GOMAXPROCS=8", "GOGC=1"},
		{},
		{},
	}
	// The 500-environment tree has about 19,000 files: two runs, the ones
	// most likely to differ, keep the test within seconds.
	few := [][]string{{"GOMAXPROCS=1"}, {}}
	for _, tc := range []struct {
		spec     namedSpec
		settings [][]string
	}{
		{namedSpec{"examples/seed", "../../examples/seed"}, many},
		{namedSpec{"specgen-50", writeScaledSpec(t, 50)}, many},
		{namedSpec{"specgen-500", writeScaledSpec(t, 500)}, few},
	} {
		t.Run(tc.spec.name, func(t *testing.T) {
			var first map[string][]byte
			var firstEnv []string
			for _, set := range tc.settings {
				out := t.TempDir()
				cmd := exec.Command(bin, "build", "--target", allTargets, "--out", out, tc.spec.path)
				cmd.Env = append(cleanEnviron(), set...)
				if b, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("%v: pipec build: %v\n%s", set, err, b)
				}
				got := readTree(t, out)
				if first == nil {
					first, firstEnv = got, set
					continue
				}
				compareTrees(t, fmt.Sprintf("%v vs %v", firstEnv, set), first, got)
			}
		})
	}
}

// cleanEnviron is the test's environment without what could change
// pipec's output or the Go runtime's behaviour between the compared runs.
func cleanEnviron() []string {
	var out []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "PIPEC_") || name == "GOMAXPROCS" || name == "GODEBUG" || name == "GOGC" || name == "GITHUB_ACTIONS" {
			continue
		}
		out = append(out, kv)
	}
	// Every run compiles: a build cache hit would compare the first
	// run's bytes with themselves.
	return append(out, "PIPEC_CACHE=off")
}

// checkLayout asserts what every generated file promises whatever its
// content: the header that marks it as pipec's (the drift check and the
// overwrite guard rely on it), LF line ends, a final newline and no
// trailing blanks (which editors and pre-commit hooks strip, making the
// file look edited).
func checkLayout(t *testing.T, tree map[string][]byte) {
	t.Helper()
	for _, p := range treePaths(tree) {
		data := tree[p]
		if !bytes.HasPrefix(data, []byte("# generated by pipec from ")) {
			first, _, _ := bytes.Cut(data, []byte("\n"))
			t.Errorf("%s: first line %q lacks the pipec header", p, first)
		}
		if bytes.ContainsRune(data, '\r') {
			t.Errorf("%s: contains a CR", p)
		}
		if !bytes.HasSuffix(data, []byte("\n")) {
			t.Errorf("%s: no final newline", p)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.TrimRight(line, " \t") != line {
				t.Errorf("%s:%d: trailing white space: %q", p, i+1, line)
				break
			}
		}
	}
}

// TestCacheConcurrentProcesses runs real pipec processes at once on one
// build cache: six build the seed into their own trees, twice, while the
// spec is replaced by another between the rounds. Entries are written in
// place; whatever a process meets (a half-written entry, another
// process's stamp), its tree must be what a build with the cache off
// writes.
func TestCacheConcurrentProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the pipec binary")
	}
	bin := buildBinary(t)
	// A binary changed in the last 50 ms is not told apart by its times,
	// so it does not use the cache.
	time.Sleep(stampMargin + 10*time.Millisecond)
	seed, err := os.ReadFile("../../examples/seed/pipec.hcl")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	spec, cache := filepath.Join(root, "spec"), filepath.Join(root, "cache")
	build := func(out string, cacheOn bool) error {
		cmd := exec.Command(bin, "build", "--target", allTargets, "--out", out, spec)
		env := "PIPEC_CACHE=off"
		if cacheOn {
			env = "PIPEC_CACHE=" + cache
		}
		cmd.Env = append(cleanEnviron(), env) // the last PIPEC_CACHE wins
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("%v\n%s", err, b)
		}
		return nil
	}
	versions := []string{string(seed), strings.Replace(string(seed), "replicas  = 10", "replicas  = 12", 1)}
	for round, v := range versions {
		writeTreeFile(t, spec, "pipec.hcl", v)
		ref := filepath.Join(root, fmt.Sprintf("ref-%d", round))
		if err := build(ref, false); err != nil {
			t.Fatal(err)
		}
		want := readTree(t, ref)
		for pass := range 2 {
			errs := make(chan error, 6)
			for i := range 6 {
				go func() {
					errs <- build(filepath.Join(root, fmt.Sprintf("out-%d", i)), true)
				}()
			}
			for range 6 {
				if err := <-errs; err != nil {
					t.Fatalf("round %d, pass %d: %v", round, pass, err)
				}
			}
			for i := range 6 {
				compareTrees(t, fmt.Sprintf("round %d, pass %d, process %d", round, pass, i), want, readTree(t, filepath.Join(root, fmt.Sprintf("out-%d", i))))
			}
		}
	}
}

// buildBinary builds the pipec command into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "pipec")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
