package lang

import (
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// ParseCache keeps the parsed top-level blocks of native-syntax files
// between loads, so that re-checking an edited document (the LSP does it
// on every keystroke) re-parses only the blocks whose text changed. A
// block whose text is unchanged but which moved (text was inserted above
// it) is reused through a copy of its syntax tree with every position
// shifted, which costs a fraction of lexing it again. Cached trees are
// never mutated, so modules from earlier loads stay valid.
//
// A ParseCache is safe for concurrent use.
type ParseCache struct {
	mu      sync.Mutex
	entries map[string]*chunkEntry
	gen     int
}

type chunkEntry struct {
	body  *hclsyntax.Body
	start hcl.Pos
	gen   int
}

// NewParseCache returns an empty cache.
func NewParseCache() *ParseCache {
	return &ParseCache{entries: map[string]*chunkEntry{}}
}

// parse returns the body of src built from cached or freshly parsed
// blocks, or ok=false when a block does not parse on its own.
func (c *ParseCache) parse(src []byte, name string) (*hclsyntax.Body, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	offsets := chunkOffsets(src)
	body := &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{},
		SrcRange:   hcl.Range{Filename: name, Start: hcl.InitialPos, End: endPos(src)},
		EndRange:   hcl.Range{Filename: name, Start: endPos(src), End: endPos(src)},
	}
	pos := hcl.InitialPos
	for i := 0; i+1 < len(offsets); i++ {
		text := src[offsets[i]:offsets[i+1]]
		key := name + "\x00" + string(text)
		var b *hclsyntax.Body
		if e := c.entries[key]; e != nil {
			if e.start == pos {
				b = e.body
			} else if moved, ok := relocate(e.body, pos.Line-e.start.Line, pos.Byte-e.start.Byte); ok {
				b = moved
				e.body, e.start = b, pos
			}
			e.gen = c.gen
		}
		if b == nil {
			f, ds := hclsyntax.ParseConfig(text, name, pos)
			if ds.HasErrors() || f == nil {
				return nil, false
			}
			b = f.Body.(*hclsyntax.Body)
			c.entries[key] = &chunkEntry{body: b, start: pos, gen: c.gen}
		}
		body.Blocks = append(body.Blocks, b.Blocks...)
		for k, a := range b.Attributes {
			if _, dup := body.Attributes[k]; dup {
				return nil, false
			}
			body.Attributes[k] = a
		}
		pos = advance(pos, text)
	}
	for k, e := range c.entries {
		if e.gen != c.gen && e.body.SrcRange.Filename == name {
			delete(c.entries, k)
		}
	}
	return body, true
}

// relocate returns a copy of body with every position moved by dLine lines
// and dByte bytes (blocks start in column 1, so columns stay). It knows
// each hclsyntax node type; ok is false for a node it does not know, and
// the caller parses the text again instead.
func relocate(body *hclsyntax.Body, dLine, dByte int) (*hclsyntax.Body, bool) {
	r := &relocator{dLine: dLine, dByte: dByte}
	b := r.body(body)
	return b, !r.unknown
}

type relocator struct {
	dLine, dByte int
	unknown      bool
	// anon keeps splat symbols shared between a SplatExpr and the
	// traversals inside its Each expression.
	anon map[*hclsyntax.AnonSymbolExpr]*hclsyntax.AnonSymbolExpr
}

func (r *relocator) pos(p hcl.Pos) hcl.Pos {
	p.Line += r.dLine
	p.Byte += r.dByte
	return p
}

func (r *relocator) rng(x hcl.Range) hcl.Range {
	x.Start, x.End = r.pos(x.Start), r.pos(x.End)
	return x
}

func (r *relocator) body(b *hclsyntax.Body) *hclsyntax.Body {
	if b == nil {
		return nil
	}
	out := &hclsyntax.Body{SrcRange: r.rng(b.SrcRange), EndRange: r.rng(b.EndRange)}
	if b.Attributes != nil {
		out.Attributes = make(hclsyntax.Attributes, len(b.Attributes))
		for k, a := range b.Attributes {
			out.Attributes[k] = &hclsyntax.Attribute{Name: a.Name, Expr: r.expr(a.Expr),
				SrcRange: r.rng(a.SrcRange), NameRange: r.rng(a.NameRange), EqualsRange: r.rng(a.EqualsRange)}
		}
	}
	for _, blk := range b.Blocks {
		nb := &hclsyntax.Block{Type: blk.Type, Labels: blk.Labels, Body: r.body(blk.Body),
			TypeRange: r.rng(blk.TypeRange), OpenBraceRange: r.rng(blk.OpenBraceRange), CloseBraceRange: r.rng(blk.CloseBraceRange)}
		if blk.LabelRanges != nil {
			nb.LabelRanges = make([]hcl.Range, len(blk.LabelRanges))
			for i, lr := range blk.LabelRanges {
				nb.LabelRanges[i] = r.rng(lr)
			}
		}
		out.Blocks = append(out.Blocks, nb)
	}
	return out
}

func (r *relocator) exprs(list []hclsyntax.Expression) []hclsyntax.Expression {
	if list == nil {
		return nil
	}
	out := make([]hclsyntax.Expression, len(list))
	for i, x := range list {
		out[i] = r.expr(x)
	}
	return out
}

func (r *relocator) traversal(t hcl.Traversal) hcl.Traversal {
	if t == nil {
		return nil
	}
	out := make(hcl.Traversal, len(t))
	for i, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			s.SrcRange = r.rng(s.SrcRange)
			out[i] = s
		case hcl.TraverseAttr:
			s.SrcRange = r.rng(s.SrcRange)
			out[i] = s
		case hcl.TraverseIndex:
			s.SrcRange = r.rng(s.SrcRange)
			out[i] = s
		case hcl.TraverseSplat:
			s.SrcRange = r.rng(s.SrcRange)
			out[i] = s
		default:
			r.unknown = true
			out[i] = step
		}
	}
	return out
}

