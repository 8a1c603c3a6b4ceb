package lang

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func BenchmarkLoadSeed(b *testing.B) {
	data, err := os.ReadFile("../examples/seed/pipec.hcl")
	if err != nil {
		b.Fatal(err)
	}
	srcs := []Source{{Name: "pipec.hcl", Data: data}}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := LoadSources(srcs, Options{}); diags.HasErrors() {
			b.Fatal(diags.Error())
		}
	}
}

// LargeSpec returns a valid spec with n environments in a promotion chain,
// each with a canary judged by an analysis.
func LargeSpec(n int) []byte {
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

func BenchmarkLoad500Environments(b *testing.B) {
	srcs := []Source{{Name: "pipec.hcl", Data: LargeSpec(500)}}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := LoadSources(srcs, Options{}); diags.HasErrors() {
			b.Fatal(diags.Error())
		}
	}
}
