package main

import (
	"io"
	"testing"
)

// BenchmarkBuildSeed is the whole `pipec build examples/seed` in process:
// load, check, lower, every backend, and comparing with the tree on disk
// (after the first iteration every file is current, as in a pre-commit run).
func BenchmarkBuildSeed(b *testing.B) {
	out := b.TempDir()
	e := &env{stdout: io.Discard, stderr: io.Discard}
	b.ReportAllocs()
	for b.Loop() {
		if code := run([]string{"build", "--out", out, "../../examples/seed"}, e); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
