package lsp

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/schema"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// completion offers what the schema allows at the cursor: attributes and
// block snippets in a body, enum values and references in an expression,
// and the names after "environment.", "var.", "git." and the like. Block
// names come from the last analysis, which the request waits for.
func completion(s *Server, v *view, p *protocol.CompletionParams) (any, error) {
	doc := v.doc(p.TextDocument.URI)
	if doc == nil {
		return nil, nil
	}
	off := doc.m.offset(p.Position)
	c := cursorAt(doc.text, doc.path, off)
	// Items starts empty, not nil: some clients fail on "items": null.
	b := &itemBuilder{doc: doc, off: off, snippets: s.snippets.Load(), items: []protocol.CompletionItem{}}
	switch c.kind {
	case cursorBody:
		b.body(c, s.specs.wait(doc.path))
	case cursorExpr:
		b.expr(c, func() *snapshot { return s.specs.wait(doc.path) })
	case cursorString:
		b.inString(c)
	}
	return protocol.CompletionList{IsIncomplete: false, Items: b.items}, nil
}

type itemBuilder struct {
	doc      *document
	off      int
	snippets bool
	items    []protocol.CompletionItem
}

// add appends an item that replaces the text from start to the cursor.
func (b *itemBuilder) add(start int, label string, kind protocol.CompletionItemKind, detail, doc, insert string, snippet bool) {
	it := protocol.CompletionItem{Label: label, Kind: &kind}
	if detail != "" {
		it.Detail = &detail
	}
	if doc != "" {
		it.Documentation = protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: doc}
	}
	format := protocol.InsertTextFormatPlainText
	if snippet && b.snippets {
		format = protocol.InsertTextFormatSnippet
	} else if snippet {
		insert = plainSnippet(insert)
	}
	it.InsertTextFormat = &format
	it.TextEdit = protocol.TextEdit{Range: b.doc.m.span(start, b.off), NewText: insert}
	sortText := fmt.Sprintf("%04d", len(b.items))
	it.SortText = &sortText
	b.items = append(b.items, it)
}

func (b *itemBuilder) body(c cursor, snap *snapshot) {
	blk := schemaAt(c.path)
	if blk == nil || blk.AnyAttrs {
		return
	}
	// What the block already has is not offered again: a second
	// attribute of one name, or a second block where one is allowed, is
	// an error.
	set, count := map[string]bool{}, map[string]int{}
	if snap != nil && snap.m != nil {
		if len(c.path) == 0 {
			for _, n := range snap.m.Blocks {
				count[n.Type]++
			}
		} else if n := innermost(snap.m, b.doc.path, b.off); n != nil && n.Type == c.path[len(c.path)-1] {
			for name, a := range n.Attrs {
				// The attribute being typed may parse as set; keep it.
				if a.NameRange.Start.Byte != c.wordStart {
					set[name] = true
				}
			}
			for _, ch := range n.Children {
				count[ch.Type]++
			}
		}
	}
	var again []*schema.Attr
	for _, a := range blk.Attrs {
		if set[a.Name] {
			again = append(again, a)
			continue
		}
		b.add(c.wordStart, a.Name, protocol.CompletionItemKindProperty, a.TypeString(), attrDoc(a), a.Name+" = "+valueSnippet(a, 1), true)
	}
	for _, cb := range blk.Blocks {
		if cb.Max > 0 && count[cb.Type] >= cb.Max {
			continue
		}
		b.add(c.wordStart, cb.Type, protocol.CompletionItemKindModule, "block", blockDoc(cb), blockSnippet(cb, ""), true)
	}
	// Attributes the block already sets come last, marked, so a second
	// one is never the first choice but hover-like docs stay at hand.
	for _, a := range again {
		b.add(c.wordStart, a.Name, protocol.CompletionItemKindProperty, a.TypeString()+" (already set)", attrDoc(a), a.Name+" = "+valueSnippet(a, 1), true)
	}
}

func (b *itemBuilder) inString(c cursor) {
	blk := schemaAt(c.path)
	if blk == nil {
		return
	}
	if a := blk.Attr(c.attr); a != nil {
		for _, e := range a.Enum {
			b.add(c.wordStart, e, protocol.CompletionItemKindEnumMember, a.Name, attrDoc(a), e, false)
		}
	}
}

