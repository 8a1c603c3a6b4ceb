// Package ir is pipec's backend-neutral intermediate representation: the
// resolved delivery pipeline after checking and lowering. Defaults are
// applied, references are resolved to names of nodes that exist, and
// environments are in promotion order. Every node keeps the hcl.Range of
// the source that produced it, so a backend can point a diagnostic at the
// user's spec.
//
// Values known only at run time (git.sha, secret.X, image.X.digest, ...)
// stay symbolic as Value parts, so each backend renders them in its own
// syntax. The package imports only hcl (for Range) and the standard library.
package ir
