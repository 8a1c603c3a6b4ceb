package main

import (
	"github.com/pipec-dev/pipec/backends/argo"
	"github.com/pipec-dev/pipec/backends/gha"
	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/compiler"
)

var (
	_ compiler.Backend = (*gha.Backend)(nil)
	_ compiler.Backend = (*tekton.Backend)(nil)
	_ compiler.Backend = (*argo.Backend)(nil)
)

// registry wires every backend under its target name.
func registry() *compiler.Registry {
	r := &compiler.Registry{}
	r.Register(gha.New())
	r.Register(tekton.New())
	r.Register(argo.New())
	return r
}
