package schema

import "github.com/hashicorp/hcl/v2"

// Type is the type of an attribute's value.
type Type int

const (
	String     Type = iota + 1 // a string
	Number                     // a whole number
	Bool                       // true or false
	Duration                   // a duration string: "30s", "5m", "1h30m"
	StringList                 // a list of strings
	StringMap                  // a map of strings
	EnvMap                     // a map of strings; values may be secret.X
	Lines                      // a list of commands, or one multi-line string
	Matrix                     // a map of lists: { KEY = [values] }
	NumberList                 // a list of whole numbers
	Ref                        // a reference to a block: Attr.RefTo names its kind
	RefList                    // a list of references (one reference is accepted too)
	SecretRef                  // secret.NAME
	TypeExpr                   // a type constraint such as string or list(number)
	Any                        // any value
)

// An array, not a map: it is laid out by the compiler, where a map is
// built by an init function on every start.
var typeNames = [...]string{
	String: "string", Number: "number", Bool: "bool", Duration: "duration",
	StringList: "list(string)", StringMap: "map(string)", EnvMap: "map(string | secret)",
	Lines: "string | list(string)", Matrix: "map(list(string))", NumberList: "list(number)",
	Ref: "reference", RefList: "list(reference)", SecretRef: "secret reference",
	TypeExpr: "type", Any: "any",
}

// String names the type as the docs and diagnostics write it.
func (t Type) String() string {
	if t < 0 || int(t) >= len(typeNames) {
		return ""
	}
	return typeNames[t]
}

// Runtime says which runtime values an attribute accepts.
type Runtime int

const (
	// CompileTime: only values known when pipec runs.
	CompileTime Runtime = iota
	// GitRun: git.* and run.* values.
	GitRun
	// GitRunMatrix: git.*, run.* and, inside a test with a matrix, matrix.*.
	GitRunMatrix
	// AfterBuild: git.*, run.* and image.NAME.digest / image.NAME.ref.
	AfterBuild
)

// Attr describes one attribute.
type Attr struct {
	Name     string
	Type     Type
	RefTo    string // for Ref and RefList: the referenced block type
	Required bool
	Default  string   // as documented; "" means none
	Enum     []string // allowed values (for StringList: allowed elements)
	Runtime  Runtime
	// SecretOK lets the value be exactly secret.NAME (a registry user
	// kept as a secret), besides what Runtime allows.
	SecretOK bool
	Doc      string
}

// TypeString renders the attribute's type for docs and hover.
func (a *Attr) TypeString() string {
	switch a.Type {
	case Ref:
		return a.RefTo + ".NAME"
	case RefList:
		return "list(" + a.RefTo + ".NAME)"
	}
	return a.Type.String()
}

// Block describes a block type and its body.
type Block struct {
	Type   string
	Labels []string // label names, e.g. ["name"]
	Doc    string
	// Min and Max bound how often the block occurs in its parent; Max 0
	// means no limit.
	Min, Max int
	Attrs    []*Attr
	Blocks   []*Block
	// AnyAttrs lets the body hold attributes of any name (locals).
	AnyAttrs bool
	// Example is a short snippet for docs and completion.
	Example string
}

// Attr returns the attribute named name, or nil.
func (b *Block) Attr(name string) *Attr {
	for _, a := range b.Attrs {
		if a.Name == name {
			return a
		}
	}
	return nil
}

// Block returns the nested block type typ, or nil.
func (b *Block) Block(typ string) *Block {
	for _, c := range b.Blocks {
		if c.Type == typ {
			return c
		}
	}
	return nil
}

// AttrNames returns the attribute names in schema order.
func (b *Block) AttrNames() []string {
	out := make([]string, len(b.Attrs))
	for i, a := range b.Attrs {
		out[i] = a.Name
	}
	return out
}

// BlockTypes returns the nested block types in schema order.
func (b *Block) BlockTypes() []string {
	out := make([]string, len(b.Blocks))
	for i, c := range b.Blocks {
		out[i] = c.Type
	}
	return out
}

// BodySchema derives the hcl.BodySchema the decoder uses. Required
// attributes are not marked required here: the checker reports them with a
// better message and keeps going.
func (b *Block) BodySchema() *hcl.BodySchema {
	s := &hcl.BodySchema{}
	for _, a := range b.Attrs {
		s.Attributes = append(s.Attributes, hcl.AttributeSchema{Name: a.Name})
	}
	for _, c := range b.Blocks {
		s.Blocks = append(s.Blocks, hcl.BlockHeaderSchema{Type: c.Type, LabelNames: c.Labels})
	}
	return s
}

// Walk calls fn for b and every block beneath it with its path of types.
func (b *Block) Walk(fn func(path []string, blk *Block)) {
	var walk func(path []string, blk *Block)
	walk = func(path []string, blk *Block) {
		fn(path, blk)
		for _, c := range blk.Blocks {
			walk(append(append([]string(nil), path...), c.Type), c)
		}
	}
	walk(nil, b)
}
