package lang

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// A spec of a few lines can ask for gigabytes: indent(900000000, s),
// setproduct(range(1000), range(1000), range(1000)), replace(s, "", s),
// or locals that double a string thirty times. Such requests get an
// error diagnostic instead of an out-of-memory crash.
const (
	// maxValueBytes bounds one evaluated value (strings plus elements): a
	// spec file is at most 16 MiB, and no attribute needs more than that.
	maxValueBytes = 16 << 20
	// maxElements bounds the collections one function call may build.
	maxElements = 10_000
	// maxPad bounds widths and indents that functions pad to.
	maxPad = 10_000
)

// guarded wraps f so check runs on known arguments before f does.
func guarded(f function.Function, check func(args []cty.Value) error) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type:        func(args []cty.Value) (cty.Type, error) { return f.ReturnTypeForValues(args) },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			for _, a := range args {
				if !a.IsWhollyKnown() {
					return f.Call(args)
				}
			}
			unmarked := make([]cty.Value, len(args))
			for i, a := range args {
				unmarked[i], _ = a.UnmarkDeep()
			}
			if err := check(unmarked); err != nil {
				return cty.NilVal, err
			}
			return f.Call(args)
		},
	})
}

// checkIndent refuses indent(n, s) with a huge n.
func checkIndent(args []cty.Value) error {
	if len(args) > 0 && args[0].Type() == cty.Number && !args[0].IsNull() {
		if n, acc := args[0].AsBigFloat().Int64(); acc != big.Exact || n > maxPad {
			return fmt.Errorf("indent takes at most %d spaces", maxPad)
		}
	}
	return nil
}

// checkFormat refuses format strings whose widths or precisions pad a
// value to more than maxPad characters.
func checkFormat(args []cty.Value) error {
	if len(args) == 0 || args[0].Type() != cty.String || args[0].IsNull() {
		return nil
	}
	f := args[0].AsString()
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		for i < len(f) && strings.IndexByte("-+# 0", f[i]) >= 0 {
			i++
		}
		for _, part := range []bool{true, false} {
			if !part {
				if i >= len(f) || f[i] != '.' {
					break
				}
				i++
			}
			n := 0
			for i < len(f) && f[i] >= '0' && f[i] <= '9' {
				n = min(n*10+int(f[i]-'0'), maxPad+1)
				i++
			}
			if n > maxPad {
				return fmt.Errorf("widths and precisions in a format are at most %d", maxPad)
			}
		}
	}
	return nil
}

// checkReplace refuses replacements whose result would exceed
// maxValueBytes (replace(s, "", t) inserts t between every character).
func checkReplace(args []cty.Value) error {
	if len(args) != 3 {
		return nil
	}
	for _, a := range args {
		if a.Type() != cty.String || a.IsNull() {
			return nil
		}
	}
	s, old, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
	n := len(s) + 1
	if old != "" {
		n = strings.Count(s, old)
	}
	if len(s)+n*len(repl) > maxValueBytes {
		return fmt.Errorf("the result would be over %d MiB", maxValueBytes>>20)
	}
	return nil
}

// checkProduct refuses setproduct calls with more than maxElements
// combinations.
func checkProduct(args []cty.Value) error {
	total := 1
	for _, a := range args {
		if !a.CanIterateElements() || a.IsNull() {
			return nil
		}
		total *= max(a.LengthInt(), 1)
		if total > maxElements {
			return fmt.Errorf("setproduct would make more than %d combinations", maxElements)
		}
	}
	return nil
}

// valueSize is the bytes of strings plus the elements of v, counting no
// further than limit.
func valueSize(v cty.Value, limit int) int {
	size := 0
	var walk func(v cty.Value)
	walk = func(v cty.Value) {
		if size > limit || !v.IsKnown() || v.IsNull() {
			return
		}
		v, _ = v.Unmark()
		switch {
		case v.Type() == cty.String:
			size += len(v.AsString())
		case v.CanIterateElements():
			for it := v.ElementIterator(); it.Next() && size <= limit; {
				k, e := it.Element()
				size++
				if k.Type() == cty.String {
					size += len(k.AsString())
				}
				walk(e)
			}
		default:
			size++
		}
	}
	walk(v)
	return size
}

// tooLarge reports an expression whose value would exceed maxValueBytes:
// before evaluation, from the values it refers to (so "${local.s}" a
// thousand times over a large local is refused without building it), and
// after, from the value itself.
func tooLarge(rng hcl.Range, size int) *hcl.Diagnostic {
	return diag.Error(diag.InvalidExpression, rng, "Value too large",
		fmt.Sprintf("This expression makes a value of more than %d MiB (strings and elements together); pipec refuses it rather than run out of memory. Build large scripts from files in the repository instead.", maxValueBytes>>20))
}

