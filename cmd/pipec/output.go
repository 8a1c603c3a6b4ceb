package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// managedRoots are the folders under --out where pipec looks for its own
// files when it removes orphans.
var managedRoots = []string{".github/workflows", "tekton", "deploy"}

// fileState says how an output file on disk compares with what pipec
// would write.
type fileState int

const (
	stateCurrent  fileState = iota
	stateMissing            // pipec would create it
	stateStale              // pipec's file, but different content
	stateForeign            // a file without pipec's header is in the way
	stateOrphaned           // pipec's file from this spec that it no longer produces
)

type plannedFile struct {
	path  string // slash path relative to out
	state fileState
	old   []byte
	new   []byte
}

// isGenerated reports whether data carries pipec's header, and for which
// source.
func isGenerated(data []byte) (source string, ok bool) {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	s := string(line)
	if !strings.HasPrefix(s, ir.HeaderPrefix) {
		return "", false
	}
	s = strings.TrimPrefix(s, ir.HeaderPrefix)
	src, _, _ := strings.Cut(s, "; do not edit")
	return src, true
}

// planOutput compares files with the tree under out.
func planOutput(out string, files []ir.File, source string) ([]plannedFile, error) {
	var plan []plannedFile
	want := map[string]bool{}
	for _, f := range files {
		want[f.Path] = true
		dest := filepath.Join(out, filepath.FromSlash(f.Path))
		old, err := os.ReadFile(dest)
		p := plannedFile{path: f.Path, new: f.Data, old: old}
		switch {
		case os.IsNotExist(err):
			p.state = stateMissing
		case err != nil:
			return nil, err
		case bytes.Equal(old, f.Data):
			p.state = stateCurrent
		default:
			if _, gen := isGenerated(old); gen {
				p.state = stateStale
			} else {
				p.state = stateForeign
			}
		}
		plan = append(plan, p)
	}
	for _, root := range managedRoots {
		dir := filepath.Join(out, filepath.FromSlash(root))
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) {
					return filepath.SkipDir
				}
				return err
			}
			if d.IsDir() || !(strings.HasSuffix(path, ".yml") || strings.HasSuffix(path, ".yaml")) {
				return nil
			}
			rel, _ := filepath.Rel(out, path)
			rel = filepath.ToSlash(rel)
			if want[rel] {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if src, gen := isGenerated(data); gen && src == source {
				plan = append(plan, plannedFile{path: rel, state: stateOrphaned, old: data})
			}
			return nil
		})
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
	}
	sort.Slice(plan, func(i, j int) bool { return plan[i].path < plan[j].path })
	return plan, nil
}

// writeAtomic replaces path with data through a temporary file and a
// rename, so readers never see half a file.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".pipec-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

// removeEmptyDirs removes dir and its parents up to stop while empty.
func removeEmptyDirs(dir, stop string) {
	for dir != stop && strings.HasPrefix(dir, stop) {
		if err := os.Remove(dir); err != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}
