package hclfmt

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Format returns src in canonical HCL layout: byte-for-byte what
// hclwrite.Format(src) returns, for every input.
//
// Only the whitespace between tokens changes; token bytes are copied
// through untouched, which is why syntactically invalid input is still
// accepted and laid out as well as its token stream allows.
func Format(src []byte) []byte {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	if len(toks) == 0 {
		return []byte{}
	}

	// The lexer always finishes with a synthetic EOF token. It sits outside
	// every row, so the formatting passes never touch the gap before it:
	// that gap is reproduced as spaces, exactly as the reference does.
	body := toks
	var eof *hclsyntax.Token
	if last := &toks[len(toks)-1]; last.Type == hclsyntax.TokenEOF {
		body = toks[:len(toks)-1]
		eof = last
	}

	l := newLayout(body)
	l.indent()
	l.space()
	l.alignAssignments()
	l.alignComments()

	size := 0
	for i := range body {
		size += l.pad[i] + len(body[i].Bytes)
	}
	trailing := 0
	if eof != nil {
		prevEnd := 0
		if len(body) > 0 {
			prevEnd = body[len(body)-1].Range.End.Byte
		}
		trailing = max(eof.Range.Start.Byte-prevEnd, 0)
		size += trailing + len(eof.Bytes)
	}

	out := make([]byte, 0, size)
	for i := range body {
		out = appendSpaces(out, l.pad[i])
		out = append(out, body[i].Bytes...)
	}
	if eof != nil {
		out = appendSpaces(out, trailing)
		out = append(out, eof.Bytes...)
	}
	return out
}

func appendSpaces(out []byte, n int) []byte {
	for ; n > 0; n-- {
		out = append(out, ' ')
	}
	return out
}
