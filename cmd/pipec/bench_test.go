package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pipec-dev/pipec/internal/benchdata"
)

// BenchmarkBuild is the whole `pipec build --target github,tekton,argo`
// in process: load, check, lower, every backend, and comparing with the
// tree on disk. After the first iteration every file is current, as in a
// pre-commit run; BenchmarkBuildFresh writes every file each time (into a
// new folder, so it also measures the file system).
func BenchmarkBuild(b *testing.B) {
	for _, name := range benchdata.Names {
		b.Run(name, func(b *testing.B) {
			spec, out := benchSpec(b, name)
			e := &env{stdout: io.Discard, stderr: io.Discard}
			// The first build writes the tree; the timed ones find it current.
			if code := run([]string{"build", "--target", "github,tekton,argo", "--out", out, spec}, e); code != 0 {
				b.Fatalf("exit %d", code)
			}
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"build", "--target", "github,tekton,argo", "--out", out, spec}, e); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// BenchmarkBuildCached is BenchmarkBuild with the build cache on: the
// files come from the cache entry, and the tree is compared by its stamp
// (stamped) or read and compared (read: the stamp removed before each
// build, as on a system without stamps or after a file changed).
func BenchmarkBuildCached(b *testing.B) {
	for _, name := range benchdata.Names {
		for _, mode := range []string{"stamped", "read"} {
			b.Run(name+"/"+mode, func(b *testing.B) {
				spec, out := benchSpec(b, name)
				prev := executable
				executable = stubExecutable // this binary was just linked
				b.Cleanup(func() { executable = prev })
				cache := filepath.Join(b.TempDir(), "cache")
				e := &env{stdout: io.Discard, stderr: io.Discard, environ: []string{"PIPEC_CACHE=" + cache}}
				args := []string{"build", "--target", "github,tekton,argo", "--out", out, spec}
				build := func() {
					if code := run(args, e); code != 0 {
						b.Fatalf("exit %d", code)
					}
				}
				build() // writes the tree and stores the entry
				if entries, _ := filepath.Glob(filepath.Join(cache, "*.entry")); len(entries) == 0 {
					b.Skipf("not cached: the output is over buildcache.MaxEntry")
				}
				time.Sleep(stampMargin)
				build() // stamps the tree
				stamps, _ := filepath.Glob(filepath.Join(cache, "*.tree"))
				if len(stamps) != 1 {
					b.Fatalf("%d stamps after two builds, want 1", len(stamps))
				}
				hits := stampHits.Load()
				b.ReportAllocs()
				for b.Loop() {
					if mode == "read" {
						os.Remove(stamps[0])
					}
					build()
				}
				if used := stampHits.Load() > hits; used != (mode == "stamped") {
					b.Fatalf("stamp used: %v", used)
				}
			})
		}
	}
}

func BenchmarkBuildFresh(b *testing.B) {
	for _, name := range benchdata.Names {
		b.Run(name, func(b *testing.B) {
			spec, _ := benchSpec(b, name)
			e := &env{stdout: io.Discard, stderr: io.Discard}
			b.ReportAllocs()
			for b.Loop() {
				out := filepath.Join(b.TempDir(), "out")
				if code := run([]string{"build", "--target", "github,tekton,argo", "--out", out, spec}, e); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// benchSpec writes the named input to a temporary folder.
func benchSpec(b *testing.B, name string) (spec, out string) {
	dir := b.TempDir()
	spec = filepath.Join(dir, "pipec.hcl")
	if err := os.WriteFile(spec, benchdata.Spec(b, name), 0o644); err != nil {
		b.Fatal(err)
	}
	return spec, filepath.Join(dir, "out")
}
