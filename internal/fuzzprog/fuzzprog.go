package fuzzprog

import (
	"github.com/pipec-dev/pipec/compiler"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/fuzzseed"
	"github.com/pipec-dev/pipec/lang"
)

// Program loads and lowers data as a spec named for json, or returns nil
// when the front end rejects it (FuzzLoad and FuzzLower check those
// diagnostics); backend fuzzers start from what it returns.
func Program(data []byte, json bool) (*ir.Program, string) {
	name := fuzzseed.FileName(json)
	m, diags := lang.LoadSources([]lang.Source{{Name: name, Data: data}}, lang.Options{})
	if diags.HasErrors() {
		return nil, name
	}
	p, diags := compiler.Lower(m, name)
	if diags.HasErrors() {
		return nil, name
	}
	return p, name
}
