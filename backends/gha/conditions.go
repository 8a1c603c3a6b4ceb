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

// guard sets j's condition to e's deploy condition: publishIf and the
// environment's ref test. A test that needs the branches job makes j need
// it too.
func (g *gen) guard(j *job, e *ir.Environment) {
	gate := g.refCond(e)
	ev := publishIf(g.p)
	if g.p.Pipeline.On.Manual {
		ev = "(" + ev + ")"
	}
	if gate.patterns != nil {
		j.need(branchesID)
	}
	j.If = ev + " && " + gate.cond
}

// refGate is the test that selects the runs deploying an environment, and
// whether some run of this workflow can pass it.
type refGate struct {
	cond      string
	reachable bool
	// patterns is non-nil when an expression on github.ref cannot say
	// exactly which branches match (GitHub's * stops at /, negations): the
	// branches job then matches them in bash and cond reads its output.
	patterns []branchPattern
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
			return refGate{cond: "false"}
		}
		return refGate{cond: "startsWith(github.ref, 'refs/tags/')", reachable: true}
	}
	var (
		exprs    []string
		patterns []branchPattern
		exact    = true
		positive = false
		// A manual run may start from any branch.
		reachable = on.Manual
	)
	for _, b := range e.Branches {
		p, err := parseBranchPattern(b)
		if err != "" {
			// The error says what to write; "never deployed" would be noise.
			reachable = true
			g.errorf(e.Range, "Branch pattern not supported by the GitHub Actions backend",
				"Environment %q deploys from %q, which is not a GitHub branch filter pattern: %s. Use a name like \"main\" or a glob like \"release/*\".", e.Name, b, err)
			continue
		}
		patterns = append(patterns, p)
		if c, ok := branchExpr(b); ok {
			exprs = append(exprs, c)
		} else {
			exact = false
		}
		if !p.exclude {
			positive = true
			for _, push := range on.Push {
				reachable = reachable || globsMayMeet(push, b)
			}
		}
	}
	if !positive {
		// GitHub's rule: without a positive pattern nothing matches, so
		// not even a manual run deploys here.
		return refGate{cond: "false", reachable: len(patterns) == 0 && reachable}
	}
	if !exact {
		return refGate{cond: "needs." + branchesID + ".outputs." + deployID(e.Name) + " == 'true'", reachable: reachable, patterns: patterns}
	}
	if len(exprs) == 1 {
		return refGate{cond: exprs[0], reachable: reachable}
	}
	return refGate{cond: "(" + strings.Join(exprs, " || ") + ")", reachable: reachable}
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
	if strings.ContainsAny(prefix, globSpecials) || prefix == "" && !star {
		return "", false
	}
	return prefix, star
}

// globSpecials are the characters GitHub's filter patterns give a meaning
// ("!" only in first place).
const globSpecials = `*?+[]!\`

// branchExpr turns a branch pattern into an exact expression on github.ref
// when there is one: a plain name compares, and a literal prefix followed
// by ** (which crosses /) is a prefix test. Anything else (a single *,
// which stops at /, ?, +, [...], a negation) has none.
func branchExpr(glob string) (string, bool) {
	if glob == "" {
		return "", false
	}
	if !strings.ContainsAny(glob, globSpecials) {
		return "github.ref == " + quoteExpr("refs/heads/"+glob), true
	}
	prefix, ok := strings.CutSuffix(glob, "**")
	if ok && !strings.ContainsAny(prefix, globSpecials) {
		return "startsWith(github.ref, " + quoteExpr("refs/heads/"+prefix) + ")", true
	}
	return "", false
}

// quoteExpr writes s as an expression string literal.
func quoteExpr(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
