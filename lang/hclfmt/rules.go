package hclfmt

import (
	"bufio"
	"bytes"

	"github.com/apparentlymart/go-textseg/v15/textseg"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// spaced reports whether a single space separates cur from next. prev is
// the token before cur in the same cell, or a TokenNil placeholder when cur
// opens the cell; it is needed to tell "in" and unary minus apart from
// their look-alikes.
//
// The cases are ordered: an earlier case wins over a later one, and the
// order is what the reference formatter produces, so reordering changes
// output.
func spaced(prev, cur, next *hclsyntax.Token) bool {
	a, b := cur.Type, next.Type
	switch {
	case b == hclsyntax.TokenNewline || b == hclsyntax.TokenNil:
		return false

	// Calls and namespaced function names read as one word.
	case a == hclsyntax.TokenIdent && (b == hclsyntax.TokenOParen || b == hclsyntax.TokenDoubleColon):
		return false
	case a == hclsyntax.TokenDoubleColon && b == hclsyntax.TokenIdent:
		return false

	// Traversals, including the dotted splat.
	case a == hclsyntax.TokenDot || b == hclsyntax.TokenDot:
		return false

	case b == hclsyntax.TokenComma || b == hclsyntax.TokenEllipsis:
		return false
	case a == hclsyntax.TokenComma:
		return true

	// Literal template text is emitted verbatim; padding it would change
	// the string's value.
	case literalSide(a, true) || literalSide(b, false):
		return false

	// In "for x in [a]" the "in" is a keyword, not a value being indexed.
	case a == hclsyntax.TokenIdent && string(cur.Bytes) == "in" && prev.Type == hclsyntax.TokenIdent:
		return true

	// Index brackets hug whatever they index.
	case b == hclsyntax.TokenOBrack &&
		(a == hclsyntax.TokenIdent || a == hclsyntax.TokenNumberLit || nesting(cur) < 0):
		return false

	case a == hclsyntax.TokenBang:
		return false
	case a == hclsyntax.TokenMinus:
		return !startsOperand(prev.Type)

	// Braces are padded on the inside, "{ a = 1 }", except when empty.
	case a == hclsyntax.TokenOBrace && b == hclsyntax.TokenCBrace:
		return false
	case a == hclsyntax.TokenOBrace || b == hclsyntax.TokenCBrace:
		return true

	// "${ {" and "} }" stay apart so an object inside an interpolation
	// is not mistaken for a doubled delimiter.
	case (a == hclsyntax.TokenTemplateInterp || a == hclsyntax.TokenTemplateControl) && b == hclsyntax.TokenOBrace:
		return true
	case a == hclsyntax.TokenCBrace && b == hclsyntax.TokenTemplateSeqEnd:
		return true

	// Back-to-back sequences ("}${") are adjacent in the template text.
	case a == hclsyntax.TokenTemplateSeqEnd &&
		(b == hclsyntax.TokenTemplateInterp || b == hclsyntax.TokenTemplateControl):
		return false

	case nesting(cur) > 0 || nesting(next) < 0:
		return false
	}
	return true
}

// literalSide reports whether t is template text (or the quote/heredoc
// delimiter) on the given side of a gap.
func literalSide(t hclsyntax.TokenType, left bool) bool {
	switch t {
	case hclsyntax.TokenQuotedLit, hclsyntax.TokenStringLit:
		return true
	case hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
		return left
	case hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
		return !left
	}
	return false
}

// startsOperand reports whether a "-" following a token of type t must be
// a negation: nothing that can end an operand comes before it.
func startsOperand(t hclsyntax.TokenType) bool {
	switch t {
	case hclsyntax.TokenNil,
		hclsyntax.TokenOParen, hclsyntax.TokenOBrace, hclsyntax.TokenOBrack,
		hclsyntax.TokenEqual, hclsyntax.TokenColon, hclsyntax.TokenComma, hclsyntax.TokenQuestion,
		hclsyntax.TokenPlus, hclsyntax.TokenMinus, hclsyntax.TokenStar, hclsyntax.TokenSlash, hclsyntax.TokenPercent,
		hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual,
		hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq,
		hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq,
		hclsyntax.TokenAnd, hclsyntax.TokenOr, hclsyntax.TokenBang:
		return true
	}
	return false
}

// graphemes counts the columns a token occupies when aligning cells.
//
// Plain ASCII without carriage returns is one column per byte, which is
// nearly every token, so that case skips the segmenter. Everything else is
// counted through a bufio.Scanner on purpose: the reference counts that
// way, and the scanner's 4 KiB refills and 64 KiB token limit can split or
// truncate clusters in long tokens. Matching the alignment byte for byte
// means reproducing those effects rather than counting "correctly".
func graphemes(b []byte) int {
	simple := true
	for _, c := range b {
		if c >= 0x80 || c == '\r' {
			simple = false
			break
		}
	}
	if simple {
		return len(b)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Split(textseg.ScanGraphemeClusters)
	n := 0
	for sc.Scan() {
		n++
	}
	return n
}
