package gha

import (
	"strings"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// Conditions are allow-lists: a job that pushes or deploys runs only on the
// events named here, never on pull_request (whatever else gets added later).

// publishIf is the condition of every job that pushes, scans a pushed
// image, or deploys: a push (branch or tag) or a manual run.
func publishIf(p *ir.Program) string {
	if p.Pipeline.On.Manual {
		return "github.event_name == 'push' || github.event_name == 'workflow_dispatch'"
	}
	return "github.event_name == 'push'"
}

// deployIf adds the environment's branches to publishIf.
func (g *gen) deployIf(e *ir.Environment) string {
	var refs []string
	for _, b := range e.Branches {
		c, ok := branchCond(b)
		if !ok {
			g.errorf(e.Range, "Branch pattern not supported by the GitHub Actions backend",
				"Environment %q deploys from %q, but a job condition can only test an exact branch or a prefix ending in *. Use names like \"main\" or \"release/*\".", e.Name, b)
			continue
		}
		refs = append(refs, c)
	}
	if len(refs) == 0 {
		// Never true: an environment without branches is never deployed
		// by a push; Emit warns about it.
		refs = []string{"false"}
	}
	ev := publishIf(g.p)
	if g.p.Pipeline.On.Manual {
		ev = "(" + ev + ")"
	}
	if len(refs) == 1 {
		return ev + " && " + refs[0]
	}
	return ev + " && (" + strings.Join(refs, " || ") + ")"
}

// branchCond turns a branch glob into an expression on github.ref. Exact
// names compare; a single trailing * or ** becomes a prefix test (the push
// trigger's own filter has already matched the full glob).
func branchCond(glob string) (string, bool) {
	prefix, star := strings.CutSuffix(glob, "**")
	if !star {
		prefix, star = strings.CutSuffix(glob, "*")
	}
	if glob == "" || strings.ContainsAny(prefix, "*?[]!+") {
		return "", false
	}
	if star {
		return "startsWith(github.ref, " + quoteExpr("refs/heads/"+prefix) + ")", true
	}
	return "github.ref == " + quoteExpr("refs/heads/"+glob), true
}

// quoteExpr writes s as an expression string literal.
func quoteExpr(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
