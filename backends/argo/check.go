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
	e.checkEnv(env.Env)
	if env.Host != "" {
		var hosts []string
		for _, w := range e.workloads {
			if w.Host != "" {
				hosts = append(hosts, w.Name)
			}
		}
		switch {
		case len(hosts) == 0:
			e.errorf(env.Range, "Host override without an Ingress",
				fmt.Sprintf("Environment %q sets host = %q, but no workload sets host, so there is no Ingress to change. Set host on the workload that serves it.", env.Name, env.Host))
		case len(hosts) > 1:
			e.errorf(env.Range, "Host override is ambiguous",
				fmt.Sprintf("Environment %q sets host = %q, but workloads %s all have an Ingress; one host cannot serve them all. Remove the environment's host.", env.Name, env.Host, strings.Join(hosts, ", ")))
		}
	}
	if c := env.Canary; c != nil {
		for i, s := range c.Steps {
			if s == nil {
				continue
			}
			e.checkStep(env, i, s)
		}
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

func (e *emitter) checkStep(env *ir.Environment, i int, s *ir.CanaryStep) {
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
	if s.CanaryScale != nil {
		e.errorf(s.Range, "canary_scale needs traffic routing",
			fmt.Sprintf("Step %d of environment %q sets canary_scale, which Argo Rollouts accepts only with traffic routing (a mesh or ingress controller splitting traffic), and pipec does not configure traffic routing. Without it the weight already sets the canary's share of replicas: use weight = %d instead.", i, env.Name, *s.CanaryScale))
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
