package compiler

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/compiler/ir/irtest"
	"github.com/pipec-dev/pipec/lang/diag"
)

type fakeBackend struct {
	name  string
	files []ir.File
	panic bool
}

func (f fakeBackend) Name() string { return f.name }
func (f fakeBackend) Emit(*ir.Program, ir.Options) ([]ir.File, hcl.Diagnostics) {
	if f.panic {
		panic("boom")
	}
	return f.files, hcl.Diagnostics{{Severity: hcl.DiagWarning, Summary: "note", Detail: "d"}}
}

func TestRegistryEmit(t *testing.T) {
	var r Registry
	r.Register(fakeBackend{name: "a", files: []ir.File{{Path: "z"}, {Path: "x"}}})
	r.Register(fakeBackend{name: "b", files: []ir.File{{Path: "x"}}})
	r.Register(fakeBackend{name: "c", panic: true})
	p := irtest.Seed()

	files, diags := r.Emit(p, []string{"a"}, ir.Options{})
	if len(files) != 2 || files[0].Path != "x" || diags.HasErrors() || diag.CodeOf(diags[0]) != diag.Target {
		t.Errorf("a: files %v diags %v", files, diags)
	}
	if _, diags := r.Emit(p, []string{"a", "b"}, ir.Options{}); !diags.HasErrors() {
		t.Error("two targets writing one file: no error")
	}
	if _, diags := r.Emit(p, []string{"nope"}, ir.Options{}); !diags.HasErrors() {
		t.Error("unknown target: no error")
	}
	files, diags = r.Emit(p, []string{"c"}, ir.Options{})
	if len(files) != 0 || !diags.HasErrors() || !strings.Contains(diags[0].Summary, "Internal error") {
		t.Errorf("panicking backend: files %v diags %v", files, diags)
	}
	if got := DefaultTargets(p); strings.Join(got, ",") != "github,argo" {
		t.Errorf("DefaultTargets = %v", got)
	}
}
