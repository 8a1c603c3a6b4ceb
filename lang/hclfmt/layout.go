package hclfmt

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// layout holds the token stream of one file and the number of spaces to
// emit before each token. The passes below only ever rewrite pad; the
// tokens themselves are never altered.
type layout struct {
	toks []hclsyntax.Token
	pad  []int
	rows []row

	scratch []int // widths of the group being aligned, reused
}

// row is one line as the layout rules see it: it ends at a newline token
// or a line comment, so a heredoc body or a multi-line /* */ comment stays
// inside the row that opened it. A row is split into up to three cells so
// that the attribute "=" and the trailing comment can be moved into columns
// shared with the neighbouring rows.
//
// All fields are token indices; eq and note are -1 when the cell is absent.
type row struct {
	start int // first token of the line (the "lead" cell starts here)
	eq    int // the "=" opening the assignment cell
	note  int // the trailing single comment token
	end   int // one past the last token, line terminator included
}

func (r row) leadEnd() int {
	if r.eq >= 0 {
		return r.eq
	}
	return r.assignEnd()
}

func (r row) assignEnd() int {
	if r.note >= 0 {
		return r.note
	}
	return r.end
}

func newLayout(toks []hclsyntax.Token) *layout {
	n := 1
	for i := range toks {
		if terminatesLine(&toks[i]) {
			n++
		}
	}
	l := &layout{
		toks: toks,
		pad:  make([]int, len(toks)),
		rows: make([]row, 0, n),
	}
	from := 0
	for i := range toks {
		if terminatesLine(&toks[i]) {
			l.rows = append(l.rows, l.splitCells(from, i+1))
			from = i + 1
		}
	}
	l.rows = append(l.rows, l.splitCells(from, len(toks)))
	return l
}

// terminatesLine is true for newlines and for line comments, because the
// lexer folds the newline that ends a "#" or "//" comment into the comment.
func terminatesLine(t *hclsyntax.Token) bool {
	switch t.Type {
	case hclsyntax.TokenNewline:
		return true
	case hclsyntax.TokenComment:
		return len(t.Bytes) > 0 && t.Bytes[len(t.Bytes)-1] == '\n'
	}
	return false
}

func (l *layout) splitCells(start, end int) row {
	r := row{start: start, eq: -1, note: -1, end: end}
	// A comment only counts as trailing if something precedes it; a line
	// holding nothing but a comment is indented, never column-aligned.
	if end-start > 1 && l.toks[end-1].Type == hclsyntax.TokenComment {
		r.note = end - 1
	}
	stop := r.assignEnd()
	for i := start + 1; i < stop; i++ {
		if l.toks[i].Type != hclsyntax.TokenEqual {
			continue
		}
		// Only the first "=" is a candidate. When the value opens more
		// brackets than it closes it continues on later lines, and aligning
		// such an attribute with its one-line neighbours would look odd.
		net := 0
		for j := i; j < stop; j++ {
			net += nesting(&l.toks[j])
		}
		if net == 0 {
			r.eq = i
		}
		break
	}
	return r
}

// nesting reports how a token moves the bracket depth. Template sequence
// introducers count as openers because their closing "}" is a separate
// TokenTemplateSeqEnd.
func nesting(t *hclsyntax.Token) int {
	switch t.Type {
	case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
		hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
		return 1
	case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
		hclsyntax.TokenTemplateSeqEnd:
		return -1
	}
	return 0
}

// indent sets the leading spaces of every line from bracket depth.
//
// Depth is tracked per line rather than per bracket: a line that opens
// several brackets at once still indents its followers by one level only,
// and the stack remembers how many closers it takes to undo that level.
// This keeps unbalanced or oddly wrapped input from drifting sideways.
func (l *layout) indent() {
	var levels []int
	for _, r := range l.rows {
		if r.start == r.end {
			continue
		}
		if l.toks[r.start].Type == hclsyntax.TokenNewline {
			l.pad[r.start] = 0
			continue
		}

		net := 0
		for i := r.start; i < r.leadEnd(); i++ {
			net += nesting(&l.toks[i])
			// Heredoc bodies are verbatim text; brackets inside them
			// belong to the document, not to the surrounding structure.
			if l.toks[i].Type == hclsyntax.TokenOHeredoc {
				break
			}
		}
		if r.eq >= 0 {
			for i := r.eq; i < r.assignEnd(); i++ {
				net += nesting(&l.toks[i])
			}
		}

		if net > 0 {
			l.pad[r.start] = 2 * len(levels)
			levels = append(levels, net)
			continue
		}
		for closing := -net; closing > 0 && len(levels) > 0; {
			top := &levels[len(levels)-1]
			if closing < *top {
				*top -= closing
				break
			}
			closing -= *top
			levels = levels[:len(levels)-1]
		}
		l.pad[r.start] = 2 * len(levels)
	}
}

// space decides the gap between neighbouring tokens inside the lead and
// assignment cells. The gaps in front of each cell are left to the
// indentation and alignment passes.
func (l *layout) space() {
	for _, r := range l.rows {
		l.spaceRun(r.start, r.leadEnd())
		if r.eq >= 0 {
			l.pad[r.eq] = 1
			l.spaceRun(r.eq, r.assignEnd())
		}
	}
}

func (l *layout) spaceRun(from, to int) {
	none := hclsyntax.Token{Type: hclsyntax.TokenNil}
	for i := from + 1; i < to; i++ {
		prev := &none
		if i-2 >= from {
			prev = &l.toks[i-2]
		}
		if spaced(prev, &l.toks[i-1], &l.toks[i]) {
			l.pad[i] = 1
		} else {
			l.pad[i] = 0
		}
	}
}

// alignAssignments lines up the "=" of consecutive one-line attributes.
// Any line without an assignment cell (blank line, block header, closing
// brace, multi-line value) ends the group.
func (l *layout) alignAssignments() {
	l.alignGroups(
		func(r row) int { return r.eq },
		func(r row) int { return l.width(r.start, r.eq) },
	)
}

// alignComments does the same for trailing comments, measured after the
// "=" columns have been settled.
func (l *layout) alignComments() {
	l.alignGroups(
		func(r row) int { return r.note },
		func(r row) int { return l.width(r.start, r.note) },
	)
}

func (l *layout) alignGroups(cell func(row) int, before func(row) int) {
	rows := l.rows
	for i := 0; i < len(rows); {
		if cell(rows[i]) < 0 {
			i++
			continue
		}
		l.scratch = l.scratch[:0]
		j, widest := i, 0
		for ; j < len(rows) && cell(rows[j]) >= 0; j++ {
			w := before(rows[j])
			l.scratch = append(l.scratch, w)
			widest = max(widest, w)
		}
		for k, r := range rows[i:j] {
			l.pad[cell(r)] = widest - l.scratch[k] + 1
		}
		i = j
	}
}

// width is the display width, in grapheme clusters, of toks[from:to]
// including the spaces already decided in front of each token.
func (l *layout) width(from, to int) int {
	w := 0
	for i := from; i < to; i++ {
		w += l.pad[i] + graphemes(l.toks[i].Bytes)
	}
	return w
}
