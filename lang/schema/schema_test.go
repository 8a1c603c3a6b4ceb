package schema

import (
	"flag"
	"github.com/pipec-dev/pipec/internal/goldenfile"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/language.md")

// TestLanguageDocs fails when docs/language.md is not what the schema
// generates; `go test ./lang/schema -update` rewrites it.
func TestLanguageDocs(t *testing.T) {
	goldenfile.Check(t, "../../docs/language.md", Markdown(), *update, "go test ./lang/schema -update")
}

// TestSchemaWellFormed checks the invariants the decoder, checker and LSP
// rely on.
func TestSchemaWellFormed(t *testing.T) {
	Root.Walk(func(path []string, b *Block) {
		seen := map[string]bool{}
		for _, a := range b.Attrs {
			if seen[a.Name] {
				t.Errorf("%v: attribute %q twice", path, a.Name)
			}
			seen[a.Name] = true
			if a.Doc == "" {
				t.Errorf("%v.%s: no doc", path, a.Name)
			}
			if a.Type == 0 || a.Type.String() == "" {
				t.Errorf("%v.%s: no type, or one without a name", path, a.Name)
			}
			if (a.Type == Ref || a.Type == RefList) && Root.Block(a.RefTo) == nil {
				t.Errorf("%v.%s: refers to unknown block %q", path, a.Name, a.RefTo)
			}
			if a.Required && a.Default != "" {
				t.Errorf("%v.%s: required with a default", path, a.Name)
			}
		}
		for _, c := range b.Blocks {
			if seen["block:"+c.Type] {
				t.Errorf("%v: block %q twice", path, c.Type)
			}
			seen["block:"+c.Type] = true
			if c.Doc == "" {
				t.Errorf("%v.%s: no doc", path, c.Type)
			}
		}
	})
}

// TestTypeNames checks every Type has a name and that values outside the
// enumeration (a zero Type, a corrupt one) name nothing rather than panic.
func TestTypeNames(t *testing.T) {
	for ty := String; ty <= Any; ty++ {
		if ty.String() == "" {
			t.Errorf("Type %d has no name", ty)
		}
	}
	for _, ty := range []Type{0, -1, Any + 1} {
		if got := ty.String(); got != "" {
			t.Errorf("Type(%d).String() = %q, want \"\"", ty, got)
		}
	}
}
