package main

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/pipec-dev/pipec/internal/buildcache"
)

// snapshotBudget is how many bytes of YAML a snapshot holds before it
// gives up and leaves the comparison to planOutput's own reading, which
// reuses one buffer per reader: a 500-environment tree is 126 MiB.
var snapshotBudget int64 = 8 << 20

// treeSnapshot is what the output roots held when the build started: the
// YAML files' contents and the names of everything else. It is read on
// its own goroutine while the spec is parsed and compiled, which on the
// seed leaves the second CPU idle; comparing against it afterwards takes
// the reading of 31 files (a sixth of a cold build) off the critical
// path.
type treeSnapshot struct {
	done  chan struct{}
	roots []string // slash paths relative to out, as walked
	// entries holds every non-folder under roots by its slash path
	// relative to out; dirs every folder below a root.
	entries map[string]snapEntry
	dirs    map[string]bool
	// usable is false when the walk failed or outgrew snapshotBudget: the
	// snapshot then says nothing and planOutput reads the tree itself.
	usable bool
	// With stat set, the reader also records the metadata of every folder
	// (folders, a missing root as missing) and of every YAML file, for a
	// tree stamp; statted says it did. A tree over snapshotBudget is then
	// still walked for its metadata, though the snapshot is not usable.
	// before is stampMargin before the reading started: no record made
	// after it can be trusted past it.
	stat, statted bool
	before        int64
	folders       []buildcache.Record
	files         map[string]buildcache.Record
}

// snapEntry is one file of the snapshot; only regular YAML files are
// read (the only kind pipec writes or removes), other entries (symlinks,
// devices, other files) are left to be opened like any file.
type snapEntry struct {
	data []byte
	read bool
}

// startSnapshot starts reading the roots under out in the background;
// then, on the same goroutine, it runs after (when not nil). One
// goroutine beside the compile, not two: on two CPUs a third runnable
// goroutine took its time from the parse. With one CPU (GOMAXPROCS=1)
// there is nothing to overlap and it returns nil, which planOutput takes
// as "read the tree yourself": the background work only added to the
// build (9% on the seed's own targets).
func startSnapshot(out string, roots []string, stat bool, after func()) *treeSnapshot {
	if runtime.GOMAXPROCS(0) < 2 {
		return nil
	}
	s := newSnapshot(roots, stat)
	go func() {
		s.usable = s.read(out)
		close(s.done)
		if after != nil {
			after()
		}
	}()
	return s
}

// readSnapshot reads the roots under out on this goroutine, for a build
// that has nothing to do meanwhile.
func readSnapshot(out string, roots []string, stat bool) *treeSnapshot {
	s := newSnapshot(roots, stat)
	s.usable = s.read(out)
	close(s.done)
	return s
}

func newSnapshot(roots []string, stat bool) *treeSnapshot {
	s := &treeSnapshot{done: make(chan struct{}), roots: roots, entries: map[string]snapEntry{}, dirs: map[string]bool{}, stat: stat && lstatWorks}
	if s.stat {
		s.before = time.Now().Add(-stampMargin).UnixNano()
		s.files = map[string]buildcache.Record{}
	}
	return s
}

// readWalk fills the snapshot with filepath.WalkDir and os.ReadFile. It
// is read on systems without readDirents, and the reference
// readDirents is tested against.
func (s *treeSnapshot) readWalk(out string) bool {
	var size int64
	for _, root := range s.roots {
		dir := filepath.Join(out, filepath.FromSlash(root))
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == dir && errors.Is(err, fs.ErrNotExist) {
					return filepath.SkipDir // no root, nothing under it
				}
				return err
			}
			rel, err := filepath.Rel(out, path)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				s.dirs[rel] = true
				return nil
			}
			if !d.Type().IsRegular() || !isYAMLName(rel) {
				s.entries[rel] = snapEntry{}
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if size += int64(len(data)); size > snapshotBudget {
				return errSnapshotFull
			}
			s.entries[rel] = snapEntry{data: data, read: true}
			return nil
		})
		if err != nil {
			return false
		}
	}
	return true
}

var errSnapshotFull = errors.New("output tree larger than the snapshot budget")

// wait blocks until the snapshot is read and reports whether it can
// stand in for the tree.
func (s *treeSnapshot) wait() bool {
	if s == nil {
		return false
	}
	<-s.done
	return s.usable
}

// lookup returns what the snapshot knows of rel: read is false when the
// file must be read from disk after all (it is outside the roots, not a
// plain YAML file, a folder, or below something that is not a folder,
// such as a symlink to one, which the readers do not follow but opening
// the path does); otherwise exists and data describe it.
func (s *treeSnapshot) lookup(rel string) (data []byte, exists, read bool) {
	if !s.covers(rel) || s.dirs[rel] {
		return nil, false, false
	}
	e, exists := s.entries[rel]
	if exists && !e.read {
		return nil, false, false
	}
	if !exists {
		for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
			if _, ok := s.entries[dir]; ok {
				return nil, false, false
			}
		}
	}
	return e.data, exists, true
}

// covers reports whether rel lies under a walked root.
func (s *treeSnapshot) covers(rel string) bool {
	for _, root := range s.roots {
		if strings.HasPrefix(rel, root+"/") {
			return true
		}
	}
	return false
}

func isYAMLName(name string) bool {
	return strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml")
}
