package main

import (
	"github.com/hashicorp/hcl/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cookbookPipeline wraps snippets that have no pipeline block; it is the
// first block of docs/cookbook.md, which says so.
const cookbookPipeline = `pipeline "shop" {
  repository = "github.com/acme/shop"

  on {
    push         = ["main"]
    pull_request = ["main"]
  }
}
`

var hclFence = regexp.MustCompile("(?ms)^```hcl\n(.*?)^```")

// TestCookbook compiles every ```hcl block of docs/cookbook.md (and of
// docs/getting-started.md) with every
// backend and requires no error and no warning: a recipe that does not
// work as pasted is a bug in the docs. A snippet without a pipeline block
// gets cookbookPipeline; one without a test or image gets nothing else, so
// each recipe stands alone.
func TestCookbook(t *testing.T) {
	for doc, min := range map[string]int{"cookbook": 10, "getting-started": 1} {
		t.Run(doc, func(t *testing.T) { testDocSnippets(t, "../../docs/"+doc+".md", min) })
	}
}

func testDocSnippets(t *testing.T, file string, min int) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	blocks := hclFence.FindAllSubmatch(data, -1)
	if len(blocks) < min {
		t.Fatalf("found %d hcl blocks in %s; want at least %d", len(blocks), file, min)
	}
	headings := regexp.MustCompile(`(?m)^## (.+)$`)
	for i, b := range blocks {
		src := string(b[1])
		// Name each case after the section the snippet is in.
		name := "intro"
		start := strings.Index(string(data), string(b[0]))
		if hs := headings.FindAllStringSubmatch(string(data[:start]), -1); len(hs) > 0 {
			name = hs[len(hs)-1][1]
		}
		t.Run(name, func(t *testing.T) {
			if !regexp.MustCompile(`(?m)^pipeline\s`).MatchString(src) {
				src = cookbookPipeline + "\n" + src
			}
			if !regexp.MustCompile(`(?m)^(test|image)\s`).MatchString(src) && i == 0 {
				// The bare pipeline alone has nothing to run; give it a test.
				src += "\ntest \"unit\" {\n  image = \"alpine:3.22\"\n  run   = [\"true\"]\n}\n"
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "pipec.hcl"), []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, targets := range [][]string{nil, {"github", "tekton", "argo"}} {
				res := compileSpec(dir, &varFlags{}, targets, &env{})
				// Recipes written for GitHub may leave out gitops.token for
				// the source repository; Tekton, which has no built-in push
				// credential, rightly asks for it. Everything else must pass.
				var other hcl.Diagnostics
				for _, d := range res.diags {
					if !strings.Contains(d.Summary, "Tekton needs a gitops token") {
						other = append(other, d)
					}
				}
				res.diags = other
				if len(res.diags) > 0 {
					var sb strings.Builder
					writeDiags(&sb, res.mod, res.diags)
					t.Errorf("targets %v:\n%s\nspec:\n%s", targets, sb.String(), src)
				}
			}
		})
	}
}
