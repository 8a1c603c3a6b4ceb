package lang

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/pipec-dev/pipec/lang/schema"
)

// blockRefs decodes an attribute whose value is one or more references to
// blocks (workload.image, step.analysis, needs, secret attributes).
func (e *evaluator) blockRefs(n *Node, a *hcl.Attribute, sa *schema.Attr) ([]*Reference, bool) {
	kind := sa.RefTo
	if sa.Type == schema.SecretRef {
		kind = "secret"
	}
	exprs := []hcl.Expression{a.Expr}
	if sa.Type == schema.RefList {
		if list, ds := hcl.ExprList(a.Expr); !ds.HasErrors() {
			exprs = list
		}
	} else if isNativeTuple(a.Expr) {
		// Asked only of a tuple: for a single reference, ExprList would
		// build an error diagnostic to throw away.
		if list, ds := hcl.ExprList(a.Expr); !ds.HasErrors() {
			e.errf(diag.WrongType, a.Expr.Range(), "%q takes one %s, not a list", a.Name, kind)("Write %s = %s.%s without brackets: %s names exactly one %s block.", a.Name, kind, firstName(list, kind), a.Name, kind)
			return nil, false
		}
	}
	var out []*Reference
	ok := true
	seen := map[string]bool{}
	for _, x := range exprs {
		t, ds := hcl.AbsTraversalForExpr(x)
		if ds.HasErrors() {
			// HCL JSON users often write "${image.app}" where native syntax
			// has image.app: accept an interpolation of exactly one reference.
			if vars := x.Variables(); len(vars) == 1 && isJSONExpr(x) {
				t, ds = vars[0], nil
			}
		}
		if ds.HasErrors() || t.RootName() != kind {
			ok = false
			e.errf(diag.WrongType, x.Range(), "%q must be a reference to %s", a.Name, kind)("Write %s.NAME (without quotes in native syntax), naming %s %s block.%s", kind, strings.ToLower(article(kind)), kind, listHint(sa))
			continue
		}
		name, nameRng, has := traversalStep(t, 1)
		if !has {
			ok = false
			e.errf(diag.WrongType, x.Range(), "Incomplete reference")("Write %s.NAME.", kind)
			continue
		}
		if len(t) > 2 {
			ok = false
			e.errf(diag.WrongType, x.Range(), "%q must be a reference to a whole %s block", a.Name, kind)("Write %s.%s without an attribute.", kind, name)
			continue
		}
		target := e.lookupBlock(kind, name, t.SourceRange())
		ref := &Reference{Root: kind, Name: name, Range: t.SourceRange(), NameRange: nameRng, Target: target}
		if target == nil {
			ok = false
			continue
		}
		ref.Def = target.NameRange()
		e.addRef(ref)
		if seen[name] {
			e.diags = append(e.diags, diag.Warning(diag.DuplicateName, t.SourceRange(), "Duplicate reference", kind+"."+name+" is listed twice; remove one."))
			continue
		}
		seen[name] = true
		if target == n || isAncestor(target, n) {
			ok = false
			e.errf(diag.SelfReference, t.SourceRange(), "%s %q refers to itself", kind, name)("A block cannot name itself in %s.", a.Name)
			continue
		}
		out = append(out, ref)
	}
	return out, ok
}

func listHint(sa *schema.Attr) string {
	if sa.Type == schema.RefList {
		return " Several are written as a list: [" + sa.RefTo + ".a, " + sa.RefTo + ".b]."
	}
	return ""
}

// isJSONExpr reports whether x comes from HCL's JSON syntax.
func isJSONExpr(x hcl.Expression) bool {
	_, native := x.(hclsyntax.Expression)
	return !native
}

func isNativeTuple(x hcl.Expression) bool {
	_, ok := x.(*hclsyntax.TupleConsExpr)
	return ok
}

// firstName is the name the first element of a mistaken list refers to.
func firstName(list []hcl.Expression, kind string) string {
	if len(list) > 0 {
		if t, ds := hcl.AbsTraversalForExpr(list[0]); !ds.HasErrors() {
			if name, _, ok := traversalStep(t, 1); ok && t.RootName() == kind {
				return name
			}
		}
	}
	return "NAME"
}
