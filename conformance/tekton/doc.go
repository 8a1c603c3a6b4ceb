// Package tekton is the conformance module of pipec's Tekton backend: its
// tests decode every generated Tekton Pipelines and Triggers object
// strictly into the real upstream types and run their SetDefaults and
// Validate, for the backend's fixtures and for every out/tekton/ section
// of the golden archives under testdata/golden/. It is a separate Go
// module so the heavy Tekton and Kubernetes graph never reaches pipec's
// own go.mod.
package tekton
