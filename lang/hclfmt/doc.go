// Package hclfmt lays out HCL source in the canonical style, producing
// exactly the bytes hclwrite.Format would.
//
// It exists for start-up time. pipec runs on every commit and keystroke,
// and hclwrite drags in github.com/google/go-cmp, whose package
// initialisation (compiling a \p{L} regexp, seeding math/rand) costs
// 0.5-0.7 ms on every process start: "pipec version" measured 1.8 ms with
// it linked and 1.3 ms without. Formatting needs only the hclsyntax lexer,
// so this package re-derives the layout from the token stream and keeps
// hclwrite out of the binary.
//
// The package owns the formatting rules: how lines are split into lead,
// assignment and comment cells, indentation by bracket depth, the spacing
// between token pairs, and the column alignment of "=" and trailing
// comments. hclwrite remains the specification: the tests compare against
// it on the repository's files, on whitespace-mangled variants of them and
// under fuzzing, and any difference is a bug here, including for input
// that does not parse.
package hclfmt
