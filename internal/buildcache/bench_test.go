package buildcache

import (
	"fmt"
	"strings"
	"testing"
)

// seedSized is an entry the size of the seed's (31 files, 82 KB).
func seedSized() *Entry {
	e := &Entry{Head: Head{Source: "examples/seed/pipec.hcl", Targets: []string{"github", "tekton", "argo"}}}
	for i := range 31 {
		e.Files = append(e.Files, File{Path: fmt.Sprintf("deploy/apps/my-app/file-%d.yaml", i), Data: []byte(strings.Repeat("key: value\n", 240))})
	}
	return e
}

// BenchmarkPut stores a seed-sized entry over the previous one (a miss).
func BenchmarkPut(b *testing.B) {
	c, k, e := New(b.TempDir()), key("seed", strings.Repeat("spec ", 500)), seedSized()
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Put(k, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGet reads and checks a whole seed-sized entry (a hit whose
// tree is read); BenchmarkHead its head alone (a stamped hit).
func BenchmarkGet(b *testing.B) {
	c, k := New(b.TempDir()), key("seed", strings.Repeat("spec ", 500))
	if err := c.Put(k, seedSized()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.Get(k); !ok {
			b.Fatal("miss")
		}
	}
}

func BenchmarkHead(b *testing.B) {
	c, k := New(b.TempDir()), key("seed", strings.Repeat("spec ", 500))
	if err := c.Put(k, seedSized()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.Head(k); !ok {
			b.Fatal("miss")
		}
	}
}
