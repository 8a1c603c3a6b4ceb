package lsp

import (
	"bytes"
	"strings"

	"github.com/pipec-dev/pipec/internal/textdiff"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/pipec-dev/pipec/lang/hclfmt"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// formatting rewrites the buffer as `pipec fmt` would. It reads only the
// request's own text, never the analysis, so it answers at once.
func formatting(s *Server, v *view, p *protocol.DocumentFormattingParams) (any, error) {
	doc := v.doc(p.TextDocument.URI)
	if doc == nil || isJSON(doc.path) {
		return nil, nil
	}
	// Like pipec fmt, format only what parses: hclwrite would turn a broken
	// file into a differently broken one.
	if _, ds := hclsyntax.ParseConfig(doc.text, doc.path, hcl.InitialPos); ds.HasErrors() {
		return nil, nil
	}
	out := hclfmt.Format(doc.text)
	if bytes.Equal(out, doc.text) {
		return []protocol.TextEdit{}, nil
	}
	// Minimal line edits, as gopls sends: editors keep marks, folds and the
	// cursor on lines that did not change.
	edits := []protocol.TextEdit{}
	for _, e := range textdiff.LineEdits(string(doc.text), string(out)) {
		edits = append(edits, protocol.TextEdit{Range: doc.m.span(e.Start, e.End), NewText: e.Text})
	}
	return edits, nil
}

func isJSON(path string) bool { return strings.HasSuffix(path, ".json") }
