// Package diag owns pipec's diagnostic codes and the helpers that attach a
// code to an hcl.Diagnostic (in its Extra field), so the CLI, the LSP and
// the docs can show and link them. Codes are only ever appended.
package diag
