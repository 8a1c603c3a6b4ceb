package lang

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// inspect finds what HCL's own walks find: the traversals of Variables
// and, in VisitAll's order, the nodes that compute on their operands.
func TestInspectMatchesHCL(t *testing.T) {
	for _, src := range []string{
		`"plain"`,
		`"a-${var.x}-${git.sha}"`,
		`[git.sha, "${local.a}", 3, null]`,
		`{ a = var.x, (local.k) = git.sha, "c" = [1] }`,
		`upper(git.sha)`,
		`git.sha == "" ? local.a : var.b[0]`,
		`[for k, v in local.m : "${k}${v}${git.sha}" if v != var.x]`,
		`{ for git in ["a"] : git => upper(git.sha) }`,
		`[for x in [for y in var.l : y] : [for z in range(x) : z + local.n]]`,
		`local.list[*].name`,
		`-var.n + (local.m * 2)`,
		`<<EOT
line ${var.x}
%{ for s in local.xs }${s}%{ endfor }
EOT
`,
	} {
		expr, ds := hclsyntax.ParseExpression([]byte(src), "t.hcl", hcl.InitialPos)
		if ds.HasErrors() {
			t.Fatalf("%s: %s", src, ds.Error())
		}
		f := (&evaluator{}).inspect(expr)
		if diff := cmp.Diff(addrs(expr.Variables()), addrs(f.vars)); diff != "" {
			t.Errorf("%s: vars differ (-Variables +inspect):\n%s", src, diff)
		}
		var ops []hclsyntax.Expression
		loops, calls := false, false
		hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
			if operandUse(n) != "" {
				ops = append(ops, n.(hclsyntax.Expression))
			}
			_, isFor := n.(*hclsyntax.ForExpr)
			_, isCall := n.(*hclsyntax.FunctionCallExpr)
			loops, calls = loops || isFor, calls || isCall
			return nil
		})
		if len(ops) != len(f.operators) {
			t.Errorf("%s: %d operators, want %d", src, len(f.operators), len(ops))
		} else {
			for i := range ops {
				if ops[i] != f.operators[i] {
					t.Errorf("%s: operator %d is %T at %s, want %T at %s", src, i, f.operators[i], f.operators[i].Range(), ops[i], ops[i].Range())
				}
			}
		}
		if f.loops != loops || f.calls != calls {
			t.Errorf("%s: loops, calls = %v, %v; want %v, %v", src, f.loops, f.calls, loops, calls)
		}
	}
}

func addrs(ts []hcl.Traversal) []string {
	var out []string
	for _, t := range ts {
		out = append(out, traversalAddr(t)+"@"+t.SourceRange().String())
	}
	return out
}
