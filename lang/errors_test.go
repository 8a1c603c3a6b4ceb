package lang

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
)

var marker = regexp.MustCompile(`#\s*(ERROR|WARNING)\s+(PC\d{4})`)

// TestErrorCorpus loads each spec in testdata/errors, where every line
// that must get a diagnostic ends in "# ERROR CODE" or "# WARNING CODE",
// and compares the (line, severity, code) set with what pipec reports.
// Every diagnostic must also have a detail and a subject range.
func TestErrorCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.hcl")
	if len(files) < 25 {
		t.Fatalf("only %d error specs", len(files))
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".hcl"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for i, line := range strings.Split(string(data), "\n") {
				for _, m := range marker.FindAllStringSubmatch(line, -1) {
					want = append(want, fmt.Sprintf("%d: %s %s", i+1, m[1], m[2]))
				}
			}
			_, diags := LoadSources([]Source{{Name: f, Data: data}}, Options{})
			for _, d := range diags {
				// Ranges an editor and the snippet writer can use.
				if s := d.Subject; s != nil && s.Filename == f && (s.Start.Line < 1 || s.End.Byte < s.Start.Byte || s.End.Byte > len(data) || s.End.Line < s.Start.Line) {
					t.Errorf("bad range %v (%d-%d of %d bytes) for %q", s, s.Start.Byte, s.End.Byte, len(data), d.Summary)
				}
			}
			got := diagLines(t, diags)
			if diff := cmp.Diff(uniqueSorted(want), uniqueSorted(got)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s\nall diagnostics:\n%s", diff, describe(diags))
			}
		})
	}
}

func diagLines(t *testing.T, diags hcl.Diagnostics) []string {
	var out []string
	for _, d := range diags {
		sev := "ERROR"
		if d.Severity == hcl.DiagWarning {
			sev = "WARNING"
		}
		if d.Subject == nil {
			t.Errorf("diagnostic without range: %s", d.Summary)
			continue
		}
		if d.Detail == "" {
			t.Errorf("diagnostic without detail: %s", d.Summary)
		}
		if diag.CodeOf(d) == "" {
			t.Errorf("diagnostic without code: %s", d.Summary)
		}
		out = append(out, fmt.Sprintf("%d: %s %s", d.Subject.Start.Line, sev, diag.CodeOf(d)))
	}
	return out
}

func uniqueSorted(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

func describe(diags hcl.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "  %s %s: %s (%s)\n", d.Subject, diag.CodeOf(d), d.Summary, d.Detail)
	}
	return b.String()
}
