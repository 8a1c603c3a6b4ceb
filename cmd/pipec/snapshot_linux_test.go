package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/internal/buildcache"
)

// snapView is a snapshot's entries in a form cmp can compare.
type snapView map[string]struct {
	Data string
	Read bool
}

func viewOf(s *treeSnapshot) snapView {
	v := snapView{}
	for k, e := range s.entries {
		v[k] = struct {
			Data string
			Read bool
		}{string(e.data), e.read}
	}
	for k := range s.dirs {
		v[k+"/"] = struct {
			Data string
			Read bool
		}{"(folder)", false}
	}
	return v
}

// TestReadDirentsMatchesWalk checks the system-call reader against the
// WalkDir one on trees with every kind of entry: where both can stand in
// for the tree, they must hold the same entries and bytes; where the
// fast one declines, planOutput reads the tree itself, which is always
// correct.
func TestReadDirentsMatchesWalk(t *testing.T) {
	write := writeTreeFile
	symlink := func(t *testing.T, target, link string) {
		t.Helper()
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name     string
		roots    []string
		build    func(t *testing.T, out string)
		budget   int64
		declines bool     // readDirents leaves the tree to planOutput
		read     []string // files both must have read (the rest is compared)
	}{
		{name: "every kind of entry", roots: []string{".github/workflows", "deploy", "missing"}, read: []string{".github/workflows/a.yml", ".github/workflows/empty.yaml", "deploy/base/big.yaml", "deploy/overlays/prod/deep/er/x.yml"}, build: func(t *testing.T, out string) {
			write(t, out, ".github/workflows/a.yml", "a: 1\n")
			write(t, out, ".github/workflows/empty.yaml", "")
			write(t, out, ".github/workflows/notes.md", "not YAML by name\n")
			write(t, out, "deploy/base/big.yaml", strings.Repeat("k: v\n", 30000)) // outgrows a block
			write(t, out, "deploy/overlays/prod/kustomization.yaml", "resources: []\n")
			write(t, out, "deploy/overlays/prod/deep/er/x.yml", "x: 1\n")
			if err := os.MkdirAll(filepath.Join(out, "deploy/empty"), 0o755); err != nil {
				t.Fatal(err)
			}
			symlink(t, "a.yml", filepath.Join(out, ".github/workflows/link.yml"))
			symlink(t, "base", filepath.Join(out, "deploy/linked-folder"))
			if err := syscall.Mkfifo(filepath.Join(out, "deploy/fifo.yaml"), 0o644); err != nil {
				t.Fatal(err)
			}
			write(t, out, "elsewhere/outside.yaml", "not under a root\n")
		}},
		{name: "many entries in one folder", roots: []string{"tekton"}, build: func(t *testing.T, out string) {
			for i := range 400 { // more than one getdents64 buffer
				write(t, out, fmt.Sprintf("tekton/app/task-with-a-longish-name-%03d.yaml", i), fmt.Sprintf("n: %d\n", i))
			}
		}},
		{name: "no output yet", roots: []string{".github/workflows"}, build: func(*testing.T, string) {}},
		{name: "root is a symlink", roots: []string{"deploy"}, declines: true, build: func(t *testing.T, out string) {
			write(t, out, "real/a.yaml", "a: 1\n")
			symlink(t, "real", filepath.Join(out, "deploy"))
		}},
		{name: "root is a file", roots: []string{"deploy"}, declines: true, build: func(t *testing.T, out string) {
			write(t, out, "deploy", "a file where a folder goes\n")
		}},
		{name: "over budget", roots: []string{"deploy"}, budget: 100, declines: true, build: func(t *testing.T, out string) {
			write(t, out, "deploy/a.yaml", strings.Repeat("a", 60))
			write(t, out, "deploy/b.yaml", strings.Repeat("b", 60))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.budget > 0 {
				defer func(b int64) { snapshotBudget = b }(snapshotBudget)
				snapshotBudget = tt.budget
			}
			out := t.TempDir()
			tt.build(t, out)
			fast, walk := newSnapshot(tt.roots, false), newSnapshot(tt.roots, false)
			fastOK, walkOK := fast.readDirents(out), walk.readWalk(out)
			if tt.declines {
				if fastOK {
					t.Errorf("readDirents stood in for the tree; want it to decline")
				}
				return
			}
			if !fastOK || !walkOK {
				t.Fatalf("usable: readDirents %v, readWalk %v; want both", fastOK, walkOK)
			}
			for _, rel := range tt.read {
				if e := fast.entries[rel]; !e.read {
					t.Errorf("%s not read", rel)
				}
			}
			if diff := cmp.Diff(viewOf(walk), viewOf(fast)); diff != "" {
				t.Errorf("entries (-readWalk +readDirents)\n%s", diff)
			}
		})
	}
}

// TestSnapshotRecords: the metadata a statted snapshot records (for a
// tree stamp) are what lstat says of the same paths, for every folder
// under the roots, a missing root, and every file read.
func TestSnapshotRecords(t *testing.T) {
	out := t.TempDir()
	for _, f := range []string{"deploy/a.yaml", "deploy/x/b.yaml", "deploy/x/y/c.yml", "deploy/notes.txt"} {
		writeTreeFile(t, out, f, "# "+f+"\n")
	}
	s := readSnapshot(out, []string{".github/workflows", "deploy"}, true)
	if !s.usable || !s.statted {
		t.Fatalf("snapshot usable %v, statted %v", s.usable, s.statted)
	}
	var got, want []string
	check := func(r buildcache.Record) {
		got = append(got, r.Path)
		l, ok := lstatRecord(out, r.Path)
		if !ok {
			t.Fatalf("lstat %s failed", r.Path)
		}
		if diff := cmp.Diff(l, r); diff != "" {
			t.Errorf("%s: snapshot record differs from lstat (-lstat +snapshot):\n%s", r.Path, diff)
		}
	}
	for _, r := range s.folders {
		check(r)
	}
	for path, meta := range s.files {
		check(meta)
		if meta.Path != path {
			t.Errorf("file %s has the record of %s", path, meta.Path)
		}
		if !s.entries[path].read {
			t.Errorf("file %s has a record but was not read", path)
		}
	}
	want = []string{".github/workflows", "deploy", "deploy/x", "deploy/x/y", "deploy/a.yaml", "deploy/x/b.yaml", "deploy/x/y/c.yml"}
	sort.Strings(got)
	sort.Strings(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("recorded paths (-want +got):\n%s", diff)
	}
	if s := readSnapshot(out, []string{"deploy"}, false); s.statted || len(s.folders) != 0 || len(s.files) != 0 {
		t.Errorf("a snapshot without stat recorded metadata")
	}

	// Over the budget the snapshot is not usable, but still records every
	// folder and file; without stat it stops.
	defer func(b int64) { snapshotBudget = b }(snapshotBudget)
	snapshotBudget = 10
	over := readSnapshot(out, []string{".github/workflows", "deploy"}, true)
	if over.usable || !over.statted || len(over.files) != 3 || len(over.folders) != 4 {
		t.Errorf("over budget: usable %v, statted %v, %d files and %d folders recorded; want false, true, 3, 4", over.usable, over.statted, len(over.files), len(over.folders))
	}
	for _, r := range over.files {
		check(r)
	}
	if s := readSnapshot(out, []string{"deploy"}, false); s.usable || s.statted {
		t.Errorf("over budget without stat: usable %v, statted %v", s.usable, s.statted)
	}
}
