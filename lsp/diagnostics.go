package lsp

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// publish sends every file of the spec its diagnostics, and clears files
// that had some before and have none now.
func (s *Server) publish(sp *spec, snap *snapshot) {
	byFile := map[string][]protocol.Diagnostic{}
	for _, d := range snap.diags {
		path, rng := locate(d, snap)
		byFile[path] = append(byFile[path], toLSP(d, rng))
	}
	sp.mu.Lock()
	prev := sp.published
	sp.published = map[string]bool{}
	for p := range byFile {
		sp.published[p] = true
	}
	sp.mu.Unlock()

	paths := append([]string(nil), snap.names...)
	for p := range prev {
		if snap.files[p] == nil {
			paths = append(paths, p)
		}
	}
	for p := range byFile {
		if snap.files[p] == nil && !prev[p] {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	v := s.docs.view()
	for _, p := range paths {
		uri, version := pathToURI(p), (*int32)(nil)
		if d := v.byPath[p]; d != nil {
			uri = d.uri
		}
		if ft := snap.files[p]; ft != nil && ft.version >= 0 {
			version = &ft.version
		}
		s.conn.notify("textDocument/publishDiagnostics", publishParams(uri, version, byFile[p]))
	}
}

func publishParams(uri string, version *int32, diags []protocol.Diagnostic) protocol.PublishDiagnosticsParams {
	if diags == nil {
		diags = []protocol.Diagnostic{}
	}
	p := protocol.PublishDiagnosticsParams{URI: uri, Diagnostics: diags}
	if version != nil {
		v := protocol.UInteger(*version)
		p.Version = &v
	}
	return p
}

// locate picks the file and range a diagnostic is shown at. One without a
// subject (or in a file the spec does not hold) goes to the top of the
// first file, so it is never lost.
func locate(d *hcl.Diagnostic, snap *snapshot) (string, protocol.Range) {
	if d.Subject != nil {
		if ft := snap.files[d.Subject.Filename]; ft != nil {
			return d.Subject.Filename, ft.m.rng(*d.Subject)
		}
	}
	return firstOr(snap.names, ""), protocol.Range{}
}

func toLSP(d *hcl.Diagnostic, rng protocol.Range) protocol.Diagnostic {
	sev := protocol.DiagnosticSeverityError
	if d.Severity == hcl.DiagWarning {
		sev = protocol.DiagnosticSeverityWarning
	}
	msg := d.Summary
	if d.Detail != "" {
		msg += "\n" + d.Detail
	}
	source := "pipec"
	out := protocol.Diagnostic{Range: rng, Severity: &sev, Source: &source, Message: msg}
	if c := diag.CodeOf(d); c != "" {
		out.Code = &protocol.IntegerOrString{Value: string(c)}
		out.CodeDescription = &protocol.CodeDescription{HRef: diagnosticsDocs}
	}
	return out
}

// diagnosticsDocs explains every code; editors link the code to it.
const diagnosticsDocs = "https://github.com/pipec-dev/pipec/blob/main/docs/diagnostics.md"
