package lsp

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/schema"
)

// Lookups over a checked module by byte offset. Every range in the module
// carries its file name, so each lookup filters by path first.

// blockRoots are the reference roots that name blocks: every labelled
// top-level block type except variable (read as var.NAME) and pipeline
// (there is only one, and nothing refers to it).
func blockRoots() []string {
	var out []string
	for _, b := range schema.Root.Blocks {
		if len(b.Labels) > 0 && b.Type != "variable" && b.Type != "pipeline" {
			out = append(out, b.Type)
		}
	}
	return out
}

// innermost returns the deepest block of path containing off, or nil.
func innermost(m *lang.Module, path string, off int) *lang.Node {
	var found *lang.Node
	nodes := m.Blocks
	for {
		var next *lang.Node
		for _, n := range nodes {
			if n.Range.Filename == path && contains(n.Range, off) {
				next = n
			}
		}
		if next == nil {
			return found
		}
		found, nodes = next, next.Children
	}
}

// refAt returns the reference whose text holds off, preferring the
// shortest (a reference inside another's index).
func refAt(m *lang.Module, path string, off int) *lang.Reference {
	var best *lang.Reference
	for _, r := range m.Refs {
		if r.Range.Filename == path && contains(r.Range, off) {
			if best == nil || r.Range.End.Byte-r.Range.Start.Byte < best.Range.End.Byte-best.Range.Start.Byte {
				best = r
			}
		}
	}
	return best
}

// symbol is something references point at: a block, a variable or a local.
type symbol struct {
	root string // the reference root: environment, var, local, ...
	name string
	def  hcl.Range // where it is defined (label or local name)
	node *lang.Node
}

// symbolAt finds the symbol at off: the target of a reference there, or
// the definition whose name is there.
func symbolAt(m *lang.Module, path string, off int) *symbol {
	if r := refAt(m, path, off); r != nil {
		if r.Def.Filename == "" {
			return nil // runtime values and unresolved references
		}
		return &symbol{root: r.Root, name: r.Name, def: r.Def, node: r.Target}
	}
	for _, n := range m.Blocks {
		if n.Range.Filename != path || !contains(n.Range, off) {
			continue
		}
		if n.Type == "locals" {
			for name, a := range n.Attrs {
				if contains(a.NameRange, off) {
					return &symbol{root: "local", name: name, def: a.NameRange}
				}
			}
			continue
		}
		if len(n.LabelRanges) == 0 || !contains(n.NameRange(), off) {
			continue
		}
		root := n.Type
		if root == "variable" {
			root = "var"
		} else if !isBlockRoot(root) {
			continue
		}
		return &symbol{root: root, name: n.Name(), def: n.NameRange(), node: n}
	}
	return nil
}

func isBlockRoot(t string) bool {
	for _, r := range blockRoots() {
		if r == t {
			return true
		}
	}
	return false
}

// refsTo lists the references to sym in source order.
func refsTo(m *lang.Module, sym *symbol) []*lang.Reference {
	var out []*lang.Reference
	for _, r := range m.Refs {
		if r.Root == sym.root && r.Name == sym.name && r.Def == sym.def {
			out = append(out, r)
		}
	}
	return out
}

// nameRange narrows rng to the occurrence of name inside it: a reference's
// name step includes its dot, a label its quotes.
func nameRange(text []byte, rng hcl.Range, name string) (int, int) {
	start, end := rng.Start.Byte, rng.End.Byte
	if start < 0 || end > len(text) || start > end {
		return start, end
	}
	if i := bytes.LastIndex(text[start:end], []byte(name)); i >= 0 {
		return start + i, start + i + len(name)
	}
	return start, end
}
