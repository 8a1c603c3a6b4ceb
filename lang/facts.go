package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// exprFacts is what evaluating an expression needs to know about its
// syntax. Resolving references, rejecting runtime operands and the size and
// loop guards each used to walk the expression again; one walk now serves
// them all.
type exprFacts struct {
	// vars are the traversals expr.Variables() returns, in its order.
	vars []hcl.Traversal
	// operators are the nodes, in walk order, that compute on their
	// operands (see operandUse).
	operators []hclsyntax.Expression
	// loops is set when the expression has a for expression.
	loops bool
	// calls is set when the expression may call a function.
	calls bool
}

// inspect walks expr once and gathers its facts.
func (e *evaluator) inspect(expr hcl.Expression) exprFacts {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		// Other syntaxes (JSON) keep their own notion of variables, and
		// cannot be looked into.
		return exprFacts{vars: expr.Variables(), calls: true}
	}
	// One walker serves every expression: a walk calls nothing that
	// inspects another.
	w := &e.walker
	w.facts, w.localScopes = exprFacts{}, w.localScopes[:0]
	w.walk(se)
	return w.facts
}

// walk is hclsyntax.Walk(x, w), visiting nodes in the same order, but
// steps through the node types most expressions are made of itself:
// Walk allocates for every node it visits. Other node types take Walk.
func (w *factWalker) walk(x hclsyntax.Expression) {
	switch x := x.(type) {
	case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr:
		w.Enter(x)
		w.Exit(x)
	case *hclsyntax.TemplateExpr:
		w.Enter(x)
		for _, part := range x.Parts {
			w.walk(part)
		}
		w.Exit(x)
	case *hclsyntax.TemplateWrapExpr:
		w.Enter(x)
		w.walk(x.Wrapped)
		w.Exit(x)
	case *hclsyntax.TupleConsExpr:
		w.Enter(x)
		for _, el := range x.Exprs {
			w.walk(el)
		}
		w.Exit(x)
	case *hclsyntax.ObjectConsExpr:
		w.Enter(x)
		for _, item := range x.Items {
			w.walk(item.KeyExpr)
			w.walk(item.ValueExpr)
		}
		w.Exit(x)
	default:
		hclsyntax.Walk(x, w)
	}
}

// factWalker gathers exprFacts. Its variable rule is hclsyntax.Variables':
// a root name bound by an enclosing for expression is not a variable.
type factWalker struct {
	facts       exprFacts
	localScopes []map[string]struct{}
}

func (w *factWalker) Enter(n hclsyntax.Node) hcl.Diagnostics {
	switch n := n.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		name := n.Traversal.RootName()
		for _, names := range w.localScopes {
			if _, local := names[name]; local {
				return nil
			}
		}
		w.facts.vars = append(w.facts.vars, n.Traversal)
		return nil
	case hclsyntax.ChildScope:
		w.localScopes = append(w.localScopes, n.LocalNames)
		return nil
	case *hclsyntax.ForExpr:
		w.facts.loops = true
	case *hclsyntax.FunctionCallExpr:
		w.facts.calls = true
	}
	if operandUse(n) != "" {
		w.facts.operators = append(w.facts.operators, n.(hclsyntax.Expression))
	}
	return nil
}

func (w *factWalker) Exit(n hclsyntax.Node) hcl.Diagnostics {
	if _, ok := n.(hclsyntax.ChildScope); ok {
		w.localScopes = w.localScopes[:len(w.localScopes)-1]
	}
	return nil
}

// operandUse names what a node does with its operands, for the message
// that rejects a runtime operand, or "" for nodes that only pass values on.
func operandUse(n hclsyntax.Node) string {
	switch n.(type) {
	case *hclsyntax.FunctionCallExpr:
		return "a function"
	case *hclsyntax.ConditionalExpr:
		return "a condition"
	case *hclsyntax.BinaryOpExpr, *hclsyntax.UnaryOpExpr:
		return "an operator"
	case *hclsyntax.ForExpr, *hclsyntax.SplatExpr, *hclsyntax.IndexExpr:
		return "a collection expression"
	}
	return ""
}

// rangeKey identifies a source range as Range.String() renders it (file,
// lines and columns), without formatting a string. Lines and columns fit
// in 32 bits: a spec file is at most maxSpecBytes long.
type rangeKey struct {
	file                                 string
	startLine, startCol, endLine, endCol int32
}

func keyOf(r hcl.Range) rangeKey {
	return rangeKey{r.Filename, int32(r.Start.Line), int32(r.Start.Column), int32(r.End.Line), int32(r.End.Column)}
}
