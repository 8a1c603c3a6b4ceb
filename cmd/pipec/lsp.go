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
			fs := newFlags(commands["lsp"], e)
			fs.Bool("stdio", true, "speak LSP on stdin and stdout (the only transport; editors pass it)")
			pos, code, ok := parseFlags(fs, args, e)
			if !ok {
				return code
			}
			if len(pos) > 0 {
				fmt.Fprintf(e.stderr, "pipec lsp: unexpected argument %q\nusage: pipec lsp [--stdio]\n", pos[0])
				return exitUsage
			}
			return lsp.Serve(e.stdin, e.stdout, e.stderr)
		},
	})
}