func (r *relocator) expr(x hclsyntax.Expression) hclsyntax.Expression {
	switch e := x.(type) {
	case nil:
		return nil
	case *hclsyntax.LiteralValueExpr:
		return &hclsyntax.LiteralValueExpr{Val: e.Val, SrcRange: r.rng(e.SrcRange)}
	case *hclsyntax.TemplateExpr:
		return &hclsyntax.TemplateExpr{Parts: r.exprs(e.Parts), SrcRange: r.rng(e.SrcRange)}
	case *hclsyntax.TemplateWrapExpr:
		return &hclsyntax.TemplateWrapExpr{Wrapped: r.expr(e.Wrapped), SrcRange: r.rng(e.SrcRange)}
	case *hclsyntax.TemplateJoinExpr:
		return &hclsyntax.TemplateJoinExpr{Tuple: r.expr(e.Tuple)}
	case *hclsyntax.ScopeTraversalExpr:
		return &hclsyntax.ScopeTraversalExpr{Traversal: r.traversal(e.Traversal), SrcRange: r.rng(e.SrcRange)}
	case *hclsyntax.RelativeTraversalExpr:
		return &hclsyntax.RelativeTraversalExpr{Source: r.expr(e.Source), Traversal: r.traversal(e.Traversal), SrcRange: r.rng(e.SrcRange)}
	case *hclsyntax.FunctionCallExpr:
		return &hclsyntax.FunctionCallExpr{Name: e.Name, Args: r.exprs(e.Args), ExpandFinal: e.ExpandFinal,
			NameRange: r.rng(e.NameRange), OpenParenRange: r.rng(e.OpenParenRange), CloseParenRange: r.rng(e.CloseParenRange)}
	case *hclsyntax.ConditionalExpr:
		return &hclsyntax.ConditionalExpr{Condition: r.expr(e.Condition), TrueResult: r.expr(e.TrueResult),
			FalseResult: r.expr(e.FalseResult), SrcRange: r.rng(e.SrcRange)}
	case *hclsyntax.IndexExpr:
		return &hclsyntax.IndexExpr{Collection: r.expr(e.Collection), Key: r.expr(e.Key),
			SrcRange: r.rng(e.SrcRange), OpenRange: r.rng(e.OpenRange), BracketRange: r.rng(e.BracketRange)}
	case *hclsyntax.TupleConsExpr:
		return &hclsyntax.TupleConsExpr{Exprs: r.exprs(e.Exprs), SrcRange: r.rng(e.SrcRange), OpenRange: r.rng(e.OpenRange)}
	case *hclsyntax.ObjectConsExpr:
		out := &hclsyntax.ObjectConsExpr{SrcRange: r.rng(e.SrcRange), OpenRange: r.rng(e.OpenRange)}
		if e.Items != nil {
			out.Items = make([]hclsyntax.ObjectConsItem, len(e.Items))
			for i, it := range e.Items {
				out.Items[i] = hclsyntax.ObjectConsItem{KeyExpr: r.expr(it.KeyExpr), ValueExpr: r.expr(it.ValueExpr)}
			}
		}
		return out
	case *hclsyntax.ObjectConsKeyExpr:
		return &hclsyntax.ObjectConsKeyExpr{Wrapped: r.expr(e.Wrapped), ForceNonLiteral: e.ForceNonLiteral}
	case *hclsyntax.ForExpr:
		return &hclsyntax.ForExpr{KeyVar: e.KeyVar, ValVar: e.ValVar, CollExpr: r.expr(e.CollExpr),
			KeyExpr: r.expr(e.KeyExpr), ValExpr: r.expr(e.ValExpr), CondExpr: r.expr(e.CondExpr), Group: e.Group,
			SrcRange: r.rng(e.SrcRange), OpenRange: r.rng(e.OpenRange), CloseRange: r.rng(e.CloseRange)}
	case *hclsyntax.SplatExpr:
		item := r.anonSymbol(e.Item)
		return &hclsyntax.SplatExpr{Source: r.expr(e.Source), Each: r.expr(e.Each), Item: item,
			SrcRange: r.rng(e.SrcRange), MarkerRange: r.rng(e.MarkerRange)}
	case *hclsyntax.AnonSymbolExpr:
		return r.anonSymbol(e)
	case *hclsyntax.BinaryOpExpr:
		return &hclsyntax.BinaryOpExpr{LHS: r.expr(e.LHS), Op: e.Op, RHS: r.expr(e.RHS), SrcRange: r.rng(e.SrcRange)}
	case *hclsyntax.UnaryOpExpr:
		return &hclsyntax.UnaryOpExpr{Op: e.Op, Val: r.expr(e.Val), SrcRange: r.rng(e.SrcRange), SymbolRange: r.rng(e.SymbolRange)}
	case *hclsyntax.ParenthesesExpr:
		return &hclsyntax.ParenthesesExpr{Expression: r.expr(e.Expression), SrcRange: r.rng(e.SrcRange)}
	}
	r.unknown = true
	return x
}

func (r *relocator) anonSymbol(a *hclsyntax.AnonSymbolExpr) *hclsyntax.AnonSymbolExpr {
	if a == nil {
		return nil
	}
	if r.anon == nil {
		r.anon = map[*hclsyntax.AnonSymbolExpr]*hclsyntax.AnonSymbolExpr{}
	}
	if c, ok := r.anon[a]; ok {
		return c
	}
	c := &hclsyntax.AnonSymbolExpr{SrcRange: r.rng(a.SrcRange)}
	r.anon[a] = c
	return c
}
