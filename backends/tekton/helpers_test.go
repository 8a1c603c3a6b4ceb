package tekton_test

import (
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/compiler/ir"
	"sigs.k8s.io/yaml"
)

// Generic views of the emitted YAML, read back the way a cluster would.

type doc = map[string]any

func parse(t *testing.T, f ir.File) doc {
	t.Helper()
	var d doc
	if err := yaml.Unmarshal(f.Data, &d); err != nil {
		t.Fatalf("%s: %v", f.Path, err)
	}
	return d
}

func byPath(t *testing.T, files []ir.File, suffix string) doc {
	t.Helper()
	for _, f := range files {
		if strings.HasSuffix(f.Path, suffix) {
			return parse(t, f)
		}
	}
	t.Fatalf("no file ending in %s", suffix)
	return nil
}

func hasPath(files []ir.File, suffix string) bool {
	for _, f := range files {
		if strings.HasSuffix(f.Path, suffix) {
			return true
		}
	}
	return false
}

func get(d any, keys ...string) any {
	for _, k := range keys {
		m, ok := d.(map[string]any)
		if !ok {
			return nil
		}
		d = m[k]
	}
	return d
}

func list(d any, keys ...string) []any {
	l, _ := get(d, keys...).([]any)
	return l
}

func str(d any, keys ...string) string {
	s, _ := get(d, keys...).(string)
	return s
}

// pipelineTasks maps task name to its runAfter list.
func pipelineTasks(d doc) (names []string, runAfter map[string][]string, byName map[string]any) {
	runAfter = map[string][]string{}
	byName = map[string]any{}
	for _, pt := range list(d, "spec", "tasks") {
		n := str(pt, "name")
		names = append(names, n)
		byName[n] = pt
		for _, a := range list(pt, "runAfter") {
			runAfter[n] = append(runAfter[n], a.(string))
		}
	}
	return names, runAfter, byName
}

// reaches reports whether to transitively runs after from.
func reaches(runAfter map[string][]string, from, to string) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(n string) bool {
		if n == from {
			return true
		}
		if seen[n] {
			return false
		}
		seen[n] = true
		for _, a := range runAfter[n] {
			if walk(a) {
				return true
			}
		}
		return false
	}
	return walk(to)
}
