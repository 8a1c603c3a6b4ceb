package ir

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// RefKind is the kind of a runtime value.
type RefKind int

const (
	GitSHA      RefKind = iota + 1 // git.sha: the full commit SHA
	GitShortSHA                    // git.short_sha: the first 7 characters
	GitBranch                      // git.branch: the branch name (empty on tags)
	GitTag                         // git.tag: the tag name (only on tag events)
	GitRef                         // git.ref: the full ref, refs/heads/main
	GitActor                       // git.actor: who triggered the run
	RunID                          // run.id: the CI run's unique id
	RunNumber                      // run.number: the CI run's sequence number
	MatrixValue                    // matrix.KEY: Ref.Name is the key
	ImageDigest                    // image.NAME.digest: sha256:...; Ref.Name is the image
	ImageRef                       // image.NAME.ref: repository@digest
	SecretValue                    // secret.NAME: Ref.Name is the secret
)

var refKindNames = map[RefKind]string{
	GitSHA: "git.sha", GitShortSHA: "git.short_sha", GitBranch: "git.branch",
	GitTag: "git.tag", GitRef: "git.ref", GitActor: "git.actor",
	RunID: "run.id", RunNumber: "run.number",
}

// Ref is a runtime value inside a Value.
type Ref struct {
	Kind  RefKind
	Name  string // matrix key, image name or secret name
	Range hcl.Range
}

// String renders the reference as written in a spec, e.g. "git.sha".
func (r Ref) String() string {
	switch r.Kind {
	case MatrixValue:
		return "matrix." + r.Name
	case ImageDigest:
		return "image." + r.Name + ".digest"
	case ImageRef:
		return "image." + r.Name + ".ref"
	case SecretValue:
		return "secret." + r.Name
	}
	return refKindNames[r.Kind]
}

// Part is one piece of a Value: literal text or a runtime reference.
// Exactly one of Lit (possibly empty) and Ref is meaningful: Ref non-nil
// means a reference.
type Part struct {
	Lit string
	Ref *Ref
}

// Value is a string that may interpolate runtime values. The zero Value is
// the empty string. Adjacent literal parts are always merged.
type Value struct {
	Parts []Part
}

// Lit returns a literal Value.
func Lit(s string) Value {
	if s == "" {
		return Value{}
	}
	return Value{Parts: []Part{{Lit: s}}}
}

// IsLiteral reports whether v has no runtime references.
func (v Value) IsLiteral() bool {
	for _, p := range v.Parts {
		if p.Ref != nil {
			return false
		}
	}
	return true
}

// String renders v as written in a spec, references as ${git.sha}; for
// messages and literal values only, never for a backend's output.
func (v Value) String() string {
	var b strings.Builder
	for _, p := range v.Parts {
		if p.Ref != nil {
			b.WriteString("${" + p.Ref.String() + "}")
		} else {
			b.WriteString(p.Lit)
		}
	}
	return b.String()
}

// Refs returns the references in v in order.
func (v Value) Refs() []Ref {
	var out []Ref
	for _, p := range v.Parts {
		if p.Ref != nil {
			out = append(out, *p.Ref)
		}
	}
	return out
}

// Uses reports whether v references a runtime value of kind k.
func (v Value) Uses(k RefKind) bool {
	for _, p := range v.Parts {
		if p.Ref != nil && p.Ref.Kind == k {
			return true
		}
	}
	return false
}

// Render renders v with each reference replaced by ref(r) and literals by
// lit(s) (nil lit means unchanged). Backends use it to write their syntax.
func (v Value) Render(lit func(string) string, ref func(Ref) string) string {
	var b strings.Builder
	for _, p := range v.Parts {
		switch {
		case p.Ref != nil:
			b.WriteString(ref(*p.Ref))
		case lit != nil:
			b.WriteString(lit(p.Lit))
		default:
			b.WriteString(p.Lit)
		}
	}
	return b.String()
}
