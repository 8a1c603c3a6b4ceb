package gha

import (
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// testJob runs one test block in its image as one script, so a cd or an
// export in one run entry holds for the next, as on every other backend.
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
			for _, v := range ax.Values {
				g.checkLiteral(v, t.Range)
			}
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
	steps := g.runSteps("Run "+t.Name, t.Run, t.Env, s, j.Container != nil, t.Range)
	j.Steps = append([]step{checkout()}, g.withGitStep(s, steps)...)
	return j
}

// runSteps turns a run list into one step: the entries joined by newlines,
// under a shell that stops at the first failing command. The user's env and
// every runtime value the script reads come in through the step's env.
//
// On the runner itself the shell is bash (-eo pipefail). In a job container
// it is sh (-e), which is what GitHub runs there by default too: slim images
// such as curlimages/curl have no bash, and shell: bash would not start.
// sh -e is also what the Tekton backend runs, so a script behaves the same.
func (g *gen) runSteps(name string, run []ir.Value, vars []ir.EnvVar, s *scope, inContainer bool, rng hcl.Range) []step {
	if len(run) == 0 {
		return nil
	}
	env := ordered{}
	g.userEnv(vars, s, &env)
	var b strings.Builder
	for _, r := range run {
		b.WriteString(withNewline(g.shellScript(r, s, &env, rng)))
	}
	shell := "bash"
	if inContainer {
		shell = "sh"
	}
	return []step{{Name: name, Env: sortEnv(env), Shell: shell, Run: b.String()}}
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
