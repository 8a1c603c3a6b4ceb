package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/parallel"
)

// targetRoots are the folders under --out where each target writes, so
// orphan removal only looks where a target it ran would have written: a
// `--target github` build must not delete the GitOps tree.
var targetRoots = map[string][]string{
	"github": {".github/workflows"},
	"tekton": {"tekton"},
	"argo":   {"deploy"},
}

// allRoots are the roots of every target. A build with the spec's default
// targets sweeps all of them, so dropping "tekton" from pipeline.ci
// removes the Tekton files it left behind.
func allRoots() []string {
	var out []string
	for _, rs := range targetRoots {
		out = append(out, rs...)
	}
	sort.Strings(out)
	return out
}

// rootsFor returns the roots to sweep for orphans: those of the explicit
// --target list, or all of them when the spec chose its targets.
func rootsFor(explicit []string) []string {
	if len(explicit) == 0 {
		return allRoots()
	}
	var out []string
	for _, t := range explicit {
		out = append(out, targetRoots[t]...)
	}
	sort.Strings(out)
	return out
}

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
	// oldSource is the source named in the header of the file on disk.
	oldSource string
}

// isGenerated reports whether data carries pipec's header, and for which
// source.
func isGenerated(data []byte) (source string, ok bool) {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	s := strings.TrimSuffix(string(line), "\r")
	if !strings.HasPrefix(s, ir.HeaderPrefix) {
		return "", false
	}
	s = strings.TrimPrefix(s, ir.HeaderPrefix)
	src, _, _ := strings.Cut(s, "; do not edit")
	return src, true
}

// planOutput compares files with the tree under out: what a build would
// create, update and remove. It reads and never writes. Orphans are files
// under roots whose header names source but that files no longer has;
// files without the header, or generated from another spec, are never
// orphans. snap, when not nil, is the tree as read at the start of the
// build (startSnapshot); planOutput falls back to reading the tree when
// the snapshot could not hold it.
func planOutput(out string, files []ir.File, source string, roots []string, snap *treeSnapshot, keep ...string) ([]plannedFile, error) {
	var plan []plannedFile
	want := make(map[string]bool, len(files))
	var olds [][]byte
	var same []bool
	var errs []error
	useSnap := snap.wait()
	if useSnap {
		olds, same, errs = compareSnapshot(out, files, snap)
	} else {
		olds, same, errs = readAll(out, files)
	}
	for i, f := range files {
		want[f.Path] = true
		old, err := olds[i], errs[i]
		p := plannedFile{path: f.Path, new: f.Data, old: old}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			p.state = stateMissing
		case err != nil:
			return nil, err
		case same[i]:
			p.state = stateCurrent
		default:
			if src, gen := isGenerated(old); gen {
				p.state = stateStale
				p.oldSource = src
			} else {
				p.state = stateForeign
			}
		}
		plan = append(plan, p)
	}
	orphan := func(rel string, data []byte) {
		if want[rel] {
			return
		}
		for _, k := range keep {
			if strings.HasPrefix(rel, k+"/") {
				return // published by CI, not generated here
			}
		}
		if src, gen := isGenerated(data); gen && src == source {
			plan = append(plan, plannedFile{path: rel, state: stateOrphaned, old: data, oldSource: src})
		}
	}
	if useSnap {
		for rel, e := range snap.entries {
			if e.read {
				orphan(rel, e.data)
			}
		}
	} else if err := walkOrphans(out, roots, want, orphan); err != nil {
		return nil, err
	}
	sort.Slice(plan, func(i, j int) bool { return plan[i].path < plan[j].path })
	return plan, nil
}

