package compiler

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/internal/fuzzseed"
	"github.com/pipec-dev/pipec/lang"
)

// FuzzLower runs the front end and lowering on arbitrary specs. Lower
// trusts the checker, so every spec the checker accepts must lower
// without errors, and the ranges the backends will report on must point
// into the spec.
func FuzzLower(f *testing.F) {
	seeds, err := fuzzseed.Seeds("..")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s.Data, s.JSON)
	}
	f.Fuzz(func(t *testing.T, data []byte, json bool) {
		name := fuzzseed.FileName(json)
		m, diags := lang.LoadSources([]lang.Source{{Name: name, Data: data}}, lang.Options{})
		if err := fuzzseed.CheckDiags(diags, name, data); err != nil {
			t.Fatalf("load, input %q:\n%v", data, err)
		}
		if diags.HasErrors() {
			return
		}
		p, diags := Lower(m, name)
		if p == nil || p.Pipeline == nil {
			t.Fatalf("no program for a spec the checker accepts: %q", data)
		}
		if errs := errorsOf(diags); len(errs) > 0 {
			t.Errorf("Lower reported errors on a spec the checker accepts: %s\ninput %q", errs.Error(), data)
			if err := fuzzseed.CheckDiags(diags, name, data); err != nil {
				t.Errorf("and they are not ranged: %v", err)
			}
		}
		if p.Pipeline.Range.Start.Line < 1 {
			t.Errorf("Program.Pipeline.Range %v is not a source range; input %q", p.Pipeline.Range, data)
		}
		if err := fuzzseed.CheckNodeRanges(p, name, len(data)); err != nil {
			t.Errorf("input %q:\n%v", data, err)
		}
	})
}

func errorsOf(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			out = append(out, d)
		}
	}
	return out
}
