// Package goldenfile compares generated text with a committed file, or
// rewrites the file under -update: the check behind every "generated,
// do not edit" document in the repository (docs/language.md,
// docs/diagnostics.md).
package goldenfile
