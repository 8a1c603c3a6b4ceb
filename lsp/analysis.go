package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/diag"
)

// A spec is what one analysis covers: every spec file of a directory
// (pipec.hcl, *.pipec.hcl, *.pipec.json), or a lone file with another name.
// Open buffers override the disk.
type spec struct {
	key    string // the directory, or the lone file
	single bool

	mu      sync.Mutex
	cond    *sync.Cond
	gen     int // bumped on every change
	done    int // the generation snap reflects
	running bool
	snap    *snapshot
	// published lists files last sent non-empty diagnostics, so they can be
	// cleared when a later analysis finds none there.
	published map[string]bool
}

// snapshot is one analysis result with the exact text it was made from,
// so ranges in the module map to positions consistently.
type snapshot struct {
	m     *lang.Module
	diags hcl.Diagnostics
	files map[string]*fileText
	names []string // file paths in load order
}

type fileText struct {
	text    []byte
	m       *mapper
	version int32 // -1 when read from disk
}

func (sn *snapshot) file(path string) *fileText { return sn.files[path] }

type specStore struct {
	s     *Server
	mu    sync.Mutex
	specs map[string]*spec
}

func (st *specStore) init(s *Server) {
	st.s = s
	st.specs = map[string]*spec{}
}

func specKey(path string) (key string, single bool) {
	if lang.IsSpecFile(filepath.Base(path)) {
		return filepath.Dir(path), false
	}
	return path, true
}

// get returns the spec path belongs to, creating it.
func (st *specStore) get(path string) *spec {
	key, single := specKey(path)
	st.mu.Lock()
	defer st.mu.Unlock()
	sp := st.specs[key]
	if sp == nil {
		sp = &spec{key: key, single: single, published: map[string]bool{}}
		sp.cond = sync.NewCond(&sp.mu)
		st.specs[key] = sp
	}
	return sp
}

// changed schedules a new analysis of the spec holding path. Analyses
// coalesce: edits that arrive while one runs cause exactly one more.
func (st *specStore) changed(path string) {
	sp := st.get(path)
	sp.mu.Lock()
	sp.gen++
	start := !sp.running
	sp.running = true
	sp.mu.Unlock()
	if start {
		go st.worker(sp)
	}
}

// closed re-analyzes the directory from disk; a lone file's diagnostics
// are cleared since nothing shows it any more.
func (st *specStore) closed(path string) {
	if _, single := specKey(path); single {
		st.mu.Lock()
		delete(st.specs, path)
		st.mu.Unlock()
		st.s.conn.notify("textDocument/publishDiagnostics", publishParams(pathToURI(path), nil, nil))
		return
	}
	st.changed(path)
}

func (st *specStore) worker(sp *spec) {
	for {
		sp.mu.Lock()
		if sp.done == sp.gen {
			sp.running = false
			sp.mu.Unlock()
			return
		}
		gen := sp.gen
		sp.mu.Unlock()

		snap := st.analyze(sp, st.s.docs.view())

		sp.mu.Lock()
		sp.snap, sp.done = snap, gen
		sp.cond.Broadcast()
		sp.mu.Unlock()
		st.s.publish(sp, snap)
	}
}

// wait returns the snapshot of the spec holding path that reflects every
// change made before the call.
func (st *specStore) wait(path string) *snapshot {
	sp := st.get(path)
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sp.gen == 0 { // never scheduled (a request for a file not opened)
		sp.gen++
		if !sp.running {
			sp.running = true
			go st.worker(sp)
		}
	}
	target := sp.gen
	for sp.done < target {
		sp.cond.Wait()
	}
	return sp.snap
}

// analyze loads the spec from open buffers and disk. It never panics: a
// crash in the checker becomes a diagnostic, so the editor still hears
// something and the server lives on.
func (st *specStore) analyze(sp *spec, v *view) (snap *snapshot) {
	snap = &snapshot{files: map[string]*fileText{}}
	var srcs []lang.Source
	add := func(path string) {
		if snap.files[path] != nil {
			return
		}
		ft := &fileText{version: -1}
		if d := v.byPath[path]; d != nil {
			ft.text, ft.version, ft.m = d.text, d.version, d.m
		} else {
			data, err := os.ReadFile(path)
			if err != nil {
				return
			}
			ft.text, ft.m = data, newMapper(data)
		}
		snap.files[path] = ft
		srcs = append(srcs, lang.Source{Name: path, Data: ft.text})
	}
	if sp.single {
		add(sp.key)
	} else {
		var paths []string
		if entries, err := os.ReadDir(sp.key); err == nil {
			for _, e := range entries {
				if !e.IsDir() && lang.IsSpecFile(e.Name()) {
					paths = append(paths, filepath.Join(sp.key, e.Name()))
				}
			}
		}
		for p := range v.byPath {
			if filepath.Dir(p) == sp.key && lang.IsSpecFile(filepath.Base(p)) {
				paths = append(paths, p)
			}
		}
		sort.Strings(paths)
		for _, p := range paths {
			add(p)
		}
	}
	for _, s := range srcs {
		snap.names = append(snap.names, s.Name)
	}
	defer func() {
		if r := recover(); r != nil {
			st.s.logf("panic while checking %s: %v\n%s", sp.key, r, debug.Stack())
			rng := hcl.Range{Filename: firstOr(snap.names, sp.key), Start: hcl.InitialPos, End: hcl.InitialPos}
			snap.m = &lang.Module{}
			snap.diags = hcl.Diagnostics{diag.Error(diag.InvalidExpression, rng, "Internal error in pipec's checker",
				fmt.Sprintf("The checker crashed on this spec (%v). Please report it with the spec.", r))}
		}
	}()
	snap.m, snap.diags = lang.LoadSources(srcs, lang.Options{Environ: st.s.environ, Cache: st.s.parses})
	return snap
}

func firstOr(list []string, def string) string {
	if len(list) > 0 {
		return list[0]
	}
	return def
}
