package compiler

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// Backend turns a Program into files for one target. Backends import only
// compiler/ir; the CLI registers them.
type Backend interface {
	Name() string
	Emit(p *ir.Program, opt ir.Options) ([]ir.File, hcl.Diagnostics)
}

// Registry maps target names to backends.
type Registry struct {
	m map[string]Backend
}

// Register adds b under b.Name().
func (r *Registry) Register(b Backend) {
	if r.m == nil {
		r.m = map[string]Backend{}
	}
	r.m[b.Name()] = b
}

// Lookup returns the backend for name, or nil.
func (r *Registry) Lookup(name string) Backend { return r.m[name] }

// Names returns the registered target names, sorted.
func (r *Registry) Names() []string {
	var out []string
	for n := range r.m {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Prepare runs the Prepare of the backends of targets (of every backend
// when targets is empty) that have one; see ir.Preparer.
func (r *Registry) Prepare(targets []string) {
	if len(targets) == 0 {
		targets = r.Names()
	}
	for _, t := range targets {
		if p, ok := r.Lookup(t).(ir.Preparer); ok {
			p.Prepare()
		}
	}
}

// DefaultTargets are the targets a spec asks for: pipeline.ci, plus argo
// when environments exist.
func DefaultTargets(p *ir.Program) []string {
	out := append([]string(nil), p.Pipeline.CI...)
	if len(p.Environments) > 0 {
		out = append(out, "argo")
	}
	return out
}
