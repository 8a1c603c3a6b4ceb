// Package compiler lowers a checked lang.Module into the backend-neutral
// ir.Program: it applies defaults, resolves references to node names,
// orders environments for promotion, and turns runtime values into
// ir.Value parts. It declares the Backend interface and a Registry the
// CLI fills; it never imports a backend.
package compiler
