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
	for _, path := range paths {
		res := compileSpec(path, vars, parseTargets(*targets), e)
		if *format == "text" {
			if err := reportDiags(*format, path, res.mod, res.diags, e); err != nil {
				fmt.Fprintf(e.stderr, "pipec validate: %v\n", err)
				return exitSpec
			}
		}
		if first == nil {
			first = res.mod
		}
		all = append(all, res.diags...)
	}
	if *format != "text" {
		if err := reportDiags(*format, paths[0], first, all, e); err != nil {
			fmt.Fprintf(e.stderr, "pipec validate: %v\n", err)
			return exitSpec
		}
	}
	if all.HasErrors() {
		return exitSpec
	}
	return exitOK
}

// reportDiags writes diagnostics in the chosen format. Machine formats go
// to stdout and are written even when there are none; GitHub annotations
// are added in GitHub Actions, on the stream the document does not use.
func reportDiags(format, path string, m *lang.Module, diags hcl.Diagnostics, e *env) error {
	var err error
	annotations := e.stdout
	switch format {
	case "json":
		err = writeJSONDiags(e.stdout, diags)
		annotations = e.stderr
	case "sarif":
		err = writeSARIF(e.stdout, diags, fallbackFile(path, m))
		annotations = e.stderr
	default:
		writeDiags(e.stderr, m, diags)
	}
	if inGitHubActions(e) {
		writeAnnotations(annotations, diags)
	}
	return err
}

// fallbackFile is where a diagnostic without a range is reported: the
// first spec file, or the path given.
func fallbackFile(path string, m *lang.Module) string {
	if m != nil && len(m.FileNames) > 0 {
		return m.FileNames[0]
	}
	return path
}
