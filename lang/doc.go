// Package lang is pipec's front end: it loads a spec (a file, or the
// pipec.hcl, *.pipec.hcl and *.pipec.json files of a directory), decodes it
// against lang/schema, evaluates compile-time values and checks every rule
// of the language. It returns a Module, which is never nil and holds as
// much as could be understood, plus all diagnostics: the LSP works on
// broken files too.
//
// lang does not know about targets; compiler lowers a checked Module into
// compiler/ir.
package lang
