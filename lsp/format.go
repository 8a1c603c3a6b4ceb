package lsp

import (
	"bytes"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
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
	out := hclwrite.Format(doc.text)
	if bytes.Equal(out, doc.text) {
		return []protocol.TextEdit{}, nil
	}
	return []protocol.TextEdit{{Range: doc.m.span(0, len(doc.text)), NewText: string(out)}}, nil
}

func isJSON(path string) bool { return strings.HasSuffix(path, ".json") }
