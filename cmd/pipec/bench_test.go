package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

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
