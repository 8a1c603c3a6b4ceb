package lsp

import (
	"fmt"
	"github.com/pipec-dev/pipec/internal/lazyre"
	"github.com/pipec-dev/pipec/lang"

	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// Definition, references and rename all start from the symbol at the
// cursor: a reference's target, or a definition's own name.

func (s *Server) symbolAt(v *view, uri string, p protocol.Position) (*snapshot, *symbol) {
	doc, snap, ft := s.analyzed(v, uri)
	if ft == nil {
		return nil, nil
	}
	return snap, symbolAt(snap.m, doc.path, ft.m.offset(p))
}

// analyzed returns an open document with its spec's latest analysis (it
// waits for one) and the document's text as analysed; ft is nil when the
// document is not open or not part of the analysis.
func (s *Server) analyzed(v *view, uri string) (doc *document, snap *snapshot, ft *fileText) {
	if doc = v.doc(uri); doc == nil {
		return nil, nil, nil
	}
	snap = s.specs.wait(doc.path)
	return doc, snap, snap.file(doc.path)
}

// location converts a range of any file of the snapshot, naming open
// files by the URI the client used.
func (s *Server) location(v *view, snap *snapshot, rng hcl.Range) (protocol.Location, bool) {
	ft := snap.file(rng.Filename)
	if ft == nil {
		return protocol.Location{}, false
	}
	return protocol.Location{URI: s.uriOf(v, rng.Filename), Range: ft.m.rng(rng)}, true
}

func (s *Server) uriOf(v *view, path string) string {
	if d := v.byPath[path]; d != nil {
		return d.uri
	}
	return pathToURI(path)
}

func definition(s *Server, v *view, p *protocol.DefinitionParams) (any, error) {
	snap, sym := s.symbolAt(v, p.TextDocument.URI, p.Position)
	if sym == nil {
		return nil, nil
	}
	if loc, ok := s.location(v, snap, sym.def); ok {
		return []protocol.Location{loc}, nil
	}
	return nil, nil
}

func references(s *Server, v *view, p *protocol.ReferenceParams) (any, error) {
	snap, sym := s.symbolAt(v, p.TextDocument.URI, p.Position)
	if sym == nil {
		return nil, nil
	}
	out := []protocol.Location{}
	if p.Context.IncludeDeclaration {
		if loc, ok := s.location(v, snap, sym.def); ok {
			out = append(out, loc)
		}
	}
	for _, r := range refsTo(snap.m, sym) {
		if loc, ok := s.location(v, snap, r.Range); ok {
			out = append(out, loc)
		}
	}
	return out, nil
}

func prepareRename(s *Server, v *view, p *protocol.PrepareRenameParams) (any, error) {
	snap, sym := s.symbolAt(v, p.TextDocument.URI, p.Position)
	if sym == nil {
		return nil, nil
	}
	doc := v.doc(p.TextDocument.URI)
	ft := snap.file(doc.path)
	off := ft.m.offset(p.Position)
	// The range is the name under the cursor, at the definition or at
	// this reference.
	rng := sym.def
	if r := refAt(snap.m, doc.path, off); r != nil {
		rng = r.NameRange
	}
	start, end := nameRange(ft.text, rng, sym.name)
	return protocol.RangeWithPlaceholder{Range: ft.m.span(start, end), Placeholder: sym.name}, nil
}

// validName is an HCL identifier, which names must be to be referenced.
var validName = lazyre.New(`^[A-Za-z_][A-Za-z0-9_-]*$`)

func rename(s *Server, v *view, p *protocol.RenameParams) (any, error) {
	if !validName.MatchString(p.NewName) {
		return nil, &rpcError{Code: codeInvalidParams, Message: "not a valid name: " + p.NewName + " (letters, digits, _ and -; not starting with a digit)"}
	}
	snap, sym := s.symbolAt(v, p.TextDocument.URI, p.Position)
	if sym == nil {
		return nil, &rpcError{Code: codeRequestFailed, Message: "nothing to rename here: put the cursor on a block name or a reference"}
	}
	if p.NewName != sym.name && nameTaken(snap.m, sym, p.NewName) {
		return nil, &rpcError{Code: codeRequestFailed, Message: fmt.Sprintf("%s %q already exists; renaming would make two", sym.root, p.NewName)}
	}
	changes := map[protocol.DocumentUri][]protocol.TextEdit{}
	edit := func(rng hcl.Range) {
		ft := snap.file(rng.Filename)
		if ft == nil {
			return
		}
		start, end := nameRange(ft.text, rng, sym.name)
		uri := s.uriOf(v, rng.Filename)
		changes[uri] = append(changes[uri], protocol.TextEdit{Range: ft.m.span(start, end), NewText: p.NewName})
	}
	edit(sym.def)
	for _, r := range refsTo(snap.m, sym) {
		edit(r.NameRange)
	}
	return protocol.WorkspaceEdit{Changes: changes}, nil
}

// nameTaken reports whether the symbol's kind already has name.
func nameTaken(m *lang.Module, sym *symbol, name string) bool {
	switch sym.root {
	case "local":
		return m.Locals[name] != nil
	case "var":
		return m.Named["variable"][name] != nil
	}
	if sym.node != nil {
		if sym.node.Parent != nil { // a nested labelled block: siblings only
			for _, c := range sym.node.Parent.ChildrenOf(sym.node.Type) {
				if c.Name() == name {
					return true
				}
			}
			return false
		}
		return m.Named[sym.node.Type][name] != nil
	}
	return m.Named[sym.root][name] != nil
}
