package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
)

// inGitHubActions reports whether pipec runs in a GitHub Actions job, where
// workflow commands turn diagnostics into annotations on the spec's lines.
func inGitHubActions(e *env) bool { return e.getenv("GITHUB_ACTIONS") == "true" }

// writeAnnotations prints one ::error or ::warning workflow command per
// diagnostic. The runner reads them from stdout and stderr alike.
func writeAnnotations(w io.Writer, diags hcl.Diagnostics) {
	for _, d := range diags {
		title := d.Summary
		if code := diag.CodeOf(d); code != "" {
			title += " [" + string(code) + "]"
		}
		msg := d.Detail
		if msg == "" {
			msg = d.Summary
		}
		var props []string
		if d.Subject != nil && d.Subject.Filename != "" {
			props = append(props, "file="+escapeProperty(diagFile(d.Subject.Filename)))
			if s, e := d.Subject.Start, d.Subject.End; s.Line > 0 {
				props = append(props,
					fmt.Sprintf("line=%d", s.Line), fmt.Sprintf("col=%d", s.Column),
					fmt.Sprintf("endLine=%d", max(e.Line, s.Line)), fmt.Sprintf("endColumn=%d", e.Column))
			}
		}
		props = append(props, "title="+escapeProperty(title))
		writeAnnotation(w, severityName(d), props, msg)
	}
}

func writeAnnotation(w io.Writer, level string, props []string, msg string) {
	fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), escapeData(msg))
}

// escapeData and escapeProperty follow the runner's workflow-command
// escaping, so a newline or a comma cannot end the command early.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
