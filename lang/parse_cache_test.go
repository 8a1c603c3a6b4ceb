package lang

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// summary renders what a load produced with every position, so cached
// and uncached loads can be compared exactly.
func summary(m *Module, diags interface{ Error() string }) string {
	var b strings.Builder
	for _, r := range m.Refs {
		fmt.Fprintf(&b, "ref %s.%s %s %s %d-%d\n", r.Root, r.Name, r.Range, r.NameRange, r.Range.Start.Byte, r.Range.End.Byte)
	}
	for _, n := range m.Blocks {
		fmt.Fprintf(&b, "block %s %q %s %d\n", n.Type, n.Labels, n.DefRange, n.DefRange.Start.Byte)
		for _, name := range sortedAttrNames(n) {
			a := n.Attrs[name]
			fmt.Fprintf(&b, "  attr %s %s %d\n", name, a.Range, a.Range.End.Byte)
		}
	}
	for _, k := range keysOf(m.LocalValues) {
		fmt.Fprintf(&b, "local %s = %#v\n", k, m.LocalValues[k])
	}
	fmt.Fprintf(&b, "diags: %v\n", diags)
	return b.String()
}

// Loading through a ParseCache after edits gives exactly what a fresh
// load gives: same references, ranges (line, column and byte) and
// diagnostics.
func TestParseCacheMatchesFreshLoad(t *testing.T) {
	base := string(largeSpec(30)) + `
locals {
  xs = [for e in ["a", "b"] : upper(e) if e != ""]
  ys = [{ n = 1 }, { n = 2 }][*].n
  z  = length(local.xs) > 1 ? "many" : "few"
  w  = -1 + (2 * 3)
  m  = { a = "x" }["a"]
  t  = "${local.z}-%{ for x in local.xs }${x}%{ endfor }"
}
`
	edits := []func(string) string{
		func(s string) string { return s },
		func(s string) string { return strings.Replace(s, `namespace = "ns-3"`, `namespace = "ns-3x"`, 1) },
		func(s string) string { return "# a comment\n\n" + s },
		func(s string) string {
			return strings.Replace(s, "replicas  = 2", "replicas  = 2\n  host = \"é.example.com\"", 1)
		},
		func(s string) string {
			return strings.Replace(s, `environment "env-5" {`, "environment \"env-5\" {\n  nope = 1", 1)
		},
		func(s string) string {
			return strings.Replace(s, "step { weight = 20 }", "step { weight = 20 } # 中文", 3)
		},
	}
	cache := NewParseCache()
	text := base
	for i, edit := range edits {
		text = edit(text)
		srcs := []Source{{Name: "pipec.hcl", Data: []byte(text)}}
		fresh, fd := LoadSources(srcs, Options{})
		cached, cd := LoadSources(srcs, Options{Cache: cache})
		if diff := cmp.Diff(summary(fresh, fd), summary(cached, cd)); diff != "" {
			t.Fatalf("edit %d: cached load differs (-fresh +cached):\n%s", i, diff)
		}
	}
}

func BenchmarkLoadCachedAfterEdit(b *testing.B) {
	text := string(largeSpec(500))
	cache := NewParseCache()
	LoadSources([]Source{{Name: "pipec.hcl", Data: []byte(text)}}, Options{Cache: cache})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		edited := strings.Replace(text, `namespace = "ns-1"`, fmt.Sprintf(`namespace = "ns-1%c"`, 'a'+i%2), 1)
		if _, diags := LoadSources([]Source{{Name: "pipec.hcl", Data: []byte(edited)}}, Options{Cache: cache}); diags.HasErrors() {
			b.Fatal(diags.Error())
		}
	}
}

func TestChunkOffsets(t *testing.T) {
	src := "pipeline \"a\" {\n}\n# c\nlocals {\n  x = 1\n}\n  test \"t\" {\n}\nenv-x 'y' {\nimage \"a\" \"b\" {}\nx = 1\n"
	want := []int{0, 21, 67, len(src)}
	if diff := cmp.Diff(want, chunkOffsets([]byte(src))); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// largeSpec returns a valid spec with n environments in a promotion chain,
// each with a canary judged by an analysis.
func largeSpec(n int) []byte {
	var b strings.Builder
	b.WriteString(`pipeline "big" {
  repository = "github.com/org/big"
  on {
    push = ["main"]
  }
}
image "app" {
  repository = "ghcr.io/org/big"
  tags       = [git.sha]
}
gitops {
  repository = "https://github.com/org/big.git"
  path       = "deploy"
}
workload "api" {
  image = image.app
  port  = 8080
}
analysis "ok" {
  metric "up" {
    prometheus {
      address = "http://prometheus:9090"
      query   = "up"
    }
  }
}
`)
	for i := 0; i < n; i++ {
		after := ""
		if i > 0 {
			after = fmt.Sprintf("  after     = environment.env-%d\n", i-1)
		}
		fmt.Fprintf(&b, "environment \"env-%d\" {\n  namespace = \"ns-%d\"\n%s  replicas  = %d\n  canary {\n    step { weight = 20 }\n    step { analysis = analysis.ok }\n    step { weight = 100 }\n  }\n}\n", i, i, after, i%5+1)
	}
	return []byte(b.String())
}
