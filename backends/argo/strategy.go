package argo

import "github.com/pipec-dev/pipec/compiler/ir"

// useContext names the environment and workload a strategy is written for;
// pipec passes them (and the namespace) to every analysis as args.
type useContext struct {
	Environment string
	Namespace   string
	Workload    string
	// Router splits the workload's traffic through its Ingress ("" when it
	// has none in this environment); Port is its Service port.
	Router string
	Port   int
}

// automaticArgs are the analysis args pipec fills for every use, in the
// order of ir.AutomaticArgs.
func (u useContext) automaticArgs() []analysisRunArgument {
	values := map[string]string{"environment": u.Environment, "namespace": u.Namespace, "workload": u.Workload}
	out := make([]analysisRunArgument, 0, len(ir.AutomaticArgs))
	for _, name := range ir.AutomaticArgs {
		out = append(out, analysisRunArgument{Name: name, Value: values[name]})
	}
	return out
}

func (u useContext) analysis(names []string) *rolloutAnalysis {
	if len(names) == 0 {
		return nil
	}
	return &rolloutAnalysis{Templates: templateRefs(names), Args: u.automaticArgs()}
}

func templateRefs(names []string) []analysisTemplateRef {
	out := make([]analysisTemplateRef, 0, len(names))
	for _, n := range names {
		out = append(out, analysisTemplateRef{TemplateName: n})
	}
	return out
}

// defaultStrategy is the base Rollout's strategy: a canary without steps,
// which Argo Rollouts runs as a plain rolling update. Overlays of
// environments that declare a strategy replace it.
func defaultStrategy() rolloutStrategy {
	return rolloutStrategy{Canary: &canaryStrategy{}}
}

// strategyFor maps an environment's rollout strategy for one workload. It
// returns nil for a plain rolling update, which the base already says.
func strategyFor(env *ir.Environment, u useContext) *rolloutStrategy {
	switch {
	case env.Canary != nil:
		return &rolloutStrategy{Canary: canaryFor(env.Canary, u)}
	case env.BlueGreen != nil:
		return &rolloutStrategy{BlueGreen: blueGreenFor(env.BlueGreen, u)}
	}
	return nil
}

func canaryFor(c *ir.Canary, u useContext) *canaryStrategy {
	out := &canaryStrategy{}
	switch u.Router {
	case routerNginx:
		out.TrafficRouting = &trafficRouting{Nginx: &nginxTrafficRouting{StableIngress: u.Workload}}
	case routerALB:
		out.TrafficRouting = &trafficRouting{ALB: &albTrafficRouting{Ingress: u.Workload, ServicePort: u.Port}}
	}
	if out.TrafficRouting != nil {
		out.CanaryService, out.StableService = canaryServiceName(u.Workload), u.Workload
	}
	weight := 0
	for _, s := range c.Steps {
		if s == nil {
			continue
		}
		st := stepFor(s, u)
		if st.SetCanaryScale != nil && out.TrafficRouting == nil {
			// A workload without an Ingress takes no routed traffic, so
			// its pods follow the weights alone. Holding the weight keeps
			// the step, and the indices analyses and start_step count.
			st = canaryStep{SetWeight: intp(weight)}
		}
		if st.SetWeight != nil {
			weight = *st.SetWeight
		}
		out.Steps = append(out.Steps, st)
	}
	if b := c.Background; b != nil && len(b.Analyses) > 0 {
		out.Analysis = &rolloutAnalysisBackground{
			Templates:    templateRefs(b.Analyses),
			Args:         u.automaticArgs(),
			StartingStep: b.StartStep,
		}
	}
	if c.MaxSurge != "" {
		v := intOrString(c.MaxSurge)
		out.MaxSurge = &v
	}
	if c.MaxUnavailable != "" {
		v := intOrString(c.MaxUnavailable)
		out.MaxUnavailable = &v
	}
	return out
}

func stepFor(s *ir.CanaryStep, u useContext) canaryStep {
	switch {
	case s.Weight != nil:
		return canaryStep{SetWeight: intp(*s.Weight)}
	case s.Pause != nil && s.Pause.Manual:
		return canaryStep{Pause: &rolloutPause{}}
	case s.Pause != nil:
		return canaryStep{Pause: &rolloutPause{Duration: s.Pause.Duration.String()}}
	case len(s.Analysis) > 0:
		return canaryStep{Analysis: u.analysis(s.Analysis)}
	case s.CanaryScale != nil:
		return canaryStep{SetCanaryScale: &setCanaryScale{Weight: intp(*s.CanaryScale)}}
	}
	return canaryStep{}
}

// previewServiceName names the Service blue-green sends preview traffic to.
func previewServiceName(workload string) string { return workload + "-preview" }

func blueGreenFor(b *ir.BlueGreen, u useContext) *blueGreenStrategy {
	out := &blueGreenStrategy{
		ActiveService:         u.Workload,
		PreviewService:        previewServiceName(u.Workload),
		PrePromotionAnalysis:  u.analysis(b.PrePromotion),
		PostPromotionAnalysis: u.analysis(b.PostPromotion),
	}
	if !b.AutoPromote {
		out.AutoPromotionEnabled = boolp(false)
	} else if b.AutoPromoteAfter > 0 {
		out.AutoPromotionSeconds = b.AutoPromoteAfter.Seconds()
	}
	if b.ScaleDownDelay > 0 {
		out.ScaleDownDelaySeconds = intp(b.ScaleDownDelay.Seconds())
	}
	return out
}

// usesRollouts reports whether the base holds Rollouts rather than
// Deployments: some environment needs a feature only Argo Rollouts has.
func usesRollouts(p *ir.Program) bool {
	for _, e := range p.Environments {
		if e == nil {
			continue
		}
		if e.Canary != nil || e.BlueGreen != nil || e.ProgressDeadlineAbort || e.RollbackWindow > 0 {
			return true
		}
	}
	return false
}

// analysesUsed returns the analyses an environment runs, in order of first
// use, and whether each must end (used by a step or blue-green promotion).
func analysesUsed(env *ir.Environment) (names []string, mustEnd map[string]bool) {
	mustEnd = map[string]bool{}
	seen := map[string]bool{}
	add := func(list []string, ends bool) {
		for _, n := range list {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
			if ends {
				mustEnd[n] = true
			}
		}
	}
	if c := env.Canary; c != nil {
		for _, s := range c.Steps {
			if s != nil {
				add(s.Analysis, true)
			}
		}
		if c.Background != nil {
			add(c.Background.Analyses, false)
		}
	}
	if b := env.BlueGreen; b != nil {
		add(b.PrePromotion, true)
		add(b.PostPromotion, true)
	}
	return names, mustEnd
}
