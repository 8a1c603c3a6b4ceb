package diag

import (
	"flag"
	"fmt"
	"github.com/pipec-dev/pipec/internal/goldenfile"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/diagnostics.md")

func markdown() string {
	var b strings.Builder
	b.WriteString("# pipec diagnostic codes\n\n<!-- generated from lang/diag by `go test ./lang/diag -update`; do not edit -->\n\n")
	b.WriteString("Every diagnostic pipec reports carries one of these stable codes (in text output after the summary, in JSON and SARIF output, and in the LSP). Codes are never reused.\n\n")
	b.WriteString("| code | name | meaning |\n|---|---|---|\n")
	for _, i := range All {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", i.Code, i.Name, i.Summary)
	}
	return b.String()
}

func TestDiagnosticsDocs(t *testing.T) {
	goldenfile.Check(t, "../../docs/diagnostics.md", markdown(), *update, "go test ./lang/diag -update")
}

func TestCodesUnique(t *testing.T) {
	seen := map[Code]bool{}
	for _, i := range All {
		if seen[i.Code] {
			t.Errorf("code %s listed twice", i.Code)
		}
		seen[i.Code] = true
	}
}
