package lsp

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/apparentlymart/go-textseg/v15/textseg"
	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// mapper is the only converter between the three position systems in play:
// LSP positions (0-based line, column in UTF-16 code units), byte offsets
// (what hcl.Pos.Byte holds and what every lookup in this package compares)
// and hcl.Pos line/column (1-based, column in grapheme clusters, as HCL
// reports it). Lines end at "\n"; a "\r" before it belongs to the line
// break, as in HCL.
type mapper struct {
	src   []byte
	lines []int // byte offset where each line starts
}

func newMapper(src []byte) *mapper {
	m := &mapper{src: src, lines: []int{0}}
	for i, c := range src {
		if c == '\n' {
			m.lines = append(m.lines, i+1)
		}
	}
	return m
}

// lineEnd is the byte offset of the end of line l's content, before "\r\n"
// or "\n".
func (m *mapper) lineEnd(l int) int {
	end := len(m.src)
	if l+1 < len(m.lines) {
		end = m.lines[l+1] - 1
		if end > m.lines[l] && m.src[end-1] == '\r' {
			end--
		}
	}
	return end
}

// offset converts an LSP position to a byte offset. Positions past the end
// of a line or of the document are clamped, as the protocol asks; a column
// inside a surrogate pair rounds down to the character's start.
func (m *mapper) offset(p protocol.Position) int {
	l := int(p.Line)
	if l >= len(m.lines) {
		return len(m.src)
	}
	off, end := m.lines[l], m.lineEnd(l)
	col := int(p.Character)
	for off < end && col > 0 {
		r, size := utf8.DecodeRune(m.src[off:end])
		n := utf16.RuneLen(r)
		if n < 0 {
			n = 1 // invalid UTF-8 byte: the editor saw one replacement char
		}
		if n > col {
			break
		}
		col -= n
		off += size
	}
	return off
}

// line returns the 0-based line holding byte offset off.
func (m *mapper) line(off int) int {
	lo, hi := 0, len(m.lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// position converts a byte offset to an LSP position.
func (m *mapper) position(off int) protocol.Position {
	off = max(0, min(off, len(m.src)))
	l := m.line(off)
	start := m.lines[l]
	off = min(off, max(start, m.lineEnd(l)))
	col := 0
	for i := start; i < off; {
		r, size := utf8.DecodeRune(m.src[i:off])
		n := utf16.RuneLen(r)
		if n < 0 {
			n = 1
		}
		col += n
		i += size
	}
	return protocol.Position{Line: protocol.UInteger(l), Character: protocol.UInteger(col)}
}

// pos converts an LSP position to an hcl.Pos.
func (m *mapper) pos(p protocol.Position) hcl.Pos {
	off := m.offset(p)
	l := m.line(off)
	col, _ := textseg.TokenCount(m.src[m.lines[l]:off], textseg.ScanGraphemeClusters)
	return hcl.Pos{Line: l + 1, Column: col + 1, Byte: off}
}

// rng converts an hcl.Range of this file to an LSP range, by byte offsets.
func (m *mapper) rng(r hcl.Range) protocol.Range {
	return protocol.Range{Start: m.position(r.Start.Byte), End: m.position(r.End.Byte)}
}

// span converts byte offsets to an LSP range.
func (m *mapper) span(start, end int) protocol.Range {
	return protocol.Range{Start: m.position(start), End: m.position(end)}
}

// contains reports whether byte offset off is inside r, counting the end
// so that a cursor just after a name still hits it.
func contains(r hcl.Range, off int) bool {
	return r.Start.Byte <= off && off <= r.End.Byte
}
