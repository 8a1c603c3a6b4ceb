package main

import (
	"fmt"

	"github.com/pipec-dev/pipec/lsp"
)

func init() {
	register(&command{
		name:    "lsp",
		summary: "Run the language server on stdin and stdout (for editors).",
		usage:   "pipec lsp [--stdio]",
		run: func(args []string, e *env) int {
			if len(args) > 0 && args[0] != "--stdio" { // editors often pass --stdio
				fmt.Fprintln(e.stderr, "usage: pipec lsp [--stdio]")
				return exitUsage
			}
			return lsp.Serve(e.stdin, e.stdout, e.stderr)
		},
	})
}