// walkOrphans calls orphan with the content of every YAML file under
// roots that files do not write.
func walkOrphans(out string, roots []string, want map[string]bool, orphan func(rel string, data []byte)) error {
	for _, root := range roots {
		dir := filepath.Join(out, filepath.FromSlash(root))
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return filepath.SkipDir
				}
				return err
			}
			if !d.Type().IsRegular() || !isYAMLName(path) {
				return nil
			}
			rel, err := filepath.Rel(out, path)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			if want[rel] {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			orphan(rel, data)
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// compareSnapshot is readAll against a snapshot: files it holds are
// compared in memory, files it has not read are read from disk.
func compareSnapshot(out string, files []ir.File, snap *treeSnapshot) (olds [][]byte, same []bool, errs []error) {
	olds = make([][]byte, len(files))
	same = make([]bool, len(files))
	errs = make([]error, len(files))
	var buf []byte
	for i, f := range files {
		data, exists, read := snap.lookup(f.Path)
		switch {
		case !read:
			olds[i], same[i], errs[i] = compareFile(filepath.Join(out, filepath.FromSlash(f.Path)), f.Data, &buf)
		case !exists:
			errs[i] = &fs.PathError{Op: "open", Path: filepath.Join(out, filepath.FromSlash(f.Path)), Err: fs.ErrNotExist}
		case bytes.Equal(data, f.Data):
			same[i] = true
		default:
			olds[i] = data
		}
	}
	return olds, same, errs
}

// readAll reads the files on disk that files would write and compares
// them with the new contents. Only files that differ are kept in memory
// (for --diff and the header check); a file of the right size is read
// into a buffer each reader reuses, so a current tree is compared
// without allocating its size again (reading a 1.2 GiB tree into fresh
// slices cost more in garbage collection than the reading). Reading is
// syscalls and waiting, so a big tree is read on several goroutines; a
// small one (the seed's 30 files) is not worth starting them.
func readAll(out string, files []ir.File) (olds [][]byte, same []bool, errs []error) {
	olds = make([][]byte, len(files))
	same = make([]bool, len(files))
	errs = make([]error, len(files))
	read := func(i int, buf *[]byte) {
		olds[i], same[i], errs[i] = compareFile(filepath.Join(out, filepath.FromSlash(files[i].Path)), files[i].Data, buf)
	}
	// A small tree (the seed's 31 files) is read by the caller alone.
	workers := min(8, len(files)/64)
	bufs := make([][]byte, max(1, workers))
	parallel.ForEach(len(files), workers, func(i, w int) { read(i, &bufs[w]) })
	return olds, same, errs
}

// compareFile reports whether the file at path holds exactly want, and
// returns its content when it does not.
func compareFile(path string, want []byte, buf *[]byte) (old []byte, same bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	if st.Size() != int64(len(want)) {
		old, err := io.ReadAll(f)
		return old, false, err
	}
	if cap(*buf) < len(want)+1 {
		*buf = make([]byte, len(want)+1)
	}
	// One byte more than expected tells a file that grew since Stat.
	n, err := io.ReadFull(f, (*buf)[:len(want)+1])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, false, err
	}
	got := (*buf)[:n]
	if bytes.Equal(got, want) {
		return nil, true, nil
	}
	old = append([]byte(nil), got...)
	if n > len(want) {
		rest, err := io.ReadAll(f)
		return append(old, rest...), false, err
	}
	return old, false, nil
}

// applyPlan writes what plan says in two phases: first every changed
// content goes to a temporary file beside its destination (a new file is
// written in place), then the temporaries are renamed over their
// destinations and orphans are removed. A failure in the first phase
// (disk full, permissions) removes the temporaries, the new files and any
// folder it created, so the tree is left as it was; renames are atomic
// per file, so no reader of an existing file ever sees half a file.
func applyPlan(out string, plan []plannedFile) (written, removed int, err error) {
	type staged struct {
		p       *plannedFile
		dest    string
		tmp     string // the temporary file that replaces dest
		created bool   // dest is new and written in place
		err     error
	}
	var todo []*staged
	var createdDirs []string
	known := map[string]bool{} // folders that exist, so each is checked once
	rollback := func() {
		for _, s := range todo {
			if s.tmp != "" {
				os.Remove(s.tmp)
			}
			if s.created {
				os.Remove(s.dest)
			}
		}
		for i := len(createdDirs) - 1; i >= 0; i-- {
			os.Remove(createdDirs[i])
		}
	}
	for i := range plan {
		p := &plan[i]
		if p.state != stateMissing && p.state != stateStale {
			continue
		}
		dest := filepath.Join(out, filepath.FromSlash(p.path))
		dirs, err := mkdirs(filepath.Dir(dest), known)
		createdDirs = append(createdDirs, dirs...)
		if err != nil {
			rollback()
			return 0, 0, err
		}
		todo = append(todo, &staged{p: p, dest: dest})
	}
	// Staging is file creation and writing, independent per file: spread
	// over a few goroutines it keeps a 19,000-file build from being one
	// long queue of syscalls. Below 128 files the caller writes them all.
	parallel.ForEach(len(todo), min(4, len(todo)/64), func(i, _ int) {
		s := todo[i]
		if s.p.state == stateMissing {
			// A new file is written in place: nobody reads a file that did
			// not exist, and the temporary file and rename doubled the
			// metadata work of a fresh 19,000-file tree.
			s.err = writeNew(s.dest, s.p.new)
			s.created = s.err == nil
		} else {
			s.tmp, s.err = writeTemp(s.dest, s.p.new, true)
		}
	})
	for _, s := range todo {
		if s.err != nil {
			rollback()
			return 0, 0, s.err
		}
	}
	for i, s := range todo {
		if s.tmp != "" {
			if err := os.Rename(s.tmp, s.dest); err != nil {
				for _, rest := range todo[i:] {
					if rest.tmp != "" {
						os.Remove(rest.tmp)
					}
				}
				return written, 0, err
			}
		}
		written++
	}
	for _, p := range plan {
		if p.state != stateOrphaned {
			continue
		}
		dest := filepath.Join(out, filepath.FromSlash(p.path))
		if err := os.Remove(dest); err != nil {
			return written, removed, err
		}
		removeEmptyDirs(filepath.Dir(dest), out)
		removed++
	}
	return written, removed, nil
}

