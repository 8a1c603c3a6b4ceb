package lang

import (
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/schema"
	"github.com/zclconf/go-cty/cty"
)

// RuntimeRef is a value known only when the pipeline runs.
type RuntimeRef struct {
	Root  string // git, run, matrix, image, secret
	Name  string // git/run attribute, matrix key, image or secret name
	Attr  string // digest or ref for images
	Range hcl.Range
}

// Addr renders the reference as written: git.sha, image.app.digest.
func (r RuntimeRef) Addr() string {
	s := r.Root + "." + r.Name
	if r.Attr != "" {
		s += "." + r.Attr
	}
	return s
}

// TPart is literal text or a runtime reference.
type TPart struct {
	Lit string
	Ref *RuntimeRef
}

// Template is a string that may interpolate runtime values.
type Template struct {
	Parts []TPart
}

// IsLiteral reports whether t has no runtime references.
func (t Template) IsLiteral() bool {
	for _, p := range t.Parts {
		if p.Ref != nil {
			return false
		}
	}
	return true
}

// String renders t as written in a spec.
func (t Template) String() string {
	s := ""
	for _, p := range t.Parts {
		if p.Ref != nil {
			s += "${" + p.Ref.Addr() + "}"
		} else {
			s += p.Lit
		}
	}
	return s
}

// Secret returns the secret name when t is exactly one secret reference.
func (t Template) Secret() (string, bool) {
	if len(t.Parts) == 1 && t.Parts[0].Ref != nil && t.Parts[0].Ref.Root == "secret" {
		return t.Parts[0].Ref.Name, true
	}
	return "", false
}

// MapEntry is one entry of a map attribute.
type MapEntry struct {
	Key   string
	Value Template
	Range hcl.Range
}

// MatrixAxis is one matrix key with its values.
type MatrixAxis struct {
	Key    string
	Values []string
}

// Val is an evaluated attribute. Which fields are set depends on
// Schema.Type.
type Val struct {
	Schema *schema.Attr
	Attr   *hcl.Attribute
	Str    Template      // String, Duration (raw text)
	List   []Template    // StringList, Lines
	Map    []MapEntry    // StringMap, EnvMap; sorted by key
	Num    int           // Number
	Bool   bool          // Bool
	Dur    time.Duration // Duration
	Nums   []int         // NumberList
	Refs   []*Reference  // Ref, RefList, SecretRef
	Matrix []MatrixAxis  // Matrix
	Cty    cty.Value     // Any, TypeExpr (as cty.Type capsule in Type)
	Type   cty.Type      // TypeExpr
}

// Strings returns the literal strings of a list value.
func (v *Val) Strings() []string {
	if v == nil {
		return nil
	}
	out := make([]string, len(v.List))
	for i, t := range v.List {
		out[i] = t.String()
	}
	return out
}

// RefNames returns the names of the referenced blocks.
func (v *Val) RefNames() []string {
	if v == nil {
		return nil
	}
	out := make([]string, 0, len(v.Refs))
	for _, r := range v.Refs {
		out = append(out, r.Name)
	}
	return out
}
