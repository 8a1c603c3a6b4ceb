package gha

import (
	"strconv"
	"strings"
	"time"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// A soak holds promotion into an environment until the previous one has run
// the new version, healthy, for the soak time. A soak that fits in one job
// watches: it polls Argo CD every soakPollSeconds for the whole soak and
// fails as soon as the previous environment is not Healthy or no longer
// runs the promoted digests (someone deployed something else there), then
// re-checks it like a deploy's wait. A longer one (up to GitHub's 30-day
// wait timer) waits on a GitHub environment of its own, E-soak, whose wait
// timer the user sets, and checks once at the end: the timer is not on E
// itself, because the rollback workflow and every deploy to E would then
// wait for it too.

const (
	// soakCheckMinutes is the soak job's time beyond the soak itself: the
	// health re-check and the runner's start.
	soakCheckMinutes = 15
	// maxWaitTimerMinutes is the longest wait timer GitHub accepts.
	maxWaitTimerMinutes = 43200
	// soakPollSeconds is how often a watched soak asks Argo CD.
	soakPollSeconds = 60
)

// soakEnvName is the GitHub environment that carries a long soak's timer.
func soakEnvName(env string) string { return env + "-soak" }

// longSoak reports whether e's soak is longer than one job may sleep.
func longSoak(e *ir.Environment) bool {
	return e.Soak > 0 && e.Soak.Minutes()+soakCheckMinutes > maxJobMinutes
}

// soakJob holds promotion into e until the previous environment has run
// the new version, healthy, for e.Soak, then checks it still is.
func (g *gen) soakJob(e *ir.Environment, prev *ir.Environment, after []string) *job {
	m := e.Soak.Minutes()
	j := &job{
		Name:           "soak " + prev.Name + " before " + e.Name,
		Needs:          append([]string{}, after...),
		RunsOn:         runner,
		Permissions:    permissions{},
		TimeoutMinutes: m + soakCheckMinutes,
	}
	var refs []string
	for _, im := range g.deployedImages() {
		j.need(publishID(im.Name))
		refs = append(refs, im.Repository+"@${{ needs."+publishID(im.Name)+".outputs.digest }}")
	}
	g.guard(j, e)
	app := argoApp(g.p.Pipeline.Name, prev.Name)
	var wait step
	if longSoak(e) {
		wait = g.waitTimerSoak(j, e)
	} else {
		env := ordered{}
		env.set("ARGOCD_SERVER", "${{ secrets.ARGOCD_SERVER }}")
		env.set("ARGOCD_AUTH_TOKEN", "${{ secrets.ARGOCD_AUTH_TOKEN }}")
		env.set("APP", app)
		env.set("APP_NAMESPACE", g.argoNamespace())
		env.set("IMAGES", strings.Join(refs, " "))
		env.set("SOAK_SECONDS", strconv.Itoa(e.Soak.Seconds()))
		env.set("POLL_SECONDS", strconv.Itoa(soakPollSeconds))
		wait = step{Name: "Soak " + e.Soak.String() + ": " + prev.Name + " stays healthy on the new version", Env: env, Run: soakWatchScript}
	}
	j.Steps = []step{
		wait,
		g.waitStep("Check "+prev.Name+" is still healthy on the new version", app, strings.Join(refs, " "), g.healthURLs(prev), 2*time.Minute),
	}
	return j
}

// waitTimerSoak makes j wait on the E-soak environment's wait timer, which
// GitHub counts before the job starts, and returns the step that fails the
// job when that timer is missing or shorter than the soak: an environment
// GitHub creates on first use has no timer, and promotion must not go ahead
// early without anyone noticing.
func (g *gen) waitTimerSoak(j *job, e *ir.Environment) step {
	m := e.Soak.Minutes()
	name := soakEnvName(e.Name)
	switch {
	case m > maxWaitTimerMinutes:
		g.errorf(e.Range, "Soak too long for GitHub Actions",
			"soak = %q is %d minutes; a GitHub environment's wait timer holds a job for at most %d minutes (30 days). Use a soak of at most 30d.", e.Soak.String(), m, maxWaitTimerMinutes)
	case g.p.Environment(name) != nil:
		g.errorf(e.Range, "Soak environment name is taken",
			"The %s soak before %q waits on a GitHub environment named %q, which is also an environment of the spec. Rename that environment.", e.Soak.String(), e.Name, name)
	default:
		g.warnf(e.Range, "Soak uses a GitHub environment wait timer",
			"soak = %q is longer than a GitHub-hosted job may run (%d minutes), so %s waits on the GitHub environment %q instead of sleeping. Set Settings → Environments → %s → Wait timer = %d minutes; %s fails until it is set.",
			e.Soak.String(), maxJobMinutes, soakID(e.Name), name, name, m, soakID(e.Name))
	}
	j.Environment = &environment{Name: name}
	j.Permissions["actions"] = "read"
	j.TimeoutMinutes = soakCheckMinutes
	return step{
		Name: "Require a " + strconv.Itoa(m) + "-minute wait timer on " + name,
		Env:  ordered{{"GH_TOKEN", "${{ github.token }}"}, {"ENVIRONMENT", name}, {"WAIT_MINUTES", strconv.Itoa(m)}},
		Run:  waitTimerScript,
	}
}

// soakLines are the header lines for wait-timer soaks.
func (g *gen) soakLines() []string {
	var out []string
	for _, e := range g.p.Environments {
		if longSoak(e) && g.p.Environment(e.After) != nil && g.deployable[e.Name] {
			name := soakEnvName(e.Name)
			out = append(out,
				"  Settings → Environments → "+name+" → Wait timer = "+strconv.Itoa(e.Soak.Minutes())+" minutes.",
				"    soak = \""+e.Soak.String()+"\" before "+e.Name+": "+soakID(e.Name)+" waits on that timer and fails if it is shorter.")
		}
	}
	return out
}
