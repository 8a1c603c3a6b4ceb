package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pipec-dev/pipec/lang"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// bigSpec generates a spec of about lines lines: the seed's kind of
// blocks, repeated with distinct names and references between them.
func bigSpec(lines int) string {
	var b strings.Builder
	b.WriteString(`pipeline "app" {
  repository = "github.com/org/app"
  on {
    push = ["main"]
  }
}

variable "node" {
  default = "20"
}

locals {
  registry = "ghcr.io/org"
}

secret "registry" {}
secret "manifests" {}

gitops {
  repository = "https://github.com/org/manifests.git"
  path       = "apps/app"
  token      = secret.manifests
}

analysis "rate" {
  metric "rate" {
    interval = "1m"
    prometheus {
      address = "http://prom:9090"
      query   = "up"
    }
  }
}

environment "staging" {
  namespace = "staging"
}
`)
	for i := 0; strings.Count(b.String(), "\n") < lines; i++ {
		fmt.Fprintf(&b, `
test "t%[1]d" {
  image = "node:${var.node}"
  run   = ["npm ci", "npm test"]
}

image "i%[1]d" {
  repository = "${local.registry}/i%[1]d"
  needs      = [test.t%[1]d]
  tags       = [git.sha]
  login {
    username = git.actor
    password = secret.registry
  }
}

workload "w%[1]d" {
  image = image.i%[1]d
  port  = 8080
}

environment "e%[1]d" {
  after     = environment.staging
  namespace = "e%[1]d"
  canary {
    step { weight = 10 }
    step { analysis = analysis.rate }
    step { weight = 50 }
  }
}
`, i)
	}
	return b.String()
}

// benchSession opens a generated spec and waits for its first diagnostics.
func benchSession(b *testing.B) (*client, string, int) {
	tuneGC() // as Serve does
	dir := b.TempDir()
	path := filepath.Join(dir, "pipec.hcl")
	text := bigSpec(5000)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	c := newClient(b)
	c.initialize()
	uri := c.open(path, text)
	p := c.waitDiags(uri, versionIs(1))
	for _, d := range p.Diagnostics {
		if d.Severity == 1 {
			b.Fatalf("generated spec has an error: %s", d.Message)
		}
	}
	return c, uri, strings.Count(text, "\n")
}

// BenchmarkDiagnosticsAfterEdit measures, through the protocol, the time
// from a one-character didChange to the publishDiagnostics for it.
func BenchmarkDiagnosticsAfterEdit(b *testing.B) {
	c, uri, lines := benchSession(b)
	b.Logf("spec: %d lines", lines)
	var times []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		version := i + 2
		start := time.Now()
		// Toggle the staging namespace between "staging" and "stagingX".
		text := "X"
		rng := protocol.Range{Start: protocol.Position{Line: 35, Character: 22}, End: protocol.Position{Line: 35, Character: 22}}
		if i%2 == 1 {
			text, rng.End.Character = "", 23
		}
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []map[string]any{{"range": rng, "text": text}},
		})
		c.waitDiags(uri, versionIs(version))
		times = append(times, time.Since(start))
	}
	reportMedian(b, times)
}

// BenchmarkCompletion measures completion after "environment." in the
// generated spec (all its environments are offered).
func BenchmarkCompletion(b *testing.B) {
	c, uri, _ := benchSession(b)
	// Line 37 (0-based 36) is the closing brace of environment "staging";
	// complete inside it, at a fresh attribute position.
	params := protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 35, Character: 0}}}
	var times []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var list protocol.CompletionList
		c.call("textDocument/completion", params, &list)
		times = append(times, time.Since(start))
		if len(list.Items) == 0 {
			b.Fatal("no completion items")
		}
	}
	reportMedian(b, times)
}

// BenchmarkCompletionReferences completes "environment." over every
// environment of the generated spec.
func BenchmarkCompletionReferences(b *testing.B) {
	c, uri, _ := benchSession(b)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"range": protocol.Range{Start: protocol.Position{Line: 36, Character: 0}, End: protocol.Position{Line: 36, Character: 0}},
			"text": "  after = environment.\n"}},
	})
	c.waitDiags(uri, versionIs(2))
	params := protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uri}, Position: protocol.Position{Line: 36, Character: 22}}}
	var times []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var list protocol.CompletionList
		c.call("textDocument/completion", params, &list)
		times = append(times, time.Since(start))
		if len(list.Items) < 100 {
			b.Fatalf("%d items, want every environment", len(list.Items))
		}
	}
	reportMedian(b, times)
}

func reportMedian(b *testing.B, times []time.Duration) {
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2])/float64(time.Millisecond), "ms-median")
}

// BenchmarkCheck is the checker alone on the generated spec, to separate
// lang's share from the server's.
func BenchmarkCheck(b *testing.B) {
	tuneGC()
	src := []lang.Source{{Name: "/spec/pipec.hcl", Data: []byte(bigSpec(5000))}}
	var times []time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		lang.LoadSources(src, lang.Options{})
		times = append(times, time.Since(start))
	}
	reportMedian(b, times)
}
