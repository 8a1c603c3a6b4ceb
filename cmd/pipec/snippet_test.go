package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestSnippetWriterMatchesHCL compares snippetWriter with HCL's own text
// writer, diagnostic by diagnostic, on ranges of every shape.
func TestSnippetWriterMatchesHCL(t *testing.T) {
	srcs := map[string]string{
		"a.hcl":    "pipeline \"x\" {\n  repository = \"github.com/o/x\"\n\n  on {\n    push = [\"main\"]\n  }\n}\nlast = 1",
		"crlf.hcl": "a = 1\r\nb = \"é✓\"\r\n\r\nc = [\r\n  1,\r\n]\r\n",
		"nl.hcl":   "x = 1\n",
	}
	files := map[string]*hcl.File{}
	for name, src := range srcs {
		f, _ := hclsyntax.ParseConfig([]byte(src), name, hcl.InitialPos)
		files[name] = f
	}
	at := func(name string, from, to int) *hcl.Range {
		src := srcs[name]
		pos := func(off int) hcl.Pos {
			line := 1 + strings.Count(src[:off], "\n")
			col := 1 + off - (strings.LastIndex(src[:off], "\n") + 1)
			return hcl.Pos{Line: line, Column: col, Byte: off}
		}
		return &hcl.Range{Filename: name, Start: pos(from), End: pos(to)}
	}
	expr, _ := hclsyntax.ParseExpression([]byte("var.a + 1"), "e.hcl", hcl.InitialPos)
	diags := hcl.Diagnostics{
		{Severity: hcl.DiagError, Summary: "one line", Detail: "Fix it.", Subject: at("a.hcl", 17, 27)},
		{Severity: hcl.DiagWarning, Summary: "empty range", Detail: "A long detail that wraps when the width is set, because it goes on and on past the edge of the terminal.", Subject: at("a.hcl", 15, 15)},
		{Severity: hcl.DiagError, Summary: "multi-line with blank line", Subject: at("a.hcl", 17, 60)},
		{Severity: hcl.DiagError, Summary: "with context", Subject: at("a.hcl", 66, 70), Context: at("a.hcl", 49, 80)},
		{Severity: hcl.DiagError, Summary: "last line, no newline", Subject: at("a.hcl", len(srcs["a.hcl"])-4, len(srcs["a.hcl"]))},
		{Severity: hcl.DiagError, Summary: "at end of file", Subject: at("a.hcl", len(srcs["a.hcl"]), len(srcs["a.hcl"]))},
		{Severity: hcl.DiagError, Summary: "crlf", Subject: at("crlf.hcl", 7, 17), Context: at("crlf.hcl", 0, 30)},
		{Severity: hcl.DiagError, Summary: "crlf blank", Subject: at("crlf.hcl", 19, 24)},
		{Severity: hcl.DiagError, Summary: "end newline", Subject: at("nl.hcl", 6, 6)},
		{Severity: hcl.DiagError, Summary: "no source", Subject: &hcl.Range{Filename: "gone.hcl", Start: hcl.Pos{Line: 3, Column: 1, Byte: 9}, End: hcl.Pos{Line: 3, Column: 2, Byte: 10}}},
		{Severity: hcl.DiagError, Summary: "no subject", Detail: "Detail only."},
		{Severity: hcl.DiagError, Summary: "values", Detail: "Bad sum.", Subject: at("a.hcl", 17, 27), Expression: expr,
			EvalContext: &hcl.EvalContext{Variables: map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x")})}}},
	}
	for _, width := range []uint{0, 40} {
		for _, color := range []bool{false, true} {
			for _, d := range diags {
				var want, got bytes.Buffer
				hcl.NewDiagnosticTextWriter(&want, files, width, color).WriteDiagnostic(d)
				sw := &snippetWriter{w: &got, files: files, width: width, color: color, lines: map[string][]int{}}
				sw.write(d)
				if diff := cmp.Diff(want.String(), got.String()); diff != "" {
					t.Errorf("%s (width %d, color %v): (-hcl +ours)\n%s", d.Summary, width, color, diff)
				}
			}
		}
	}
}
