package gha

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// testJob runs one test block in its image; every run entry is a step, so
// the log shows which command failed.
func (g *gen) testJob(t *ir.Test) *job {
	j := &job{
		Name:           "test " + t.Name,
		RunsOn:         runner,
		Permissions:    permissions{"contents": "read"},
		TimeoutMinutes: g.checkTimeout(g.timeout(t.Timeout), "test "+t.Name, t.Range),
	}
	for _, n := range t.Needs {
		j.need(testID(n))
	}
	s := &scope{job: j, what: "test"}
	if len(t.Matrix) > 0 {
		m := ordered{}
		for _, ax := range t.Matrix {
			m.set(ax.Key, append([]string{}, ax.Values...))
		}
		j.Strategy = &strategy{Matrix: m}
	}
	if len(t.Image.Parts) > 0 {
		j.Container = &container{Image: g.inline(t.Image, s, t.Range)}
	}
	if s.shortSHA {
		g.errorf(t.Range, "git.short_sha in a test image",
			"The test image is chosen before any step runs, so it cannot use git.short_sha; use git.sha or a matrix value.")
	}
	for _, svc := range t.Services {
		sv := service{Image: svc.Image}
		g.checkLiteral(svc.Image, svc.Range)
		env := ordered{}
		ss := &scope{job: j, what: "service"}
		g.userEnv(svc.Env, ss, &env)
		if ss.shortSHA {
			g.errorf(svc.Range, "git.short_sha in a service",
				"Services start before any step runs, so their env cannot use git.short_sha; use git.sha.")
		}
		sv.Env = env
		for _, port := range svc.Ports {
			sv.Ports = append(sv.Ports, strconv.Itoa(port))
		}
		if j.Services == nil {
			j.Services = ordered{}
		}
		j.Services.set(svc.Name, sv)
	}
	if t.WorkingDir != "" {
		g.checkLiteral(t.WorkingDir, t.Range)
		j.Defaults = &defaults{Run: runDefaults{WorkingDirectory: t.WorkingDir}}
	}
	var steps []step
	for _, r := range t.Run {
		env := ordered{}
		g.userEnv(t.Env, s, &env)
		run := g.shellScript(r, s, &env, t.Range)
		steps = append(steps, step{Name: stepName(r), Env: sortEnv(env), Run: withNewline(run)})
	}
	j.Steps = append([]step{checkout()}, g.withGitStep(s, steps)...)
	return j
}

// withGitStep puts the pipec-git step first when some value needs it.
func (g *gen) withGitStep(s *scope, steps []step) []step {
	if !s.shortSHA {
		return steps
	}
	return append([]step{gitStep()}, steps...)
}

// checkout fetches the source without leaving the token on disk.
func checkout() step {
	return step{Name: "Check out", Uses: actCheckout.Uses(), With: ordered{{"persist-credentials", false}}}
}

// stepName is the first line of a run entry, shortened for the UI.
func stepName(v ir.Value) string {
	s := strings.TrimSpace(v.String())
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = strings.TrimSpace(s[:i]) + " ..."
	}
	if r := []rune(s); len(r) > 72 {
		s = string(r[:69]) + "..."
	}
	return s
}

func withNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// checkTimeout reports job timeouts GitHub-hosted runners cannot honour.
func (g *gen) checkTimeout(m int, what string, rng hcl.Range) int {
	if m > maxJobMinutes {
		g.errorf(rng, "Timeout too long for GitHub Actions",
			"The %s asks for %d minutes; GitHub-hosted jobs stop after %d. Shorten the timeout or split the work.", what, m, maxJobMinutes)
		return maxJobMinutes
	}
	return m
}
