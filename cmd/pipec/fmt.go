package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/pipec-dev/pipec/internal/textdiff"
	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/pipec-dev/pipec/lang/hclfmt"
)

func init() {
	register(&command{
		name:    "fmt",
		summary: "Rewrite spec files in canonical style (JSON files are left alone); --diff shows the changes, --check writes nothing.",
		usage:   "pipec fmt [--check] [--diff] [PATH...]",
		run:     runFmt,
	})
}

func runFmt(args []string, e *env) int {
	c := commands["fmt"]
	fs := newFlags(c, e)
	check := fs.Bool("check", false, "write nothing; exit 1 when a file is not formatted")
	showDiff := fs.Bool("diff", false, "print a unified diff of the changes")
	pos, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		pos = []string{"."}
	}
	var files []string
	var diags hcl.Diagnostics
	for _, path := range pos {
		found, ds := lang.SpecFiles(path)
		files, diags = append(files, found...), append(diags, ds...)
	}
	parser := hclparse.NewParser()
	status := exitOK
	for _, f := range files {
		if strings.HasSuffix(f, ".json") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			diags = append(diags, diag.Error(diag.NoFiles, hcl.Range{Filename: f}, "Cannot read spec file", err.Error()))
			continue
		}
		// Format only what parses: hclwrite would happily reformat a
		// broken file into a differently broken one.
		if _, ds := parser.ParseHCL(src, f); ds.HasErrors() {
			diags = append(diags, diag.Tag(ds, diag.Syntax)...)
			continue
		}
		out := hclfmt.Format(src)
		if bytes.Equal(src, out) {
			continue
		}
		if *showDiff {
			name := filepath.ToSlash(f)
			fmt.Fprint(e.stdout, textdiff.Unified("a/"+name, "b/"+name, string(src), string(out)))
		}
		if *check {
			fmt.Fprintln(e.stderr, f+": not formatted")
			status = exitSpec
			continue
		}
		if !*showDiff {
			fmt.Fprintln(e.stdout, f)
		}
		if err := writeAtomic(f, out); err != nil {
			diags = append(diags, diag.Error(diag.NoFiles, hcl.Range{Filename: f}, "Cannot write spec file", err.Error()))
		}
	}
	if len(diags) > 0 {
		writeDiags(e.stderr, &lang.Module{Parser: parser}, diags)
	}
	if diags.HasErrors() {
		return exitSpec
	}
	return status
}
