package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/pipec-dev/pipec/lang/didyoumean"
	"github.com/pipec-dev/pipec/lang/schema"
	"github.com/zclconf/go-cty/cty"
)

// Runtime values travel through HCL evaluation as sentinel strings made of
// private-use runes around their address, so that templates, locals and
// lists keep them in place; decodeTemplate turns them back into parts.
const (
	sentOpen  = "\uE000"
	sentClose = "\uE001"
)

func sentinel(addr string) cty.Value { return cty.StringVal(sentOpen + addr + sentClose) }

// staticAttrs are the attributes of blocks that other expressions may read
// at compile time, e.g. environment.staging.namespace.
var staticAttrs = map[string][]string{
	"environment": {"name", "namespace", "cluster", "host", "replicas", "approval"},
	"image":       {"name", "repository"},
	"workload":    {"name", "port", "host", "replicas"},
	"test":        {"name"},
	"analysis":    {"name"},
	"secret":      {"name"},
}

// imageRuntimeAttrs are image attributes known only after the build.
var imageRuntimeAttrs = []string{"digest", "ref"}

// rootNames are every variable root an expression may start with.
var rootNames = []string{"var", "local", "git", "run", "matrix", "secret", "image", "environment", "workload", "test", "analysis"}

// scope collects the variables one expression needs.
type scope struct {
	matrix []string       // matrix keys in scope; nil outside a matrix test
	vars   map[string]any // made by the first set: most expressions read none
	from   *Node          // the block the expression is in (self-reference checks)
}

func (s *scope) set(v cty.Value, path ...string) {
	if s.vars == nil {
		s.vars = map[string]any{}
	}
	m := s.vars
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}

func toCty(m map[string]any) cty.Value {
	attrs := map[string]cty.Value{}
	for k, v := range m {
		switch v := v.(type) {
		case cty.Value:
			attrs[k] = v
		case map[string]any:
			attrs[k] = toCty(v)
		}
	}
	return cty.ObjectVal(attrs)
}

// ctx returns the context to evaluate the expression in; calls says
// whether it calls functions (only then does it need them).
func (s *scope) ctx(calls bool) *hcl.EvalContext {
	vars := make(map[string]cty.Value, len(s.vars))
	for k, v := range s.vars {
		if m, ok := v.(map[string]any); ok {
			vars[k] = toCty(m)
		}
	}
	ctx := &hcl.EvalContext{Variables: vars}
	if calls {
		ctx.Functions = functions()
	}
	return ctx
}

func traversalStep(t hcl.Traversal, i int) (string, hcl.Range, bool) {
	if i >= len(t) {
		return "", hcl.Range{}, false
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name, s.SrcRange, true
	case hcl.TraverseRoot:
		return s.Name, s.SrcRange, true
	case hcl.TraverseIndex:
		if s.Key.Type() == cty.String {
			return s.Key.AsString(), s.SrcRange, true
		}
	}
	return "", hcl.Range{}, false
}

