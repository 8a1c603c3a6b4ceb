package lsp

import (
	"bytes"
	"github.com/pipec-dev/pipec/internal/lazyre"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/pipec-dev/pipec/lang/schema"
)

// The structure around the cursor is read from HCL's tokens rather than its
// syntax tree: the lexer never gives up, so a half-typed block, an unclosed
// brace or a dangling "environment." still tell us where the cursor is.
// The same walk gives semantic tokens their roles.

type frameKind int

const (
	blockFrame  frameKind = iota // a block body
	exprFrame                    // inside (), [], an object {} or ${ }
	stringFrame                  // inside a quoted string or heredoc
)

type frame struct {
	kind frameKind
	typ  string // block type, for blockFrame
	attr string // the attribute whose value this is, for expr and string frames
}

// role is what a token is, for semantic tokens.
type role int

const (
	roleNone role = iota
	roleBlockType
	roleLabel
	roleAttrName
	roleRefRoot
	roleRefStep
	roleFunction
	roleKeyword
	roleString
	roleNumber
	roleComment
	roleOperator
)

type walker struct {
	toks  hclsyntax.Tokens
	i     int
	stack []frame
	// State of the current line of a block body.
	lineN      int    // tokens on the line so far
	lineAttr   string // NAME when the line is NAME = ...
	header     bool   // the line is a block header
	headerType string
}

func newWalker(src []byte, filename string) *walker {
	return newWalkerAt(src, filename, 0)
}

// newWalkerAt lexes src from byte start, which must be a point where the
// lexer is at the top level of the file (see restartPoint). Token ranges
// keep absolute byte offsets; their line numbers are not used.
func newWalkerAt(src []byte, filename string, start int) *walker {
	toks, _ := hclsyntax.LexConfig(src[start:], filename, hcl.Pos{Line: 1, Column: 1, Byte: start})
	return &walker{toks: toks, stack: []frame{{kind: blockFrame}}}
}

func (w *walker) top() frame { return w.stack[len(w.stack)-1] }

func (w *walker) push(f frame) { w.stack = append(w.stack, f) }

func (w *walker) pop(kinds ...frameKind) {
	if len(w.stack) <= 1 {
		return
	}
	top := w.top().kind
	for _, k := range kinds {
		if k == top {
			w.stack = w.stack[:len(w.stack)-1]
			return
		}
	}
}

func (w *walker) newLine() { w.lineN, w.lineAttr, w.header, w.headerType = 0, "", false, "" }

// attr is the attribute whose value the walker is in, or "".
func (w *walker) attr() string {
	if t := w.top(); t.kind != blockFrame {
		return t.attr
	}
	return w.lineAttr
}

// next returns the type of the next token that is not a comment.
func (w *walker) next() hclsyntax.TokenType {
	for j := w.i + 1; j < len(w.toks); j++ {
		if w.toks[j].Type != hclsyntax.TokenComment {
			return w.toks[j].Type
		}
	}
	return hclsyntax.TokenEOF
}

func (w *walker) prev() hclsyntax.TokenType {
	if w.i > 0 {
		return w.toks[w.i-1].Type
	}
	return hclsyntax.TokenNil
}

// step consumes the next token and returns it with its role.
func (w *walker) step() (hclsyntax.Token, role) {
	t := w.toks[w.i]
	r := w.classify(t)
	w.i++
	return t, r
}