func (b *itemBuilder) expr(c cursor, wait func() *snapshot) {
	var a *schema.Attr
	if blk := schemaAt(c.path); blk != nil {
		a = blk.Attr(c.attr)
	}
	if dot := strings.LastIndexByte(c.word, '.'); dot >= 0 {
		parts := strings.Split(c.word, ".")
		switch len(parts) {
		case 2:
			b.names(parts[0], c, c.wordStart+dot+1, wait())
		case 3: // environment.staging.namespace, image.app.digest
			if wait().m.Block(parts[0], parts[1]) != nil {
				for _, attr := range lang.BlockAttrs(parts[0]) {
					b.add(c.wordStart+dot+1, attr, protocol.CompletionItemKindField, parts[0]+" attribute", "", attr, false)
				}
			}
		}
		return
	}
	if a != nil {
		for _, e := range a.Enum {
			b.add(c.wordStart, `"`+e+`"`, protocol.CompletionItemKindEnumMember, a.Name, attrDoc(a), `"`+e+`"`, false)
		}
		if a.Type == schema.Bool {
			for _, kw := range []string{"true", "false"} {
				b.add(c.wordStart, kw, protocol.CompletionItemKindKeyword, "bool", "", kw, false)
			}
		}
	}
	// Whole references for attributes that take one: after = environment.x.
	if kind := refKind(a); kind != "" {
		snap := wait()
		self := innermost(snap.m, b.doc.path, b.off)
		for _, n := range snap.m.Order[kind] {
			if isWithin(self, n) {
				continue // a block cannot refer to itself (after, needs)
			}
			ref := kind + "." + n.Name()
			b.add(c.wordStart, ref, protocol.CompletionItemKindReference, n.Path(), blockDoc(n.Schema), ref, false)
		}
		if a.Type != schema.EnvMap {
			return
		}
	}
	for _, root := range b.roots(a, c, wait) {
		b.add(c.wordStart, root+".", protocol.CompletionItemKindModule, "", "", root+".", false)
		b.items[len(b.items)-1].Command = &protocol.Command{Title: "names", Command: "editor.action.triggerSuggest"}
	}
}

// refKind is the block type an attribute's value refers to, or "".
func refKind(a *schema.Attr) string {
	switch {
	case a == nil:
		return ""
	case a.Type == schema.Ref || a.Type == schema.RefList:
		return a.RefTo
	case a.Type == schema.SecretRef || a.Type == schema.EnvMap:
		return "secret"
	}
	return ""
}

// roots lists the reference roots valid in a's value.
func (b *itemBuilder) roots(a *schema.Attr, c cursor, wait func() *snapshot) []string {
	out := []string{"var", "local"}
	if a == nil { // locals, variable defaults: compile-time reads of blocks
		return append(out, blockRoots()...)
	}
	if a.Runtime != schema.CompileTime {
		out = append(out, "git", "run")
	}
	if a.Runtime == schema.GitRunMatrix && len(matrixKeys(wait(), b.doc.path, b.off)) > 0 {
		out = append(out, "matrix")
	}
	if a.Runtime == schema.AfterBuild {
		out = append(out, "image")
	}
	return out
}

// names completes the name after root and a dot.
func (b *itemBuilder) names(root string, c cursor, start int, snap *snapshot) {
	m := snap.m
	switch root {
	case "var":
		for _, n := range m.Order["variable"] {
			doc := ""
			if d := m.Val(n, "description"); d != nil {
				doc = d.Str.String()
			}
			b.add(start, n.Name(), protocol.CompletionItemKindVariable, "variable", doc, n.Name(), false)
		}
	case "local":
		names := make([]string, 0, len(m.Locals))
		for name := range m.Locals {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			b.add(start, name, protocol.CompletionItemKindConstant, "local", "", name, false)
		}
	case "matrix":
		for _, k := range matrixKeys(snap, b.doc.path, b.off) {
			b.add(start, k, protocol.CompletionItemKindField, "matrix key", "One value of the test's matrix per run.", k, false)
		}
	default:
		if attrs, ok := schema.RuntimeRoots[root]; ok {
			for _, name := range attrs {
				b.add(start, name, protocol.CompletionItemKindField, "runtime value", schema.RuntimeDocs[root+"."+name], name, false)
			}
			return
		}
		var self *lang.Node
		if a := schemaAt(c.path); a != nil {
			if at := a.Attr(c.attr); at != nil && (at.Type == schema.Ref || at.Type == schema.RefList) {
				self = innermost(m, b.doc.path, b.off) // after, needs: never the block itself
			}
		}
		for _, n := range m.Order[root] {
			if self != nil && isWithin(self, n) {
				continue
			}
			b.add(start, n.Name(), protocol.CompletionItemKindReference, n.Path(), blockDoc(n.Schema), n.Name(), false)
		}
	}
}

