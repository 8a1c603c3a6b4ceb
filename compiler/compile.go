package compiler

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/lang/diag"
)

// Emit runs the named targets' backends over p and returns every file,
// sorted by path. An unknown target or two backends writing one path is an
// error diagnostic.
func (r *Registry) Emit(p *ir.Program, targets []string, opt ir.Options) ([]ir.File, hcl.Diagnostics) {
	var files []ir.File
	var diags hcl.Diagnostics
	owner := map[string]string{}
	for _, t := range targets {
		b := r.Lookup(t)
		if b == nil {
			diags = append(diags, diag.Error(diag.InvalidValue, p.Pipeline.Range, fmt.Sprintf("Unknown target %q", t),
				fmt.Sprintf("pipec can build %s.", strings.Join(r.Names(), ", "))))
			continue
		}
		fs, ds := b.Emit(p, opt)
		diags = append(diags, diag.Tag(ds, diag.Target)...)
		for _, f := range fs {
			if prev, dup := owner[f.Path]; dup {
				diags = append(diags, diag.Error(diag.ConflictingBlocks, p.Pipeline.Range, "Two targets write one file",
					fmt.Sprintf("%s is written by both %s and %s.", f.Path, prev, t)))
				continue
			}
			owner[f.Path] = t
			files = append(files, f)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, diags
}
