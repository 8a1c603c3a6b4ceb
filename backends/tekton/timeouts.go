package tekton

import (
	"sort"
	"strings"
	"time"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// Tekton stops a PipelineRun without timeouts.pipeline after
// default-timeout-minutes (60), and it stops every TaskRun whose pipeline
// task has no timeout after that same default, even when
// timeouts.pipeline is longer (Pipelines v1.12 hands the run's budget
// down to TaskRuns only through timeouts.tasks). A soak of hours would
// die either way. So every deploy-side task carries its own timeout, and
// each PipelineRun's timeouts.pipeline is the CI budget (pipeline.timeout,
// else Tekton's hour) plus the longest chain of those task timeouts.
const (
	tektonDefaultTimeout = time.Hour
	// deployTimeout bounds gitops-update: a clone, kustomize and at most
	// five pushes with 50s of back-off between them.
	deployTimeout = 10 * time.Minute
	// taskSlack covers pod scheduling and image pulls on top of a task's
	// own wait, which its script measures from when it starts.
	taskSlack = 5 * time.Minute
	// soakHealthTimeout is wait-healthy's default timeout-seconds, which
	// a soak task spends at most before its soak starts.
	soakHealthTimeout = 30 * time.Minute
	// manualStepWait is how long a wait accepts a rollout held by a
	// manual canary pause or blue-green promotion, as the GitHub Actions
	// backend does.
	manualStepWait = time.Hour
	// rolloutBaseWait is the health wait of a rollout without pauses.
	rolloutBaseWait = 10 * time.Minute
)

// setTimeout gives a pipeline task an explicit timeout and records it in
// the graph's budget; cd marks tasks that run after the CI part.
func (g *graph) setTimeout(pt *pipelineTask, d time.Duration, cd bool) {
	if d <= 0 {
		return
	}
	pt.Timeout = ir.Duration(d).String()
	g.budget[pt.Name] = d
	if cd {
		g.cd[pt.Name] = true
	}
}

// runTimeout is the timeouts.pipeline of a run of this graph's Pipeline;
// zero leaves Tekton's default, which is then long enough.
func (g *graph) runTimeout() time.Duration {
	cd := g.longestPath(func(n string) time.Duration {
		if g.cd[n] {
			return g.budget[n]
		}
		return 0
	})
	ci := time.Duration(g.e.p.Pipeline.Timeout)
	if ci == 0 {
		// Tests may ask for more than Tekton's hour between them.
		ci = max(tektonDefaultTimeout, g.longestPath(func(n string) time.Duration {
			if g.cd[n] {
				return 0
			}
			return g.budget[n]
		}))
		if cd == 0 && ci == tektonDefaultTimeout {
			return 0
		}
	}
	return ci + cd
}

// longestPath is the heaviest dependency chain of the graph's tasks.
// Tasks are added after everything they depend on, so one pass suffices.
func (g *graph) longestPath(weight func(string) time.Duration) time.Duration {
	end := map[string]time.Duration{}
	var longest time.Duration
	for _, t := range g.tasks {
		var start time.Duration
		for _, d := range taskDeps(t) {
			start = max(start, end[d])
		}
		end[t.Name] = start + weight(t.Name)
		longest = max(longest, end[t.Name])
	}
	return longest
}

// taskDeps are runAfter plus the tasks whose results a when-expression reads.
func taskDeps(t pipelineTask) []string {
	deps := append([]string(nil), t.RunAfter...)
	for _, w := range t.When {
		if rest, ok := strings.CutPrefix(w.Input, "$(tasks."); ok {
			if name, _, ok := strings.Cut(rest, "."); ok {
				deps = append(deps, name)
			}
		}
	}
	return deps
}

// waitTimeout bounds the health wait after a deploy: Argo CD reports the
// Application healthy only when the rollout completes, so it includes
// every canary pause, analysis and blue-green promotion delay.
func (e *emitter) waitTimeout(env *ir.Environment) time.Duration {
	d := rolloutBaseWait
	if c := env.Canary; c != nil {
		for _, st := range c.Steps {
			if st == nil {
				continue
			}
			if st.Pause != nil {
				if st.Pause.Manual {
					d += manualStepWait
				} else {
					d += time.Duration(st.Pause.Duration)
				}
			}
			for _, a := range st.Analysis {
				d += e.analysisTime(a)
			}
		}
	}
	if bg := env.BlueGreen; bg != nil {
		if bg.AutoPromote {
			d += time.Duration(bg.AutoPromoteAfter)
		} else {
			d += manualStepWait
		}
		for _, a := range append(append([]string(nil), bg.PrePromotion...), bg.PostPromotion...) {
			d += e.analysisTime(a)
		}
	}
	return d
}

// analysisTime is the longest metric of an analysis: its initial delay
// plus count intervals.
func (e *emitter) analysisTime(name string) time.Duration {
	a := e.p.Analysis(name)
	if a == nil {
		return 0
	}
	var longest time.Duration
	for _, m := range a.Metrics {
		if m != nil {
			longest = max(longest, time.Duration(m.InitialDelay)+time.Duration(m.Interval)*time.Duration(max(m.Count, 1)))
		}
	}
	return longest
}

// checkTimeoutCoversSoak warns when pipeline.timeout, which reads as a
// limit for the whole run, is shorter than a soak the run must sit out.
func (e *emitter) checkTimeoutCoversSoak() {
	t := e.p.Pipeline.Timeout
	if t <= 0 {
		return
	}
	var short []string
	for _, env := range e.p.Environments {
		if env != nil && env.After != "" && env.Soak > t {
			short = append(short, env.Name+" (soak = \""+env.Soak.String()+"\")")
		}
	}
	if len(short) == 0 {
		return
	}
	sort.Strings(short)
	addWarn(&e.diags, e.p.Pipeline.Range, "pipeline timeout shorter than a soak",
		"pipeline.timeout = \""+t.String()+"\" is shorter than the soak of "+strings.Join(short, ", ")+
			". The Tekton backend uses it as the budget of tests and builds and lengthens each PipelineRun by its soaks, deploys and health waits, so the soak completes. "+
			"If the timeout was meant for the whole run, raise it above the soak (plus the deploys after it) or shorten the soak.")
}
