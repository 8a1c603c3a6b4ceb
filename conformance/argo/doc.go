// Package argo is the conformance suite of pipec's Argo backend. It is its
// own Go module so the heavy upstream modules (Argo Rollouts, Argo CD,
// Kubernetes, Kustomize) never reach pipec's go.mod or binary.
//
// Its tests decode every generated object strictly into the upstream Go
// type, build every Kustomize overlay in memory, run Argo Rollouts' own
// Rollout and metric validation and the Pod Security Admission "restricted"
// checks on the built output, validate Argo CD objects against the CRD
// schemas shipped in the argo-cd module, and cross-check Applications
// against the AppProject. They do this for the backend's fixtures and for
// every out/deploy/ section of the repository's golden txtar files.
package argo