// maxIterations bounds the iterations of the for expressions in one
// expression: [for a in range(1000) : [for b in range(1000) : [for c in
// range(1000) : c]]] would build a billion values.
const maxIterations = 100_000

// unknownLength is assumed for a for expression whose collection cannot
// be evaluated on its own (it uses an outer loop's variable, or holds a
// for expression itself): range() never returns more elements.
const unknownLength = 1024

// iterationBound is an upper bound on the iterations expr's for
// expressions run: a for expression nested in others runs once per
// iteration of each of them.
func iterationBound(expr hcl.Expression, ctx *hcl.EvalContext) int {
	node, ok := expr.(hclsyntax.Node)
	if !ok {
		return 0
	}
	type loop struct {
		rng hcl.Range
		n   int
	}
	var loops []loop
	hclsyntax.VisitAll(node, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.ForExpr); ok {
			loops = append(loops, loop{f.SrcRange, collectionLength(f.CollExpr, ctx)})
		}
		return nil
	})
	total := 0
	for _, l := range loops {
		product := 1
		for _, outer := range loops {
			if outer.rng.Start.Byte <= l.rng.Start.Byte && l.rng.End.Byte <= outer.rng.End.Byte {
				product = min(product*max(outer.n, 1), maxIterations+1)
			}
		}
		total = min(total+product, maxIterations+1)
	}
	return total
}

// collectionLength is the length of coll evaluated alone, or
// unknownLength when it cannot be.
func collectionLength(coll hclsyntax.Expression, ctx *hcl.EvalContext) int {
	nested := false
	hclsyntax.VisitAll(coll, func(n hclsyntax.Node) hcl.Diagnostics {
		_, isFor := n.(*hclsyntax.ForExpr)
		nested = nested || isFor
		return nil
	})
	if nested {
		return unknownLength
	}
	for _, t := range coll.Variables() {
		if _, ok := ctx.Variables[t.RootName()]; !ok {
			return unknownLength
		}
	}
	v, diags := coll.Value(ctx)
	if diags.HasErrors() || !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
		return 1
	}
	return v.LengthInt()
}

func tooManyIterations(rng hcl.Range) *hcl.Diagnostic {
	return diag.Error(diag.InvalidExpression, rng, "Too many loop iterations",
		fmt.Sprintf("The for expressions here would run more than %d times (nested loops multiply); pipec refuses rather than build that many values. Loop over smaller collections, or nest fewer loops.", maxIterations))
}

// evalGuarded evaluates expr, whose facts are f, unless it would build a
// value past the limits above: by the values it refers to and its loops,
// before evaluation, and by its size after. Every diagnostic has a subject.
func evalGuarded(expr hcl.Expression, f exprFacts, ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	if bound := sizeBound(f.vars, ctx); bound > maxValueBytes {
		return cty.DynamicVal, hcl.Diagnostics{tooLarge(expr.Range(), bound)}
	}
	if f.loops && iterationBound(expr, ctx) > maxIterations {
		return cty.DynamicVal, hcl.Diagnostics{tooManyIterations(expr.Range())}
	}
	v, ds := exprValue(expr, ctx)
	for _, d := range ds {
		if d.Subject == nil || d.Subject.Filename == "" {
			// Some function errors (too few arguments) carry no range.
			r := expr.Range()
			d.Subject = &r
		}
	}
	if ds.HasErrors() {
		return cty.DynamicVal, ds
	}
	if size := valueSize(v, maxValueBytes); size > maxValueBytes {
		return cty.DynamicVal, append(ds, tooLarge(expr.Range(), size))
	}
	return v, ds
}

// exprValue is expr.Value(ctx). A quoted string without interpolations,
// the value of most attributes, is its text: HCL would build the same
// string through a buffer, a set of marks and a refinement.
func exprValue(expr hcl.Expression, ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	if t, ok := expr.(*hclsyntax.TemplateExpr); ok && t.IsStringLiteral() {
		lit := t.Parts[0].(*hclsyntax.LiteralValueExpr).Val
		if lit.Type() == cty.String && lit.IsKnown() && !lit.IsNull() && !lit.IsMarked() {
			return cty.StringVal(lit.AsString()), nil
		}
	}
	return expr.Value(ctx)
}

// sizeBound is the size of every value an expression's vars refer to,
// counted once per reference: what string templates can at most
// concatenate.
func sizeBound(vars []hcl.Traversal, ctx *hcl.EvalContext) int {
	total := 0
	for _, t := range vars {
		if v, ds := t.TraverseAbs(ctx); !ds.HasErrors() {
			total += valueSize(v, maxValueBytes)
			if total > maxValueBytes {
				return total
			}
		}
	}
	return total
}
