// Package shell holds what the CI backends share about the POSIX shell
// scripts they write: where a position in a script stands with respect to
// quoting, and how to expand an environment variable there as exactly one
// word. Runtime values reach scripts only through environment variables,
// and this is how both backends splice the references in.
package shell
