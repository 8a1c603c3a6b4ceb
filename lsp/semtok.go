package lsp

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// tokenTypes is the legend; roleTypes maps roles to its indexes.
var tokenTypes = []string{"keyword", "class", "property", "namespace", "variable", "function", "string", "number", "comment", "operator"}

var roleTypes = map[role]int{
	roleBlockType: 0, roleKeyword: 0, roleLabel: 1, roleAttrName: 2, roleRefRoot: 3, roleRefStep: 4,
	roleFunction: 5, roleString: 6, roleNumber: 7, roleComment: 8, roleOperator: 9,
}

// semanticTokens classifies the document's tokens lexically (no analysis
// needed, so it is fast and works on broken text).
func semanticTokens(s *Server, v *view, p *protocol.SemanticTokensParams) (any, error) {
	doc := v.doc(p.TextDocument.URI)
	if doc == nil || isJSON(doc.path) {
		return nil, nil
	}
	return protocol.SemanticTokens{Data: encodeTokens(doc)}, nil
}

func encodeTokens(doc *document) []protocol.UInteger {
	data := []protocol.UInteger{}
	var line, col protocol.UInteger
	emit := func(start, end int, typ int) {
		// A token may span lines (heredocs, block comments); LSP tokens
		// may not, so it is cut at each line break.
		for start < end {
			lineEnd := start
			for lineEnd < end && doc.text[lineEnd] != '\n' {
				lineEnd++
			}
			trimmed := lineEnd
			if trimmed > start && doc.text[trimmed-1] == '\r' {
				trimmed--
			}
			if trimmed > start {
				a, b := doc.m.position(start), doc.m.position(trimmed)
				if a.Line != line {
					col = 0
				}
				data = append(data, a.Line-line, a.Character-col, b.Character-a.Character, protocol.UInteger(typ), 0)
				line, col = a.Line, a.Character
			}
			start = lineEnd + 1
		}
	}
	w := newWalker(doc.text, doc.path)
	for w.i < len(w.toks) {
		t, r := w.step()
		if t.Type == hclsyntax.TokenEOF {
			break
		}
		if typ, ok := roleTypes[r]; ok {
			emit(t.Range.Start.Byte, t.Range.End.Byte, typ)
		}
	}
	return data
}
