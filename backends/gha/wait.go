package gha

import (
	"strconv"
	"strings"
	"time"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// Waiting until an environment runs the new version, healthy: the Argo CD
// API poll (scripts.go waitScript), its time budget and the health URLs.

// host is the environment's public host: its own, else the first
// workload's.
func (g *gen) host(e *ir.Environment) string {
	if e.Host != "" {
		return e.Host
	}
	for _, w := range g.p.Workloads {
		if w.Host != "" {
			return w.Host
		}
	}
	return ""
}

// healthURLs are https://host/health for workloads with both.
func (g *gen) healthURLs(e *ir.Environment) string {
	var out []string
	for _, w := range g.p.Workloads {
		h := w.Host
		if e.Host != "" {
			h = e.Host
		}
		if h != "" && w.Health != "" {
			out = append(out, "https://"+h+"/"+strings.TrimPrefix(w.Health, "/"))
		}
	}
	return strings.Join(out, " ")
}

// waitBudget is how long deploy-E waits for healthy: 10 minutes for sync
// and rollout, plus every timed pause and analysis run of the strategy,
// plus an hour for each manual step (a person promotes the rollout).
func (g *gen) waitBudget(e *ir.Environment) time.Duration {
	d := 10 * time.Minute
	if c := e.Canary; c != nil {
		for _, st := range c.Steps {
			if st.Pause != nil {
				if st.Pause.Manual {
					d += time.Hour
				} else {
					d += time.Duration(st.Pause.Duration)
				}
			}
			for _, a := range st.Analysis {
				d += g.analysisTime(a)
			}
		}
	}
	if bg := e.BlueGreen; bg != nil {
		if bg.AutoPromote {
			d += time.Duration(bg.AutoPromoteAfter)
		} else {
			d += time.Hour
		}
		for _, a := range append(append([]string{}, bg.PrePromotion...), bg.PostPromotion...) {
			d += g.analysisTime(a)
		}
	}
	return min(d, (maxJobMinutes-30)*time.Minute)
}

// analysisTime is the longest metric of analysis name: its initial delay
// plus count intervals.
func (g *gen) analysisTime(name string) time.Duration {
	a := g.p.Analysis(name)
	if a == nil {
		return 0
	}
	var longest time.Duration
	for _, m := range a.Metrics {
		t := time.Duration(m.InitialDelay) + time.Duration(m.Interval)*time.Duration(max(m.Count, 1))
		longest = max(longest, t)
	}
	return longest
}

func (g *gen) argoNamespace() string {
	if g.p.GitOps != nil && g.p.GitOps.ArgoCD.Namespace != "" {
		return g.p.GitOps.ArgoCD.Namespace
	}
	return "argocd"
}

// waitStep waits for app to run images healthy within budget.
func (g *gen) waitStep(name, app, images, healthURLs string, budget time.Duration) step {
	env := ordered{}
	env.set("ARGOCD_SERVER", "${{ secrets.ARGOCD_SERVER }}")
	env.set("ARGOCD_AUTH_TOKEN", "${{ secrets.ARGOCD_AUTH_TOKEN }}")
	env.set("APP", app)
	env.set("APP_NAMESPACE", g.argoNamespace())
	env.set("IMAGES", images)
	if healthURLs != "" {
		env.set("HEALTH_URLS", healthURLs)
	}
	env.set("TIMEOUT_SECONDS", strconv.Itoa(int(budget/time.Second)))
	return step{Name: name, Env: env, Run: waitScript}
}
