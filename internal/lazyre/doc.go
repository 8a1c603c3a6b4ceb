// Package lazyre is a regular expression compiled on first use. Package
// level regexp.MustCompile runs at start-up in every pipec process, for
// every command; the 26 patterns pipec had cost 0.6 ms of a 2 ms `pipec
// version` (GODEBUG=inittrace=1). Go's own cmd/go does the same for the
// same reason (internal/lazyregexp).
package lazyre
