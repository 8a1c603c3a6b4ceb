package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/buildcache"
	"github.com/pipec-dev/pipec/lang"
)

// executable names the running binary for cache keys, and stamps it
// with what changes when it is rebuilt, replaced or upgraded; tests
// replace it to stand for a rebuilt pipec.
var executable = func() (path string, stamp string, ok bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", "", false
	}
	stamp, ok = fileStamp(exe, time.Now())
	return exe, stamp, ok
}

// buildKey is everything a compile of srcs reads besides pipec itself:
// the spec's bytes and the name its headers use, variable values from
// flags, files and PIPEC_VAR_*, and the targets. It is nil when the
// compile cannot be cached (the binary or a variable file cannot be
// read; the compile then reports the file).
func buildKey(path string, srcs []lang.Source, vars *varFlags, explicit []string, e *env) *buildcache.Key {
	exe, stamp, ok := executable()
	if !ok {
		return nil
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	k := &buildcache.Key{}
	// The entry's name: one entry per binary, spec and way of building
	// it, replaced when the spec or the binary changes.
	k.Ident(exe)
	k.Ident(abs)
	k.Ident(strings.Join(explicit, ","))
	var names []string
	for _, s := range srcs {
		names = append(names, s.Name)
	}
	k.Content([]byte(stamp))
	k.Content([]byte(sourceName(path, names)))
	for _, s := range srcs {
		k.Content([]byte(s.Name))
		k.Content(s.Data)
	}
	if vars != nil {
		vars.read()
		for _, v := range vars.args {
			if !v.File {
				// The name names the entry, the value is content: a -var
				// that changes on every run (a commit's tag) replaces the
				// entry instead of adding one each time.
				// The whole flag is content: "-var x" (an error) and
				// "-var x=" (an empty value) must not share an entry.
				name, _, _ := strings.Cut(v.Value, "=")
				k.Ident("-var " + name)
				k.Content([]byte(v.Value))
				continue
			}
			if v.Data == nil {
				return nil // unreadable: the compile says so
			}
			k.Ident("-var-file " + v.Value)
			k.Content(v.Data)
		}
	}
	var env []string
	for _, kv := range e.environ {
		if strings.HasPrefix(kv, "PIPEC_VAR_") {
			env = append(env, kv)
		}
	}
	sort.Strings(env)
	k.Content([]byte(strings.Join(env, "\x00")))
	return k
}

// cacheFor reads the spec at path and, unless the cache is off or the
// spec unreadable, opens the build cache and works out its key.
func cacheFor(path string, vars *varFlags, explicit []string, e *env) (srcs []lang.Source, readDiags hcl.Diagnostics, cache *buildcache.Cache, key *buildcache.Key) {
	srcs, readDiags = lang.ReadSources(path)
	if len(readDiags) == 0 {
		if cache = buildcache.New(buildcache.Dir(e.getenv)); cache != nil {
			key = buildKey(path, srcs, vars, explicit, e)
		}
	}
	return srcs, readDiags, cache, key
}

// cachedHead returns the head of the entry under key, or nil.
func cachedHead(c *buildcache.Cache, key *buildcache.Key) *buildcache.Head {
	if key == nil {
		return nil
	}
	h, ok := c.Head(key)
	if !ok {
		return nil
	}
	return h
}

// cachedBuild returns a compile remembered under key, or nil.
func cachedBuild(c *buildcache.Cache, key *buildcache.Key) *compiled {
	if key == nil {
		return nil
	}
	ent, ok := c.Get(key)
	if !ok {
		return nil
	}
	res := &compiled{entry: ent.ID, source: ent.Source, published: ent.Published, targets: ent.Targets, files: make([]ir.File, len(ent.Files))}
	for i, f := range ent.Files {
		res.files[i] = ir.File{Path: f.Path, Data: f.Data}
	}
	return res
}

// remember stores a compile without diagnostics under key and returns
// the entry's ID, or 0 when nothing was stored: a compile with warnings
// is compiled again next time, so that they are shown again.
func remember(c *buildcache.Cache, key *buildcache.Key, res *compiled) uint64 {
	if key == nil || len(res.diags) > 0 || res.files == nil {
		return 0
	}
	ent := &buildcache.Entry{Head: buildcache.Head{Source: res.source, Targets: res.targets, Published: res.published}, Files: make([]buildcache.File, len(res.files))}
	for i, f := range res.files {
		ent.Files[i] = buildcache.File{Path: f.Path, Data: f.Data}
	}
	if c.Put(key, ent) != nil {
		return 0 // a cache that cannot be written only costs the next build time
	}
	return ent.ID
}
