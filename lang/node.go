package lang

import (
	"fmt"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/schema"
)

// Node is one decoded block: its schema, labels, raw attributes and
// children. Attribute values are evaluated separately (see Val).
type Node struct {
	Schema      *schema.Block
	Type        string
	Labels      []string
	LabelRanges []hcl.Range
	Attrs       map[string]*hcl.Attribute
	Children    []*Node
	Parent      *Node
	// DefRange covers the block's type and labels; TypeRange its type.
	DefRange  hcl.Range
	TypeRange hcl.Range
	// Range covers the whole block when the syntax knows it, else DefRange.
	Range hcl.Range
	Body  hcl.Body
	// Misspelt holds the known attribute names that an unknown attribute
	// of this block was probably meant to be: a typo is one error, not
	// also "missing required attribute".
	Misspelt map[string]bool
	// Unknown counts attributes and blocks the schema does not have.
	Unknown int
}

// Name returns the block's first label, or "".
func (n *Node) Name() string {
	if n == nil || len(n.Labels) == 0 {
		return ""
	}
	return n.Labels[0]
}

// NameRange is the range of the name label, or DefRange.
func (n *Node) NameRange() hcl.Range {
	if len(n.LabelRanges) > 0 {
		return n.LabelRanges[0]
	}
	return n.DefRange
}

// Child returns the first child block of type typ, or nil.
func (n *Node) Child(typ string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Type == typ {
			return c
		}
	}
	return nil
}

// ChildrenOf returns the child blocks of type typ in written order.
func (n *Node) ChildrenOf(typ string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, c := range n.Children {
		if c.Type == typ {
			out = append(out, c)
		}
	}
	return out
}

// Attr returns the raw attribute name, or nil.
func (n *Node) Attr(name string) *hcl.Attribute {
	if n == nil {
		return nil
	}
	return n.Attrs[name]
}

// Path names the block for messages: environment "prod" canary step.
func (n *Node) Path() string {
	s := ""
	for x := n; x != nil && x.Type != ""; x = x.Parent {
		part := x.Type
		if len(x.Labels) > 0 {
			part += ` "` + x.Labels[0] + `"`
		}
		if s == "" {
			s = part
		} else {
			s = part + " " + s
		}
	}
	return s
}

// where names a position for a message: the file's base name and the
// line ("pipec.hcl:12"), short enough for an editor's hover.
func where(r hcl.Range) string {
	return fmt.Sprintf("%s:%d", filepath.Base(r.Filename), r.Start.Line)
}
