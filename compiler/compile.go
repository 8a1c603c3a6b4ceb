package compiler

import (
	"fmt"
	"runtime"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/parallel"
	"github.com/pipec-dev/pipec/lang/diag"
)

// Emit runs the named targets' backends over p and returns every file,
// sorted by path. An unknown target or two backends writing one path is an
// error diagnostic.
func (r *Registry) Emit(p *ir.Program, targets []string, opt ir.Options) ([]ir.File, hcl.Diagnostics) {
	var files []ir.File
	var diags hcl.Diagnostics
	owner := map[string]string{}
	// Backends only read the Program, so they run side by side; results
	// are merged in target order, so the output does not depend on which
	// finishes first.
	type result struct {
		files []ir.File
		diags hcl.Diagnostics
	}
	results := make([]result, len(targets))
	// The calling goroutine is one of the workers, and each worker takes
	// the next target in order: a goroutine per backend left this one
	// idle and let the scheduler start the smallest backend first, which
	// on two CPUs put the two big ones one after the other.
	parallel.ForEach(len(targets), runtime.GOMAXPROCS(0), func(i, _ int) {
		if b := r.Lookup(targets[i]); b != nil {
			results[i].files, results[i].diags = safeEmit(b, p, opt)
		}
	})
	for i, t := range targets {
		if r.Lookup(t) == nil {
			diags = append(diags, diag.Error(diag.InvalidValue, p.Pipeline.Range, fmt.Sprintf("Unknown target %q", t),
				fmt.Sprintf("pipec can build %s.", strings.Join(r.Names(), ", "))))
			continue
		}
		fs, ds := results[i].files, results[i].diags
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

// safeEmit runs one backend, turning a panic (a bug in pipec) into an
// error diagnostic on the pipeline, so one broken target never crashes
// the CLI or the language server.
func safeEmit(b Backend, p *ir.Program, opt ir.Options) (files []ir.File, diags hcl.Diagnostics) {
	defer func() {
		if r := recover(); r != nil {
			files = nil
			diags = hcl.Diagnostics{diag.Error(diag.Target, p.Pipeline.Range, "Internal error in the "+b.Name()+" backend",
				fmt.Sprintf("pipec's %s backend failed on this spec (%v). This is a bug in pipec; please report it with the spec. Other targets still build with --target.", b.Name(), r))}
		}
	}()
	return b.Emit(p, opt)
}
