package argo

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// check reports what the IR allows but Kubernetes, Kustomize or Argo
// Rollouts would reject, each at the spec range that causes it.
func (e *emitter) check() {
	for _, w := range e.workloads {
		e.checkWorkload(w)
	}
	for _, env := range e.envs {
		e.checkEnvironment(env)
	}
}

func (e *emitter) checkWorkload(w *ir.Workload) {
	if e.image(w.Image) == nil {
		e.errorf(w.Range, "Workload image not found",
			fmt.Sprintf("Workload %q runs image %q, which the spec does not declare; set image = image.NAME.", w.Name, w.Image))
	}
	if w.Port <= 0 && w.Host != "" {
		e.errorf(w.Range, "Ingress host needs a port",
			fmt.Sprintf("Workload %q sets host = %q but no port, so there is no Service for the Ingress to send traffic to. Set port.", w.Name, w.Host))
	}
	if w.Port <= 0 && w.Health != "" {
		e.errorf(w.Range, "Health check needs a port",
			fmt.Sprintf("Workload %q sets health = %q but no port, so the HTTP probes have nothing to call. Set port.", w.Name, w.Health))
	}
	e.checkEnv(w.Env)
}

func (e *emitter) checkEnv(vars []ir.EnvVar) {
	for _, v := range vars {
		if v.Secret == nil && !v.Value.IsLiteral() {
			e.errorf(v.Range, "Runtime value in a deployed environment variable",
				fmt.Sprintf("%s = %q uses a value known only while CI runs, but the GitOps tree is written at compile time and CI changes only the image digest. Use a literal, a variable, or secret.NAME.", v.Name, v.Value.String()))
		}
	}
}

func (e *emitter) checkEnvironment(env *ir.Environment) {
	e.checkDestination(env)
	e.checkEnv(env.Env)
	e.checkHostOverride(env)
	if c := env.Canary; c != nil {
		for _, s := range c.Steps {
			if s == nil {
				continue
			}
			e.checkStep(env, s)
		}
		e.checkRouting(env, c)
		if c.Background != nil {
			e.checkAnalyses(env, c.Background.Analyses, c.Background.Range)
			if st := c.Background.StartStep; st != nil && (*st < 0 || *st >= len(c.Steps)) {
				e.errorf(c.Background.Range, "Background analysis starts after the last step",
					fmt.Sprintf("start_step = %d, but environment %q has steps 0 to %d.", *st, env.Name, len(c.Steps)-1))
			}
		}
	}
	if b := env.BlueGreen; b != nil {
		for _, w := range e.workloads {
			if w.Port <= 0 {
				e.errorf(b.Range, "Blue-green needs a Service",
					fmt.Sprintf("Environment %q deploys blue-green, which switches an active and a preview Service, but workload %q has no port. Set port on it, or use canary.", env.Name, w.Name))
			}
		}
		e.checkAnalyses(env, b.PrePromotion, b.Range)
		e.checkAnalyses(env, b.PostPromotion, b.Range)
	}
}

func (e *emitter) checkStep(env *ir.Environment, s *ir.CanaryStep) {
	set := 0
	for _, b := range []bool{s.Weight != nil, s.Pause != nil, len(s.Analysis) > 0, s.CanaryScale != nil} {
		if b {
			set++
		}
	}
	if set != 1 {
		e.errorf(s.Range, "Step must set exactly one action",
			"Set one of weight, pause, analysis or canary_scale in each step.")
	}
	e.checkAnalyses(env, s.Analysis, s.Range)
}

// checkAnalyses checks the analyses one step or promotion runs together:
// they must exist, and Argo Rollouts merges them into one AnalysisRun, so
// metric names must not repeat.
func (e *emitter) checkAnalyses(env *ir.Environment, names []string, at hcl.Range) {
	owner := map[string]string{}
	for _, n := range names {
		a := e.analysis(n)
		if a == nil {
			e.errorf(at, "Analysis not found",
				fmt.Sprintf("Environment %q runs analysis %q, which the spec does not declare.", env.Name, n))
			continue
		}
		for _, m := range a.Metrics {
			if m == nil {
				continue
			}
			if prev, dup := owner[m.Name]; dup && prev != n {
				e.errorf(at, "Metric name used twice in one analysis run",
					fmt.Sprintf("Analyses %q and %q both have a metric %q, and Argo Rollouts runs them as one AnalysisRun whose metric names must differ. Rename one metric.", prev, n, m.Name))
			}
			owner[m.Name] = n
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// checkHostOverride reports an environment host that names no single
// workload to serve it (see hostTarget).
func (e *emitter) checkHostOverride(env *ir.Environment) {
	if env.Host == "" {
		return
	}
	withHost, withPort := e.hostCandidates()
	switch {
	case len(withHost) > 1:
		e.errorf(env.Range, "Host override is ambiguous",
			fmt.Sprintf("Environment %q sets host = %q, but workloads %s all have an Ingress; one host cannot serve them all. Remove the environment's host.", env.Name, env.Host, names(withHost)))
	case len(withHost) == 0 && len(withPort) == 0:
		e.errorf(env.Range, "Host override without a Service",
			fmt.Sprintf("Environment %q sets host = %q, but no workload has a port, so there is no Service for an Ingress to route to. Set port on the workload that serves it.", env.Name, env.Host))
	case len(withHost) == 0 && len(withPort) > 1:
		e.errorf(env.Range, "Host override is ambiguous",
			fmt.Sprintf("Environment %q sets host = %q, and workloads %s all have a port; pipec cannot tell which one the host serves. Set host on that workload (the environment's host then overrides it there).", env.Name, env.Host, names(withPort)))
	}
}

// checkRouting guards traffic routing: pipec's checker reports a canary
// that needs it without an Ingress, but a hand-built IR may still get here,
// and a Rollout routing through an Ingress that does not exist never starts.
func (e *emitter) checkRouting(env *ir.Environment, c *ir.Canary) {
	r := routerOf(c)
	switch r {
	case "":
		return
	case routerNginx, routerALB:
	default:
		e.errorf(c.Range, "Unsupported traffic routing",
			fmt.Sprintf("Environment %q sets traffic_routing = %q; pipec configures \"nginx\" or \"alb\".", env.Name, r))
		return
	}
	for _, w := range e.workloads {
		if e.ingressIn(env, w).Host != "" {
			return
		}
	}
	at := c.Range
	for _, s := range c.Steps {
		if s != nil && s.CanaryScale != nil {
			at = s.Range
			break
		}
	}
	e.errorf(at, "Traffic routing has no Ingress",
		fmt.Sprintf("Environment %q splits canary traffic with %s (canary_scale needs traffic routing), which routes through a workload's Ingress, but no workload has one here, so the Argo backend has nothing to write trafficRouting for. Set host (and port) on the workload that serves traffic, or host on environment %q.", env.Name, r, env.Name))
}

// checkDestination reports an environment deploying where an earlier one
// does: their Applications would own the same objects and undo each
// other's syncs.
func (e *emitter) checkDestination(env *ir.Environment) {
	d := destinationFor(env)
	for _, other := range e.envs {
		if other == env {
			return
		}
		if destinationFor(other) == d {
			e.errorf(env.Range, "Two environments deploy to one namespace",
				fmt.Sprintf("Environments %q and %q both deploy to namespace %q of cluster %q, so their Argo CD Applications would own the same Rollouts and Services and keep overwriting each other. Give environment %q its own namespace.", other.Name, env.Name, env.Namespace, env.Cluster, env.Name))
			return
		}
	}
}

func names(ws []*ir.Workload) string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, w.Name)
	}
	return strings.Join(out, ", ")
}