func (w *walker) classify(t hclsyntax.Token) role {
	top := w.top()
	atBody := top.kind == blockFrame
	defer func() {
		if atBody && t.Type != hclsyntax.TokenNewline && t.Type != hclsyntax.TokenComment {
			w.lineN++
		}
	}()
	switch t.Type {
	case hclsyntax.TokenNewline:
		if atBody {
			w.newLine()
		}
		return roleNone
	case hclsyntax.TokenComment:
		if atBody && len(t.Bytes) > 0 && t.Bytes[len(t.Bytes)-1] == '\n' {
			w.newLine() // a line comment swallows its newline
		}
		return roleComment
	case hclsyntax.TokenOBrace:
		if atBody && w.header {
			w.push(frame{kind: blockFrame, typ: w.headerType})
			w.newLine()
			w.lineN = -1 // the deferred increment brings it to 0
			return roleNone
		}
		w.push(frame{kind: exprFrame, attr: w.attr()})
		return roleNone
	case hclsyntax.TokenCBrace, hclsyntax.TokenTemplateSeqEnd:
		wasBlock := top.kind == blockFrame
		w.pop(blockFrame, exprFrame)
		if wasBlock {
			w.newLine()
			w.lineN = -1
			atBody = true
		}
		return roleNone
	case hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
		w.push(frame{kind: exprFrame, attr: w.attr()})
		return roleNone
	case hclsyntax.TokenCBrack, hclsyntax.TokenCParen:
		w.pop(exprFrame)
		return roleNone
	case hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc:
		if atBody && w.header {
			return roleLabel
		}
		w.push(frame{kind: stringFrame, attr: w.attr()})
		return roleString
	case hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
		if atBody && w.header {
			return roleLabel
		}
		w.pop(stringFrame)
		return roleString
	case hclsyntax.TokenQuotedLit, hclsyntax.TokenStringLit:
		if atBody && w.header {
			return roleLabel
		}
		return roleString
	case hclsyntax.TokenNumberLit:
		return roleNumber
	case hclsyntax.TokenEqual:
		return roleOperator
	case hclsyntax.TokenIdent:
		return w.ident(t, atBody)
	}
	if isOperator(t.Type) {
		return roleOperator
	}
	return roleNone
}

func isOperator(tt hclsyntax.TokenType) bool {
	switch tt {
	case hclsyntax.TokenPlus, hclsyntax.TokenMinus, hclsyntax.TokenStar, hclsyntax.TokenSlash, hclsyntax.TokenPercent,
		hclsyntax.TokenAnd, hclsyntax.TokenOr, hclsyntax.TokenBang, hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual,
		hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq, hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq,
		hclsyntax.TokenQuestion, hclsyntax.TokenColon, hclsyntax.TokenFatArrow, hclsyntax.TokenEllipsis:
		return true
	}
	return false
}

func (w *walker) ident(t hclsyntax.Token, atBody bool) role {
	name := string(t.Bytes)
	if atBody && w.lineN == 0 {
		switch w.next() {
		case hclsyntax.TokenEqual:
			w.lineAttr = name
			return roleAttrName
		case hclsyntax.TokenOBrace, hclsyntax.TokenOQuote, hclsyntax.TokenIdent:
			w.header, w.headerType = true, name
			return roleBlockType
		}
		return roleAttrName // being typed: could become either
	}
	if atBody && w.header {
		return roleLabel
	}
	if atBody && w.lineAttr == "" {
		return roleNone
	}
	switch {
	case name == "true" || name == "false" || name == "null":
		return roleKeyword
	case w.next() == hclsyntax.TokenOParen:
		return roleFunction
	case w.prev() == hclsyntax.TokenDot:
		return roleRefStep
	case w.top().kind == exprFrame && w.next() == hclsyntax.TokenEqual:
		return roleAttrName // an object key: { KEY = ... }
	}
	return roleRefRoot
}

// cursorKind says what may be written at the cursor.
type cursorKind int

const (
	cursorNone   cursorKind = iota // a comment, a label, a header
	cursorBody                     // an attribute name or a block type
	cursorExpr                     // an expression: references, values
	cursorString                   // inside a quoted string literal
)

type cursor struct {
	kind cursorKind
	path []string // enclosing block types, outermost first
	attr string   // the attribute whose value holds the cursor
	word string   // the identifier (with dots) or string text before the cursor
	// wordStart is the byte offset where word starts.
	wordStart int
}

