package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/diag"
)

// writeDiags renders diagnostics with source snippets, like HCL's text
// writer, adding each code; colour only on a terminal.
func writeDiags(w io.Writer, m *lang.Module, diags hcl.Diagnostics) {
	if len(diags) == 0 {
		return
	}
	files := map[string]*hcl.File{}
	if m != nil && m.Parser != nil {
		files = m.Parser.Files()
	}
	tty := isTerminal(w)
	width := uint(0)
	if tty {
		width = 100
	}
	sw := &snippetWriter{w: w, files: files, width: width, color: tty, lines: map[string][]int{}}
	for _, d := range diags {
		c := *d
		if c.Subject != nil && c.Subject.Start.Line == 0 {
			// A file-level problem (a path, a -var): no snippet to show.
			if f := c.Subject.Filename; f != "" && f != "." {
				c.Detail = f + ": " + c.Detail
			}
			c.Subject = nil
		}
		if code := diag.CodeOf(d); code != "" {
			c.Summary = fmt.Sprintf("%s [%s]", d.Summary, code)
		}
		sw.write(&c)
	}
	errs, warns := count(diags)
	fmt.Fprintf(w, "%s, %s\n", plural(errs, "error"), plural(warns, "warning"))
}

func count(diags hcl.Diagnostics) (errs, warns int) {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs++
		} else {
			warns++
		}
	}
	return
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return strconv.Itoa(n) + " " + s + "s"
}
