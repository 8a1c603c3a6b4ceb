// Package textdiff renders a unified diff of two texts, for pipec fmt
// --diff and pipec build --check --diff.
package textdiff