// cursorAt reads the context at byte offset off of src.
func cursorAt(src []byte, filename string, off int) cursor {
	// Only the text before the cursor matters, and only from the start of
	// the top-level block around it: lexing a whole 5,000-line file would
	// cost more than the rest of completion together.
	w := newWalkerAt(src[:off], filename, restartPoint(src, off))
	var last hclsyntax.Token
	for w.i < len(w.toks) && w.toks[w.i].Range.Start.Byte < off {
		t := w.toks[w.i]
		if t.Type == hclsyntax.TokenComment && (off < t.Range.End.Byte || openLineComment(t.Bytes)) {
			return cursor{kind: cursorNone}
		}
		if t.Type == hclsyntax.TokenEOF {
			break
		}
		last, _ = w.step()
	}
	c := cursor{wordStart: off}
	for _, f := range w.stack {
		if f.kind == blockFrame && f.typ != "" {
			c.path = append(c.path, f.typ)
		}
	}
	top := w.top()
	switch {
	case top.kind == stringFrame:
		c.kind, c.attr = cursorString, top.attr
		start := off
		for start > 0 && src[start-1] != '"' && src[start-1] != '\n' {
			start--
		}
		c.word, c.wordStart = string(src[start:off]), start
		return c
	case top.kind == exprFrame || (top.kind == blockFrame && w.lineAttr != ""):
		c.kind, c.attr = cursorExpr, w.attr()
	case top.kind == blockFrame && !w.header && (w.lineN == 0 ||
		(w.lineN == 1 && last.Type == hclsyntax.TokenIdent && last.Range.End.Byte == off)):
		c.kind = cursorBody
	default:
		return cursor{kind: cursorNone}
	}
	start := off
	for start > 0 && isWordByte(src[start-1]) {
		start--
	}
	c.word, c.wordStart = string(src[start:off]), start
	return c
}

func isWordByte(b byte) bool {
	return b == '_' || b == '-' || b == '.' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// schemaAt returns the schema of the block at path, or nil when the path
// leaves the schema (a misspelt block type).
func schemaAt(path []string) *schema.Block {
	b := schema.Root
	for _, typ := range path {
		if b = b.Block(typ); b == nil {
			return nil
		}
	}
	return b
}

var blockHeader = lazyre.New(`(?m)^[A-Za-z_][A-Za-z0-9_-]*(?:[ \t]+(?:"[^"\n]*"|[A-Za-z_][A-Za-z0-9_-]*))*[ \t]*\{`)

// restartPoint returns the start of the last line before off that opens a
// top-level block (a header at column 0), or 0. A candidate inside a
// heredoc or a /* comment */ is rejected by falling back to 0, which is
// always correct, only slower.
func restartPoint(src []byte, off int) int {
	prefix := src[:off]
	locs := blockHeader.FindAllIndex(prefix, -1)
	if len(locs) == 0 {
		return 0
	}
	start := locs[len(locs)-1][0]
	if inHeredocOrComment(prefix[:start]) {
		return 0
	}
	return start
}

// inHeredocOrComment reports whether text ends inside an unclosed heredoc
// or block comment, judging by the last one opened.
func inHeredocOrComment(text []byte) bool {
	if i := bytes.LastIndex(text, []byte("/*")); i >= 0 && !bytes.Contains(text[i:], []byte("*/")) {
		return true
	}
	i := bytes.LastIndex(text, []byte("<<"))
	if i < 0 {
		return false
	}
	rest := bytes.TrimPrefix(text[i+2:], []byte("-"))
	n := 0
	for n < len(rest) && isWordByte(rest[n]) && rest[n] != '.' {
		n++
	}
	if n == 0 {
		return false // not a heredoc ("<<" inside a string)
	}
	marker := rest[:n]
	for _, line := range bytes.Split(rest[n:], []byte("\n"))[1:] {
		if bytes.Equal(bytes.TrimSpace(line), marker) {
			return false
		}
	}
	return true
}

// openLineComment reports whether a comment token is a line comment that
// runs up to the cursor: the text is cut at the cursor, so the comment has
// no newline yet.
func openLineComment(b []byte) bool {
	return len(b) > 0 && b[len(b)-1] != '\n' && (b[0] == '#' || len(b) > 1 && b[0] == '/' && b[1] == '/')
}
