package lsp

import (
	"github.com/pipec-dev/pipec/internal/lazyre"

	"github.com/pipec-dev/pipec/lang/didyoumean"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

var didYouMean = lazyre.New(`Did you mean "([^"]+)"\?`)

var wordRe = lazyre.New(`[A-Za-z_][A-Za-z0-9_-]*`)

// codeActions offers a quick fix for each diagnostic whose detail says
// `Did you mean "x"?`: replace the misspelt word in its range by x.
func codeActions(s *Server, v *view, p *protocol.CodeActionParams) (any, error) {
	doc := v.doc(p.TextDocument.URI)
	if doc == nil {
		return nil, nil
	}
	out := []protocol.CodeAction{}
	for _, d := range p.Context.Diagnostics {
		m := didYouMean.FindStringSubmatch(d.Message)
		if m == nil {
			continue
		}
		want := m[1]
		start, end := doc.m.offset(d.Range.Start), doc.m.offset(d.Range.End)
		ws, we, ok := misspelt(doc.text[start:end], want)
		if !ok {
			continue
		}
		kind := protocol.CodeActionKindQuickFix
		preferred := true
		out = append(out, protocol.CodeAction{
			Title: `Change to "` + want + `"`, Kind: &kind, IsPreferred: &preferred,
			Diagnostics: []protocol.Diagnostic{d},
			Edit: &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
				doc.uri: {{Range: doc.m.span(start+ws, start+we), NewText: want}},
			}},
		})
	}
	return out, nil
}

// misspelt finds the word in text that the suggestion corrects: a range
// may cover a whole reference ("environment.stagin") or a quoted value.
func misspelt(text []byte, want string) (int, int, bool) {
	locs := wordRe.FindAllIndex(text, -1)
	words := make([]string, len(locs))
	for i, l := range locs {
		words[i] = string(text[l[0]:l[1]])
	}
	best := didyoumean.Suggest(want, words)
	for i, w := range words {
		if w == best && w != want {
			return locs[i][0], locs[i][1], true
		}
	}
	return 0, 0, false
}