// resolve checks one traversal, records the reference and puts the value
// it needs into s. It reports false when the traversal is invalid.
func (e *evaluator) resolve(t hcl.Traversal, s *scope) bool {
	root := t.RootName()
	rng := t.SourceRange()
	name, nameRng, hasName := traversalStep(t, 1)
	attr, attrRng, hasAttr := traversalStep(t, 2)
	if !hasName {
		if !contains(rootNames, root) {
			e.errf(diag.UndefinedReference, rng, "Unknown name %q", root)("There is no %q in a pipec spec.%s Values come from var.NAME, local.NAME, runtime values (git.*, run.*, matrix.*) and blocks (environment.NAME, image.NAME, ...).", root, didyoumean.Suffix(root, rootNames))
			return false
		}
		e.errf(diag.InvalidExpression, rng, "Incomplete reference %q", root)("%q must be followed by a name, e.g. %s.NAME.", root, root)
		return false
	}
	ref := &Reference{Root: root, Name: name, Range: rng, NameRange: nameRng}
	if hasAttr {
		ref.Attr = attr
	}
	switch root {
	case "var":
		v, ok := e.m.VarValues[name]
		n := e.m.Named["variable"][name]
		if n == nil {
			e.errf(diag.UndefinedReference, rng, "Reference to undeclared variable %q", name)("No variable %q is declared.%s Declare it with a variable %q block.", name, didyoumean.Suffix(name, keysOf(e.m.Named["variable"])), name)
			return false
		}
		ref.Def = n.NameRange()
		ref.Target = n
		e.addRef(ref)
		if !ok {
			v = cty.DynamicVal
		}
		s.set(v, "var", name)
		return ok
	case "local":
		a := e.m.Locals[name]
		if a == nil {
			e.errf(diag.UndefinedReference, rng, "Reference to undeclared local %q", name)("No local %q is defined.%s Define it in a locals block.", name, didyoumean.Suffix(name, keysOf(e.m.Locals)))
			return false
		}
		ref.Def = a.NameRange
		e.addRef(ref)
		v, ok := e.local(name, rng)
		s.set(v, "local", name)
		return ok
	case "git", "run":
		attrs := schema.RuntimeRoots[root]
		if !contains(attrs, name) {
			e.errf(diag.UnsupportedReference, nameRng, "Unknown runtime value %s.%s", root, name)("%s has %s.%s", root, strings.Join(attrs, ", "), didyoumean.Suffix(name, attrs))
			return false
		}
		e.addRef(ref)
		s.set(sentinel(root+"."+name), root, name)
		return true
	case "matrix":
		if s.matrix == nil {
			e.errf(diag.RuntimeNotAllowed, rng, "matrix.%s outside a matrix test", name)("matrix values exist only inside a test that sets matrix = { %s = [...] }.", name)
			return false
		}
		if len(s.matrix) == 0 {
			return false // the matrix itself is broken and reported
		}
		if !contains(s.matrix, name) {
			e.errf(diag.UnsupportedReference, nameRng, "Unknown matrix key %q", name)("The test's matrix has the keys %s.%s", strings.Join(s.matrix, ", "), didyoumean.Suffix(name, s.matrix))
			return false
		}
		e.addRef(ref)
		s.set(sentinel("matrix."+name), "matrix", name)
		return true
	}
	// Block references.
	target := e.lookupBlock(root, name, rng)
	if target == nil {
		return false
	}
	ref.Target = target
	ref.Def = target.NameRange()
	e.addRef(ref)
	if root == "secret" && !hasAttr {
		s.set(sentinel("secret."+name), "secret", name)
		return true
	}
	if !hasAttr {
		hint := ""
		if root == "image" {
			hint = fmt.Sprintf(" To use the pushed image, write image.%s.ref (repository@digest) or image.%s.digest.", name, name)
		}
		e.errf(diag.WrongType, rng, "%s.%s is a block reference, not a value", root, name)("A reference to a whole %s block can only be the value of an attribute that takes one (such as workload.image or step.analysis).%s", root, hint)
		return false
	}
	if root == "image" && contains(imageRuntimeAttrs, attr) {
		s.set(sentinel("image."+name+"."+attr), "image", name, attr)
		return true
	}
	allowed := staticAttrs[root]
	if root == "image" {
		allowed = append(append([]string(nil), allowed...), imageRuntimeAttrs...)
	}
	if !contains(staticAttrs[root], attr) {
		e.errf(diag.UnsupportedReference, attrRng, "Unsupported attribute %q of %s", attr, root)("Expressions can read %s of %s %s block.%s", strings.Join(allowed, ", "), strings.ToLower(article(root)), root, didyoumean.Suffix(attr, allowed))
		return false
	}
	// Reading an attribute of the block the expression is in is fine
	// (an e2e block reading its environment's host); a value that needs
	// itself is caught as a cycle by static.
	v, ok := e.static(target, attr, rng)
	s.set(v, root, name, attr)
	return ok
}

func isAncestor(a, n *Node) bool {
	for x := n; x != nil; x = x.Parent {
		if x == a {
			return true
		}
	}
	return false
}

func (e *evaluator) lookupBlock(kind, name string, rng hcl.Range) *Node {
	n := e.m.Named[kind][name]
	if n == nil {
		hint := didyoumean.Suffix(name, keysOf(e.m.Named[kind]))
		for _, key := range keysOf(e.m.misspelt) {
			at := e.m.misspelt[key]
			typ, label, _ := strings.Cut(key, "\x00")
			if label == name && didyoumean.Suggest(typ, []string{kind}) == kind {
				hint = fmt.Sprintf(" The block %s %q at %s is probably meant: its type is misspelt.", typ, label, where(at))
			}
		}
		e.errf(diag.UndefinedReference, rng, "Reference to undeclared %s %q", kind, name)("No %s block named %q exists.%s", kind, name, hint)
	}
	return n
}

func (e *evaluator) addRef(r *Reference) {
	key := keyOf(r.Range)
	if _, seen := e.seenRef[key]; seen {
		return
	}
	e.seenRef[key] = struct{}{}
	e.m.Refs = append(e.m.Refs, r)
	if r.Target != nil {
		e.m.Uses[r.Root+"."+r.Name]++
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// BlockAttrs returns the attributes an expression may read after
// KIND.NAME.: the static ones and, for images, digest and ref (runtime).
func BlockAttrs(kind string) []string {
	out := append([]string(nil), staticAttrs[kind]...)
	if kind == "image" {
		out = append(out, imageRuntimeAttrs...)
	}
	return out
}

// RootNames lists every name an expression may start with.
func RootNames() []string { return append([]string(nil), rootNames...) }
