package lsp

import (
	"sort"
	"strings"

	"github.com/pipec-dev/pipec/lang"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// documentSymbols gives the outline: top-level blocks, their nested blocks
// and the locals, from the last analysis.
func documentSymbols(s *Server, v *view, p *protocol.DocumentSymbolParams) (any, error) {
	doc, snap, ft := s.analyzed(v, p.TextDocument.URI)
	if ft == nil {
		return nil, nil
	}
	out := []protocol.DocumentSymbol{}
	for _, n := range snap.m.Blocks {
		if n.Range.Filename == doc.path {
			out = append(out, nodeSymbol(ft, n))
		}
	}
	return out, nil
}

var symbolKinds = map[string]protocol.SymbolKind{
	"pipeline": protocol.SymbolKindNamespace, "gitops": protocol.SymbolKindNamespace,
	"locals": protocol.SymbolKindNamespace, "variable": protocol.SymbolKindVariable,
	"secret": protocol.SymbolKindKey, "test": protocol.SymbolKindMethod,
	"image": protocol.SymbolKindPackage, "workload": protocol.SymbolKindClass,
	"analysis": protocol.SymbolKindFunction, "environment": protocol.SymbolKindModule,
}

func nodeSymbol(ft *fileText, n *lang.Node) protocol.DocumentSymbol {
	kind, ok := symbolKinds[n.Type]
	if !ok {
		kind = protocol.SymbolKindStruct
	}
	name := n.Type
	if len(n.Labels) > 0 {
		name = strings.Join(n.Labels, " ")
	}
	detail := n.Type
	sel := n.TypeRange
	if len(n.LabelRanges) > 0 {
		sel = n.NameRange()
	}
	sym := protocol.DocumentSymbol{Name: name, Detail: &detail, Kind: kind, Range: ft.m.rng(n.Range), SelectionRange: ft.m.rng(sel)}
	if n.Type == "locals" {
		names := make([]string, 0, len(n.Attrs))
		for k := range n.Attrs {
			names = append(names, k)
		}
		sort.Slice(names, func(i, j int) bool { return n.Attrs[names[i]].Range.Start.Byte < n.Attrs[names[j]].Range.Start.Byte })
		for _, k := range names {
			a := n.Attrs[k]
			sym.Children = append(sym.Children, protocol.DocumentSymbol{Name: k, Kind: protocol.SymbolKindConstant,
				Range: ft.m.rng(a.Range), SelectionRange: ft.m.rng(a.NameRange)})
		}
	}
	for _, c := range n.Children {
		sym.Children = append(sym.Children, nodeSymbol(ft, c))
	}
	return sym
}