// mkdirs is os.MkdirAll that returns the folders it created, outermost
// first, so a failed build can remove them again. known holds folders
// already seen to exist, and gains those created.
func mkdirs(dir string, known map[string]bool) ([]string, error) {
	var missing []string
	for d := dir; !known[d]; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			known[d] = true
			break
		}
		missing = append(missing, d)
		if parent := filepath.Dir(d); parent == d {
			break
		}
	}
	var created []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return created, err
		}
		known[missing[i]] = true
		created = append(created, missing[i])
	}
	return created, nil
}

// writeNew creates dest, which must not exist, with data; on failure
// nothing is left behind.
func writeNew(dest string, data []byte) error {
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dest)
	}
	return err
}

// pid names temporary files; asked once, not once per file.
var pid = sync.OnceValue(os.Getpid)

// tempSeq numbers temporary files; with the process ID it makes names
// no other pipec run uses, and O_EXCL refuses any that exists.
var tempSeq atomic.Int64

// writeTemp writes data to a new temporary file in dest's folder and
// returns its name. A file that replaces another keeps that one's
// permissions; a new file gets 0644 less the umask, as any tool's would.
func writeTemp(dest string, data []byte, replaces bool) (string, error) {
	mode := fs.FileMode(0o644)
	if replaces {
		if st, err := os.Stat(dest); err == nil {
			mode = st.Mode().Perm()
		}
	}
	var tmp *os.File
	var err error
	for range 100 {
		name := filepath.Join(filepath.Dir(dest), fmt.Sprintf(".%s.pipec-%d-%d", filepath.Base(dest), pid(), tempSeq.Add(1)))
		tmp, err = os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	// No fsync: generated files are rebuilt from the spec at any time, the
	// rename keeps readers from seeing half a file, and one fsync per file
	// made a 19,000-file build take 26 s instead of 2.
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil && replaces {
		// OpenFile's mode is masked by the umask; a replaced file keeps
		// exactly the permissions it had.
		err = os.Chmod(name, mode)
	}
	if err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// writeAtomic replaces path with data through a temporary file and a
// rename, so readers never see half a file.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	_, statErr := os.Stat(path)
	tmp, err := writeTemp(path, data, statErr == nil)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// removeEmptyDirs removes dir and its parents while they are empty,
// stopping before stop (the output root, which is never removed).
func removeEmptyDirs(dir, stop string) {
	stop = filepath.Clean(stop)
	for {
		dir = filepath.Clean(dir)
		rel, err := filepath.Rel(stop, dir)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return
		}
		if err := os.Remove(dir); err != nil {
			return
		}
		dir = filepath.Dir(dir)
	}
}

// publishedTree is where CI commits the published GitOps tree when the
// GitOps repository is this repository: copies of generated files (with
// their headers) that are CI's to manage, never orphans of a build.
func publishedTree(p *ir.Program) []string {
	if p == nil || p.GitOps == nil || !p.GitOps.SameRepo {
		return nil
	}
	return []string{strings.Trim(p.GitOps.Path, "/")}
}
