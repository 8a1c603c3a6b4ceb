package main

import (
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/buildcache"
)

// stampMargin is how long before a stamp is recorded a file must have
// last changed for the stamp to vouch for it. The kernel stamps change
// times from a clock that advances once per tick (1-10 ms), so a file
// changed again in the tick it was recorded in would keep its change
// time; with the margin, any change after recording gets a change time
// the stamp does not trust. The margin must exceed one tick.
const stampMargin = 50 * time.Millisecond

// stampHits counts builds that found the tree current by its stamp, for
// tests.
var stampHits atomic.Int64

// stampTreeName identifies a tree for stamps: the absolute output root and
// the folders a build with these targets compares.
func stampTreeName(out string, roots []string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		return ""
	}
	return abs + "\x00" + strings.Join(roots, "\x00")
}

// treeStamped reports whether the tree under out still holds the files
// of the entry id, by the stamp a build recorded: every folder and YAML
// file under the roots has the metadata it had then (a file written,
// edited, removed or replaced, or one added to a folder, changes it). Cheaper than reading the tree: 46 lstat calls on the
// seed instead of 31 files and 15 folders read.
func treeStamped(c *buildcache.Cache, key *buildcache.Key, id uint64, out string, roots []string) bool {
	if !lstatWorks || key == nil {
		return false
	}
	tree := stampTreeName(out, roots)
	s, ok := c.GetStamp(key, tree)
	if !ok || tree == "" || s.Entry != id || !s.Trusted() {
		return false
	}
	for _, r := range s.Records {
		if got, ok := lstatRecord(out, r.Path); !ok || got != r {
			return false
		}
	}
	stampHits.Add(1)
	return true
}

// stampTree records that the tree under out holds files, the files of
// entry id, and no other YAML file than snap found: call it only when the build found every
// file current and wrote and removed nothing, so that the tree is as the
// snapshot saw it. The records are the snapshot's (taken with the
// reading, so recording costs no walk of its own). Nothing is recorded
// when the snapshot did not record metadata or did not read a file, or
// when something changed too recently to be vouched for: a build that
// wrote files leaves the stamp to the next build.
func stampTree(c *buildcache.Cache, key *buildcache.Key, id uint64, out string, roots []string, files []ir.File, snap *treeSnapshot) {
	tree := stampTreeName(out, roots)
	if key == nil || id == 0 || tree == "" || snap == nil || !snap.statted {
		return
	}
	for _, f := range files {
		if _, ok := snap.files[f.Path]; !ok {
			return
		}
	}
	// Every YAML file under the roots, not only the generated ones: any
	// of them may be an orphan (a file with this spec's header that the
	// build no longer writes), and a file can become one by an edit in
	// place, which changes no folder.
	s := &buildcache.Stamp{Entry: id, Before: snap.before, Records: append([]buildcache.Record{}, snap.folders...)}
	for _, meta := range snap.files {
		s.Records = append(s.Records, meta)
	}
	slices.SortFunc(s.Records[len(snap.folders):], func(a, b buildcache.Record) int { return strings.Compare(a.Path, b.Path) })
	if s.Trusted() && localRecords(out, s.Records) {
		c.PutStamp(key, tree, s) // without a stamp the next build reads the tree
	}
}

// localRecords reports whether every file system the records are on is
// one whose times a stamp may trust (localFS): one statfs per device, so
// a root or folder that is a mount of its own is checked too.
func localRecords(out string, records []buildcache.Record) bool {
	seen := map[uint64]bool{}
	for _, r := range records {
		if r.Missing || seen[r.Dev] {
			continue
		}
		seen[r.Dev] = true
		if !localFS(filepath.Join(out, filepath.FromSlash(r.Path))) {
			return false
		}
	}
	return true
}
