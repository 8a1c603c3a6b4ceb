package diag

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
	const path = "../../docs/diagnostics.md"
	got := markdown()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lang/diag -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("docs/diagnostics.md is stale; run go test ./lang/diag -update (-want +got):\n%s", diff)
	}
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
