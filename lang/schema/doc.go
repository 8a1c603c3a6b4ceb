// Package schema is the one description of the pipec language: every block,
// label and attribute with its type, default, allowed values and doc string.
//
// The decoder derives its hcl.BodySchema from it, the checker its type and
// enum rules, the LSP its completion and hover, and docs/language.md is
// generated from it. Nothing else in pipec lists block or attribute names.
package schema
