package main

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang"
)

func init() {
	register(&command{
		name:    "validate",
		summary: "Check a spec and report every error and warning (nothing is written).",
		usage:   "pipec validate [--format text|json|sarif] [--target LIST] [-var NAME=VALUE] [-var-file FILE] [PATH...]",
		run:     runValidate,
	})
}

// runValidate runs the whole compiler, backends included, and writes
// nothing: a spec that validates clean builds clean, so a pre-commit hook
// or CI check on validate cannot pass while build fails.
func runValidate(args []string, e *env) int {
	fs := flagsFor("validate", e)
	format := fs.String("format", "text", "output format: text (stderr), json or sarif (stdout)")
	targets := fs.targets("also check these targets (default: the ones the spec builds)")
	vars := fs.vars()
	paths, code, ok := fs.parsePaths(args)
	if !ok {
		return code
	}
	switch *format {
	case "text", "json", "sarif":
	default:
		fmt.Fprintf(e.stderr, "pipec validate: unknown --format %q (want text, json or sarif)\n", *format)
		return exitUsage
	}
	if !knownTargets(parseTargets(*targets), e) {
		return exitUsage
	}
	// Text goes out spec by spec (with each spec's snippets); a machine
	// format is one document for all of them.
	var all hcl.Diagnostics
	var first *lang.Module
	var firstFile string
	for i, path := range paths {
		res := validateOne(path, vars, parseTargets(*targets), e)
		if *format == "text" {
			if err := reportDiags(*format, path, res.mod, res.diags, e); err != nil {
				fmt.Fprintf(e.stderr, "pipec validate: %v\n", err)
				return exitSpec
			}
		}
		if i == 0 {
			first, firstFile = res.mod, res.firstFile
		}
		all = append(all, res.diags...)
	}
	if *format != "text" {
		if firstFile == "" {
			firstFile = paths[0]
		}
		if err := reportDiags(*format, firstFile, first, all, e); err != nil {
			fmt.Fprintf(e.stderr, "pipec validate: %v\n", err)
			return exitSpec
		}
	}
	if all.HasErrors() {
		return exitSpec
	}
	return exitOK
}

// validated is one spec's validation: its diagnostics, the module when
// it was compiled, and its first file (where SARIF puts a diagnostic
// without a range).
type validated struct {
	mod       *lang.Module
	diags     hcl.Diagnostics
	firstFile string
}

// validateOne compiles the spec at path, unless the build cache holds a
// clean compile of exactly these inputs: a spec that compiled without
// a diagnostic compiles the same way again. A clean compile is stored, so
// that the pre-commit hooks validate and build --check compile once
// between them.
func validateOne(path string, vars *varFlags, explicit []string, e *env) validated {
	srcs, readDiags, cache, key := cacheFor(path, vars, explicit, e)
	v := validated{}
	if len(srcs) > 0 {
		v.firstFile = srcs[0].Name
	}
	if cachedHead(cache, key) != nil {
		return v
	}
	res := compileSources(path, srcs, readDiags, vars, explicit, e)
	remember(cache, key, res)
	v.mod, v.diags = res.mod, res.diags
	return v
}

// reportDiags writes diagnostics in the chosen format. Machine formats go
// to stdout and are written even when there are none; GitHub annotations
// are added in GitHub Actions, on the stream the document does not use.
func reportDiags(format, file string, m *lang.Module, diags hcl.Diagnostics, e *env) error {
	var err error
	annotations := e.stdout
	switch format {
	case "json":
		err = writeJSONDiags(e.stdout, diags)
		annotations = e.stderr
	case "sarif":
		err = writeSARIF(e.stdout, diags, file)
		annotations = e.stderr
	default:
		writeDiags(e.stderr, m, diags)
	}
	if inGitHubActions(e) {
		writeAnnotations(annotations, diags)
	}
	return err
}
