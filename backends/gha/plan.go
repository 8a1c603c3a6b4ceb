package gha

import (
	"strings"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// planEnvironments decides which environments the main workflow deploys.
// An environment no run can reach (its ref test can never pass, or the one
// it is promoted from is never deployed) gets no jobs at all, rather than
// jobs whose if: is always false, and a warning that says how to fix it.
func (g *gen) planEnvironments() {
	g.deployable = map[string]bool{}
	on := g.p.Pipeline.On
	// Without any trigger Emit already fails; don't add a warning per env.
	triggered := len(on.Push)+len(on.PullRequest)+len(on.Tags) > 0 || on.Manual
	for _, e := range g.p.Environments {
		gate := g.refCond(e)
		prev := g.p.Environment(e.After)
		switch {
		case !triggered:
		case !gate.reachable:
			g.warnf(e.Range, "Environment is never deployed", "%s", g.unreachableDetail(e))
		case prev != nil && !g.deployable[prev.Name]:
			g.warnf(e.Range, "Environment is never deployed",
				"Environment %q is promoted from %q (after), which no run deploys, so no run reaches %q either. Fix the warning on %q first.", e.Name, prev.Name, e.Name, prev.Name)
		default:
			g.deployable[e.Name] = true
		}
	}
}

// unreachableDetail explains why e's ref test never passes and proposes
// the change that makes it pass.
func (g *gen) unreachableDetail(e *ir.Environment) string {
	on := g.p.Pipeline.On
	if len(e.Branches) == 0 {
		if len(on.Push) == 0 {
			return "Environment \"" + e.Name + "\" deploys from the first on.push branch by default, but the pipeline pushes no branch and no tag, so no run deploys it. " +
				"Add on { push = [\"main\"] } to deploy from main, or on { tags = [\"v*\"] } to deploy tagged releases."
		}
		return "Environment \"" + e.Name + "\" sets branches = [] and the pipeline pushes no tag, so no run deploys it. " +
			"Set branches = [\"" + on.Push[0] + "\"], or add on { tags = [\"v*\"] } to deploy tagged releases."
	}
	branches := "\"" + strings.Join(e.Branches, "\", \"") + "\""
	if !hasPositive(e.Branches) {
		return "Environment \"" + e.Name + "\" deploys from " + branches + ", which only excludes branches; as in GitHub's filters, a list without a pattern that includes some matches nothing. " +
			"Put the branches to deploy first, e.g. [\"release/*\", \"!release/old\"]."
	}
	if len(on.Push) == 0 {
		return "Environment \"" + e.Name + "\" deploys from " + branches + ", but on.push lists no branch, so no push of those branches starts the workflow. " +
			"Add them to on { push = [...] }, or set manual = true in on to deploy by hand."
	}
	return "Environment \"" + e.Name + "\" deploys from " + branches + ", but on.push (\"" + strings.Join(on.Push, "\", \"") + "\") never starts the workflow for those branches. " +
		"Add them to on { push = [...] }, or set branches to one of the pushed branches."
}

// hasPositive reports whether some pattern includes branches (does not
// start with !).
func hasPositive(patterns []string) bool {
	for _, p := range patterns {
		if !strings.HasPrefix(p, "!") {
			return true
		}
	}
	return false
}
