package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

// Module is a loaded, evaluated and checked spec. It is never nil and holds
// whatever could be understood, even when diagnostics have errors.
type Module struct {
	// Parser holds every parsed file, for diagnostic snippets.
	Parser *hclparse.Parser
	Files  []*hcl.File
	// Names of the files in load order.
	FileNames []string

	// Blocks holds the top-level blocks in file then source order.
	Blocks []*Node
	// Pipeline is the first pipeline block, or nil.
	Pipeline *Node
	// GitOps is the gitops block, or nil.
	GitOps *Node
	// Named maps a block type to its blocks by name; a duplicate keeps the first.
	Named map[string]map[string]*Node
	// Order lists each named block type's blocks in declaration order,
	// duplicates removed.
	Order map[string][]*Node
	// Locals maps local names to their attributes.
	Locals map[string]*hcl.Attribute

	// Vals holds the evaluated value of every attribute that evaluated
	// without error.
	Vals map[*hcl.Attribute]*Val
	// VarValues are the final variable values.
	VarValues map[string]cty.Value
	// LocalValues are the evaluated locals.
	LocalValues map[string]cty.Value

	// Refs lists every reference in the spec, for go-to-definition,
	// find-references and rename.
	Refs []*Reference
	// EnvOrder lists environments in promotion order (after first).
	EnvOrder []*Node
	// Uses counts references to each block, keyed by "type.name".
	Uses map[string]int
	// misspelt lists top-level blocks of an unknown type by label, so a
	// reference to secret.x can point at a `secrt "x"` block.
	misspelt map[string]hcl.Range
	// branches memoizes Branches: walking the after chain from every
	// environment was quadratic in the chain's length.
	branches map[*Node][]string
}

// Reference is one resolved (or unresolved) reference in an expression.
type Reference struct {
	Root  string // "environment", "var", "local", "git", ...
	Name  string // block, variable or local name; runtime attribute for git/run
	Attr  string // attribute after the name, "" if none
	Range hcl.Range
	// NameRange covers the name step (for rename).
	NameRange hcl.Range
	// Target is the referenced block; nil for var, local and runtime values.
	Target *Node
	// Def is where the referenced thing is defined (block label, variable
	// label, local attribute name); zero when undefined or runtime.
	Def hcl.Range
}

// Block returns the block of type typ named name, or nil.
func (m *Module) Block(typ, name string) *Node {
	return m.Named[typ][name]
}

// Val returns the evaluated value of attribute name of n, or nil when it
// is absent or did not evaluate.
func (m *Module) Val(n *Node, name string) *Val {
	a := n.Attr(name)
	if a == nil {
		return nil
	}
	return m.Vals[a]
}
