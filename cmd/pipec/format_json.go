package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
)

// jsonSchemaVersion is bumped only when a field changes meaning or goes
// away; new fields may be added without a bump. docs/cli.md documents it.
const jsonSchemaVersion = 1

// jsonReport is the document `pipec validate --format json` prints.
type jsonReport struct {
	Version      int        `json:"version"`
	Valid        bool       `json:"valid"`
	ErrorCount   int        `json:"error_count"`
	WarningCount int        `json:"warning_count"`
	Diagnostics  []jsonDiag `json:"diagnostics"`
}

type jsonDiag struct {
	// File is slash-separated and relative to the working directory when
	// the file is beneath it; "" when the diagnostic has no location.
	File     string     `json:"file"`
	Range    *jsonRange `json:"range"`
	Severity string     `json:"severity"` // "error" or "warning"
	// Code is the stable PCnnnn code; "" for a target's limitation.
	Code    string `json:"code"`
	Summary string `json:"summary"`
	Detail  string `json:"detail"`
}

type jsonRange struct {
	Start jsonPos `json:"start"`
	End   jsonPos `json:"end"`
}

// jsonPos is 1-based line and column (columns count characters) and the
// 0-based byte offset.
type jsonPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

func toJSONReport(diags hcl.Diagnostics) jsonReport {
	errs, warns := count(diags)
	r := jsonReport{Version: jsonSchemaVersion, Valid: errs == 0, ErrorCount: errs, WarningCount: warns, Diagnostics: []jsonDiag{}}
	for _, d := range diags {
		jd := jsonDiag{Severity: severityName(d), Code: string(diag.CodeOf(d)), Summary: d.Summary, Detail: d.Detail}
		if d.Subject != nil {
			jd.File = diagFile(d.Subject.Filename)
			if d.Subject.Start.Line > 0 {
				s, e := d.Subject.Start, d.Subject.End
				jd.Range = &jsonRange{Start: jsonPos{s.Line, s.Column, s.Byte}, End: jsonPos{e.Line, e.Column, e.Byte}}
			}
		}
		r.Diagnostics = append(r.Diagnostics, jd)
	}
	return r
}

func writeJSONDiags(w io.Writer, diags hcl.Diagnostics) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(toJSONReport(diags))
}

func severityName(d *hcl.Diagnostic) string {
	if d.Severity == hcl.DiagError {
		return "error"
	}
	return "warning"
}

// diagFile names a diagnostic's file the way CI tools want it: relative to
// the working directory (the repository root in CI) and slash-separated.
func diagFile(name string) string {
	if name == "" {
		return ""
	}
	if strings.HasPrefix(name, "<") { // -var and other command-line sources
		return name
	}
	// Relative to the repository root, as code scanning and GitHub
	// annotations expect, wherever pipec runs from.
	return relName(name)
}
