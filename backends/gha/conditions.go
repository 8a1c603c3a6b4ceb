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

// deployIf adds the environment's ref test (refCond) to publishIf.
func (g *gen) deployIf(e *ir.Environment) string {
	ref := g.refCond(e).cond
	ev := publishIf(g.p)
	if g.p.Pipeline.On.Manual {
		ev = "(" + ev + ")"
	}
	return ev + " && " + ref
}

// refGate is the test on github.ref that selects the runs deploying an
// environment, and whether some run of this workflow can pass it.
type refGate struct {
	cond      string
	reachable bool
}

// refCond returns e's gate, computed once so its diagnostics are too.
// Environments deploy from their branches; with none (the pipeline pushes
// no branch, or the spec says branches = []) they deploy from the pushed
// tags that on.tags selects, which is what a tags-only release pipeline
// means.
func (g *gen) refCond(e *ir.Environment) refGate {
	if r, ok := g.gates[e]; ok {
		return r
	}
	if g.gates == nil {
		g.gates = map[*ir.Environment]refGate{}
	}
	r := g.newRefCond(e)
	g.gates[e] = r
	return r
}

func (g *gen) newRefCond(e *ir.Environment) refGate {
	on := g.p.Pipeline.On
	if len(e.Branches) == 0 {
		if len(on.Tags) == 0 {
			return refGate{"false", false}
		}
		return refGate{"startsWith(github.ref, 'refs/tags/')", true}
	}
	var refs []string
	reachable := on.Manual // a manual run may start from any branch
	for _, b := range e.Branches {
		c, ok := branchCond(b)
		if !ok {
			// The error says what to write; "never deployed" would be noise.
			reachable = true
			g.errorf(e.Range, "Branch pattern not supported by the GitHub Actions backend",
				"Environment %q deploys from %q, but a job condition can only test an exact branch or a prefix ending in *. Use names like \"main\" or \"release/*\".", e.Name, b)
			continue
		}
		refs = append(refs, c)
		for _, push := range on.Push {
			reachable = reachable || globsMayMeet(push, b)
		}
	}
	switch len(refs) {
	case 0:
		return refGate{"false", reachable}
	case 1:
		return refGate{refs[0], reachable}
	}
	return refGate{"(" + strings.Join(refs, " || ") + ")", reachable}
}

// globsMayMeet reports whether some branch name may match both the push
// trigger's glob and an environment's branch glob. It answers false only
// when that is certain (exact names and prefix* globs); anything fancier
// may meet.
func globsMayMeet(push, branch string) bool {
	if strings.HasPrefix(push, "!") {
		return false
	}
	pp, pStar := prefixGlob(push)
	bp, bStar := prefixGlob(branch)
	if pp == "" && !pStar || bp == "" && !bStar {
		return true
	}
	switch {
	case pStar && bStar:
		return strings.HasPrefix(pp, bp) || strings.HasPrefix(bp, pp)
	case pStar:
		return strings.HasPrefix(branch, pp)
	case bStar:
		return strings.HasPrefix(push, bp)
	}
	return push == branch
}

// prefixGlob splits an exact name or "prefix*"/"prefix**" glob into its
// literal prefix and whether it ends in a star. Other globs give ("", false).
func prefixGlob(g string) (string, bool) {
	prefix, star := strings.CutSuffix(g, "**")
	if !star {
		prefix, star = strings.CutSuffix(g, "*")
	}
	if strings.ContainsAny(prefix, "*?[]!+") || prefix == "" && !star {
		return "", false
	}
	return prefix, star
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