// matrixKeys returns the matrix keys of the test around off.
func matrixKeys(snap *snapshot, path string, off int) []string {
	n := innermost(snap.m, path, off)
	for n != nil && n.Parent != nil {
		n = n.Parent
	}
	if n == nil || n.Type != "test" {
		return nil
	}
	var keys []string
	if v := snap.m.Val(n, "matrix"); v != nil {
		for _, ax := range v.Matrix {
			keys = append(keys, ax.Key)
		}
	}
	return keys
}

// valueSnippet is the snippet for an attribute's value, with tab stops
// numbered from n.
func valueSnippet(a *schema.Attr, n int) string {
	choice := func() string {
		return fmt.Sprintf("${%d|%s|}", n, strings.Join(a.Enum, ","))
	}
	switch a.Type {
	case schema.String, schema.Duration:
		if len(a.Enum) > 0 {
			return `"` + choice() + `"`
		}
		return fmt.Sprintf(`"$%d"`, n)
	case schema.Bool:
		return fmt.Sprintf("${%d|true,false|}", n)
	case schema.StringList, schema.Lines:
		if len(a.Enum) > 0 {
			return `["` + choice() + `"]`
		}
		return fmt.Sprintf(`["$%d"]`, n)
	case schema.NumberList:
		return fmt.Sprintf("[$%d]", n)
	case schema.RefList:
		return fmt.Sprintf("[%s.$%d]", a.RefTo, n)
	case schema.Ref:
		return fmt.Sprintf("%s.$%d", a.RefTo, n)
	case schema.SecretRef:
		return fmt.Sprintf("secret.$%d", n)
	case schema.StringMap, schema.EnvMap, schema.Matrix:
		return fmt.Sprintf("{\n  $%d\n}", n)
	}
	return fmt.Sprintf("$%d", n)
}

// blockSnippet writes a block with its labels and required attributes.
func blockSnippet(blk *schema.Block, indent string) string {
	var sb strings.Builder
	sb.WriteString(blk.Type)
	n := 1
	for _, l := range blk.Labels {
		fmt.Fprintf(&sb, ` "${%d:%s}"`, n, l)
		n++
	}
	sb.WriteString(" {\n")
	width := 0
	for _, a := range blk.Attrs {
		if a.Required {
			width = max(width, len(a.Name))
		}
	}
	for _, a := range blk.Attrs {
		if a.Required {
			fmt.Fprintf(&sb, "%s  %-*s = %s\n", indent, width, a.Name, strings.ReplaceAll(valueSnippet(a, n), "\n", "\n  "+indent))
			n++
		}
	}
	fmt.Fprintf(&sb, "%s  $0\n%s}", indent, indent)
	return sb.String()
}

// plainSnippet strips snippet syntax for clients without snippet support.
func plainSnippet(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			sb.WriteByte(s[i])
			continue
		}
		j := i + 1
		if j < len(s) && s[j] == '{' {
			end := strings.IndexByte(s[j:], '}')
			if end < 0 {
				break
			}
			body := s[j+1 : j+end]
			if k := strings.IndexAny(body, ":|"); k >= 0 {
				body = strings.Trim(body[k+1:], "|")
				body, _, _ = strings.Cut(body, ",")
			} else {
				body = ""
			}
			sb.WriteString(body)
			i = j + end
			continue
		}
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		i = j - 1
	}
	return sb.String()
}

// isWithin reports whether n is block or one of its ancestors.
func isWithin(n, block *lang.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == block {
			return true
		}
	}
	return false
}
