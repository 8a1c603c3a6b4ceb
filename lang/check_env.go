package lang

import (
	"github.com/pipec-dev/pipec/internal/lazyre"
	"path"
	"regexp"
	"strings"

	"github.com/pipec-dev/pipec/lang/didyoumean"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/pipec-dev/pipec/lang/schema"
)

var clusterURL = lazyre.New(`^https://[^\s/]+(/.*)?$`)

// PushBranches returns the pipeline's on.push globs.
func (m *Module) PushBranches() []string {
	if m.Pipeline == nil {
		return nil
	}
	return m.Val(m.Pipeline.Child("on"), "push").Strings()
}

// Branches returns an environment's deploy branches, applying the default
// (the first on.push branch).
//
// An environment promoted from another (after) deploys from the same
// branches as its predecessor unless it says otherwise: the digest it
// receives must have run there first.
func (m *Module) Branches(env *Node) []string {
	if b, ok := m.branches[env]; ok {
		return b
	}
	// Every environment on the walk shares the answer of its end: the
	// first with branches, a memoized one, or the chain's root (or a
	// cycle), which takes the first push branch.
	var path []*Node
	seen := map[*Node]bool{}
	var result []string
	found := false
	for n := env; n != nil && !seen[n]; {
		if b, ok := m.branches[n]; ok {
			result, found = b, true
			break
		}
		seen[n] = true
		path = append(path, n)
		if v := m.Val(n, "branches"); v != nil {
			result, found = v.Strings(), true
			break
		}
		after := m.Val(n, "after")
		if after == nil || len(after.Refs) != 1 || after.Refs[0].Target == nil {
			break
		}
		n = after.Refs[0].Target
	}
	if !found {
		if push := m.PushBranches(); len(push) > 0 {
			result = push[:1]
		}
	}
	if m.branches == nil {
		m.branches = map[*Node][]string{}
	}
	for _, n := range path {
		m.branches[n] = result
	}
	return result
}

func (c *checker) environments() {
	push := c.m.PushBranches()
	type dest struct{ cluster, namespace string }
	seen := map[dest]*Node{}
	for _, n := range c.m.Order["environment"] {
		if v := c.m.Val(n, "cluster"); v != nil {
			s := v.Str.String()
			if strings.Contains(s, "://") && !clusterURL.MatchString(s) {
				c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid cluster %q", s)("cluster is an https:// API server URL or an Argo CD cluster name.")
			}
		}
		if v := c.m.Val(n, "namespace"); v != nil && (!dnsLabel.MatchString(v.Str.String()) || len(v.Str.String()) > 63) {
			c.errf(diag.InvalidName, v.Attr.Expr.Range(), "Invalid namespace %q", v.Str.String())("Namespaces are lower-case DNS labels, e.g. %q.", suggestName(v.Str.String()))
		}
		d := dest{c.m.staticString(n, "cluster", DefaultCluster), c.m.staticString(n, "namespace", n.Name())}
		if prev := seen[d]; prev != nil {
			rng := n.DefRange
			if v := c.m.Val(n, "namespace"); v != nil {
				rng = v.Attr.Expr.Range()
			}
			c.errf(diag.ConflictingBlocks, rng, "Environments %q and %q share a namespace", prev.Name(), n.Name())("Both deploy to namespace %q on %s, so their Argo CD Applications would fight over the same objects. Give each environment its own namespace or cluster.", d.namespace, d.cluster)
		} else {
			seen[d] = n
		}
		c.checkHost(c.m.Val(n, "host"))
		c.checkEnvKeys(c.m.Val(n, "env"))
		c.nonNegative(c.m.Val(n, "replicas"))
		c.nonNegative(c.m.Val(n, "rollback_window"))
		if v := c.m.Val(n, "soak"); v != nil && n.Attr("after") == nil {
			c.warnf(diag.InvalidValue, v.Attr.Expr.Range(), "soak without after")("soak waits after the previous environment, but environment %q has no after, so it has no effect.", n.Name())
		}
		branches := c.m.Branches(n)
		rng := n.DefRange
		if v := c.m.Val(n, "branches"); v != nil {
			rng = v.Attr.Expr.Range()
		}
		on := (*Node)(nil)
		if c.m.Pipeline != nil {
			on = c.m.Pipeline.Child("on")
		}
		triggersBroken := c.broken || on != nil && (on.Unknown > 0 || on.Attr("push") != nil && c.m.Val(on, "push") == nil)
		switch {
		case triggersBroken:
			// The triggers themselves are in error; reachability would only
			// repeat it.
		case len(push) == 0:
			c.warnf(diag.UnreachableEnv, rng, "Environment %q is never deployed", n.Name())("The pipeline has no on.push branches, so no run deploys here. Add on { push = [\"main\"] } to the pipeline.")
		case !anyBranchMatches(branches, push):
			c.warnf(diag.UnreachableEnv, rng, "Environment %q is never deployed", n.Name())("Its branches %s match no on.push glob (%s), so no push deploys here. Add the branch to on.push or change branches.", quoteList(branches), quoteList(push))
		}
		if after := c.m.Val(n, "after"); after != nil && len(after.Refs) == 1 && after.Refs[0].Target != nil {
			prev := after.Refs[0].Target
			if pb := c.m.Branches(prev); len(pb) > 0 && len(branches) > 0 && !anyBranchMatches(branches, pb) {
				c.errf(diag.AfterBranches, rng, "Environment %q never receives what %q deployed", n.Name(), prev.Name())("%s deploys from %s and its predecessor %s from %s, so no run deploys both: a promotion would skip %s. Use the same branches (leave branches out to inherit them), or drop after.", n.Name(), quoteList(branches), prev.Name(), quoteList(pb), prev.Name())
			}
		}
		for _, e := range n.ChildrenOf("e2e") {
			c.checkImageRef(c.m.Val(e, "image"), false)
			c.checkEnvKeys(c.m.Val(e, "env"))
		}
		canary, bg := n.Child("canary"), n.Child("blue_green")
		if canary != nil && bg != nil {
			c.errf(diag.ConflictingBlocks, bg.DefRange, "Both canary and blue_green")("Environment %q can use one rollout strategy; remove canary or blue_green.", n.Name())
		}
		if canary != nil {
			c.canary(canary)
			c.trafficRouting(n, canary)
		}
		if v := c.m.Val(n, "progress_deadline"); v != nil && v.Dur <= 0 {
			c.errf(diag.InvalidDuration, v.Attr.Expr.Range(), "progress_deadline must be positive")("Use a duration such as \"10m\".")
		}
	}
}

func anyBranchMatches(branches, globs []string) bool {
	for _, b := range branches {
		for _, g := range globs {
			if globMatch(g, b) || globMatch(b, g) || b == g {
				return true
			}
		}
	}
	return false
}

// globMatch matches GitHub-style branch globs, where ** crosses '/'.
func globMatch(glob, s string) bool {
	if strings.Contains(glob, "**") {
		re := "^" + strings.ReplaceAll(regexp.QuoteMeta(glob), `\*\*`, ".*") + "$"
		re = strings.ReplaceAll(re, `\*`, "[^/]*")
		ok, _ := regexp.MatchString(re, s)
		return ok
	}
	ok, _ := path.Match(glob, s)
	return ok
}

func (c *checker) checkHost(v *Val) {
	if v != nil && !hostname.MatchString(v.Str.String()) {
		c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid host %q", v.Str.String())("host is a lower-case DNS name without scheme or path, e.g. \"app.example.com\".")
	}
}

func (c *checker) nonNegative(v *Val) {
	if v != nil && v.Num < 0 {
		c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "%s must not be negative", v.Attr.Name)("Use 0 or more.")
	}
}

func (c *checker) canary(n *Node) {
	steps := n.ChildrenOf("step")
	lastWeight, lastWeightRng := -1, hcl.Range{}
	for i, s := range steps {
		var set []string
		for _, a := range schema.Root.Block("environment").Block("canary").Block("step").Attrs {
			if s.Attr(a.Name) != nil {
				set = append(set, a.Name)
			}
		}
		switch len(set) {
		case 0:
			if s.Unknown > 0 {
				break // a misspelt action is reported already
			}
			c.errf(diag.StepActions, s.DefRange, "Canary step %d does nothing", i+1)("Each step sets exactly one of weight, pause, analysis or canary_scale, e.g. step { weight = 20 }.")
		case 1:
		default:
			c.errf(diag.StepActions, s.Attr(set[1]).NameRange, "Canary step %d sets %s", i+1, strings.Join(set, " and "))("Each step sets exactly one action; split it into one step per action, in the order they should run.")
		}
		if v := c.m.Val(s, "weight"); v != nil {
			switch {
			case v.Num < 0 || v.Num > 100:
				c.errf(diag.WeightOrder, v.Attr.Expr.Range(), "Weight %d is out of range", v.Num)("Canary weights are percentages from 0 to 100.")
			case v.Num < lastWeight:
				c.errf(diag.WeightOrder, v.Attr.Expr.Range(), "Weight goes down from %d to %d", lastWeight, v.Num)("Canary weights must not decrease (the previous weight is set at %s). Reorder the steps or raise this weight.", lastWeightRng.String())
			}
			if v.Num > lastWeight {
				lastWeight, lastWeightRng = v.Num, v.Attr.Expr.Range()
			}
		}
		if v := c.m.Val(s, "canary_scale"); v != nil && (v.Num < 0 || v.Num > 100) {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "canary_scale %d is out of range", v.Num)("canary_scale is a percentage of replicas from 0 to 100.")
		}
		if v := c.m.Val(s, "pause"); v != nil && v.Str.String() != "manual" {
			if d, err := ParseDuration(v.Str.String()); err != nil || d <= 0 {
				c.errf(diag.InvalidDuration, v.Attr.Expr.Range(), "Invalid pause %q", v.Str.String())("pause is a duration such as \"5m\", or \"manual\" to wait for a person to promote.")
			}
		}
		if v := c.m.Val(s, "analysis"); v != nil && len(v.Refs) == 0 && s.Attr("analysis") != nil {
			c.errf(diag.StepActions, v.Attr.Expr.Range(), "Empty analysis step")("Name at least one analysis: analysis = analysis.NAME.")
		}
	}
	if bg := n.Child("analysis"); bg != nil {
		if v := c.m.Val(bg, "start_step"); v != nil && (v.Num < 0 || v.Num >= len(steps) && len(steps) > 0) {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "start_step %d is out of range", v.Num)("The canary has %d steps, numbered from 0; start_step must be one of them.", len(steps))
		}
	}
	for _, name := range []string{"max_surge", "max_unavailable"} {
		if v := c.m.Val(n, name); v != nil && !intOrPct.MatchString(v.Str.String()) {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid %s %q", name, v.Str.String())("%s is a whole number or a percentage, e.g. \"25%%\" or \"1\".", name)
		}
	}
	if ms, mu := c.m.Val(n, "max_surge"), c.m.Val(n, "max_unavailable"); ms != nil && mu != nil && isZero(ms.Str.String()) && isZero(mu.Str.String()) {
		c.errf(diag.InvalidValue, mu.Attr.Expr.Range(), "max_surge and max_unavailable are both 0")("The rollout could never make progress; let one of them be more than 0.")
	}
}

func isZero(s string) bool { return s == "0" || s == "0%" }

// envGraph checks after cycles and sets EnvOrder: environments in
// promotion order, ties in declaration order.
func (c *checker) envGraph() {
	envs := c.m.Order["environment"]
	edges := map[string][]*Reference{}
	for _, n := range envs {
		if v := c.m.Val(n, "after"); v != nil {
			edges[n.Name()] = v.Refs
		}
	}
	cyclic := len(c.diags)
	c.cycles("environment", envs, edges, "after")
	if len(c.diags) > cyclic {
		c.m.EnvOrder = envs
		return
	}
	placed := map[string]bool{}
	for len(c.m.EnvOrder) < len(envs) {
		progress := false
		for _, n := range envs {
			if placed[n.Name()] {
				continue
			}
			ready := true
			for _, r := range edges[n.Name()] {
				if r.Target != nil && !placed[r.Name] {
					ready = false
				}
			}
			if ready {
				placed[n.Name()] = true
				c.m.EnvOrder = append(c.m.EnvOrder, n)
				progress = true
			}
		}
		if !progress {
			break
		}
	}
}

func (c *checker) analyses() {
	for _, n := range c.m.Order["analysis"] {
		args := []string{"environment", "namespace", "workload"}
		if v := c.m.Val(n, "args"); v != nil {
			for _, e := range v.Map {
				args = append(args, e.Key)
			}
		}
		c.checkArgRefs(n, args)
		if v := c.m.Val(n, "args"); v != nil {
			for _, e := range v.Map {
				if contains([]string{"environment", "namespace", "workload"}, e.Key) {
					c.errf(diag.InvalidName, e.Range, "Arg %q is set by pipec", e.Key)("pipec passes environment, namespace and workload to every use of an analysis; remove %q from args.", e.Key)
				}
			}
		}
		for _, m := range n.ChildrenOf("metric") {
			var providers []*Node
			for _, ch := range m.Children {
				if contains(schema.Providers, ch.Type) {
					providers = append(providers, ch)
				}
			}
			switch len(providers) {
			case 0:
				if c.broken {
					break // a misspelt provider block is reported already
				}
				c.errf(diag.ProviderCount, m.DefRange, "Metric %q has no provider", m.Name())("Add one provider block saying where the measurement comes from: %s.", strings.Join(schema.Providers, ", "))
			case 1:
			default:
				c.errf(diag.ProviderCount, providers[1].DefRange, "Metric %q has %d providers", m.Name(), len(providers))("A metric reads from exactly one provider; move the others into metrics of their own.")
			}
			count := c.m.Val(m, "count")
			if count != nil && count.Num < 1 {
				c.errf(diag.InvalidValue, count.Attr.Expr.Range(), "count must be at least 1")("Leave count out for an unbounded background metric.")
			}
			if count != nil && count.Num > 1 && m.Attr("interval") == nil {
				c.errf(diag.MissingAttribute, count.Attr.Expr.Range(), "count without interval")("A metric measured %d times needs an interval between measurements, e.g. interval = \"1m\".", count.Num)
			}
			c.nonNegative(c.m.Val(m, "failure_limit"))
			c.nonNegative(c.m.Val(m, "inconclusive_limit"))
			if j := m.Child("job"); j != nil {
				c.checkImageRef(c.m.Val(j, "image"), false)
			}
		}
	}
}

func (c *checker) gitops() {
	envs := c.m.Order["environment"]
	g := c.m.GitOps
	if g == nil {
		if len(envs) > 0 {
			c.errf(diag.MissingBlock, envs[0].DefRange, "Environments need a gitops block")("pipec writes each environment's manifests to a GitOps repository that Argo CD syncs from. Add:\n\ngitops {\n  repository = \"https://github.com/org/manifests.git\"\n  path       = \"apps/%s\"\n  token      = secret.manifests\n}", c.pipelineName())
		}
		return
	}
	if v := c.m.Val(g, "repository"); v != nil {
		r := v.Str.String()
		if !(strings.HasPrefix(r, "https://") || strings.HasPrefix(r, "ssh://") || strings.HasPrefix(r, "git@")) {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid GitOps repository %q", r)("Use a clone URL such as \"https://github.com/org/manifests.git\".")
		} else if g.Attr("token") == nil && !c.m.SameRepo() {
			c.errf(diag.MissingAttribute, g.DefRange, "gitops needs a token")("CI pushes to %s, another repository than the source, so it needs credentials: token = secret.NAME.", r)
		}
	}
	if v := c.m.Val(g, "path"); v != nil {
		p := v.Str.String()
		if p == "" || strings.HasPrefix(p, "/") || strings.Contains("/"+p+"/", "/../") || path.Clean(p) != p {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid GitOps path %q", p)("path is a clean relative folder inside the GitOps repository, e.g. \"apps/my-app\".")
		}
	}
}

func (c *checker) pipelineName() string {
	if c.m.Pipeline != nil {
		return c.m.Pipeline.Name()
	}
	return "my-app"
}

// SameRepo reports whether the GitOps repository is the source repository.
func (m *Module) SameRepo() bool {
	if m.GitOps == nil || m.Pipeline == nil {
		return false
	}
	g, p := m.Val(m.GitOps, "repository"), m.Val(m.Pipeline, "repository")
	if g == nil || p == nil {
		return false
	}
	norm := func(s string) string {
		for _, pre := range []string{"https://", "ssh://git@", "ssh://", "git@"} {
			s = strings.TrimPrefix(s, pre)
		}
		s = strings.Replace(s, ":", "/", 1)
		return strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(s, "/"), ".git"))
	}
	return norm(g.Str.String()) == norm(p.Str.String())
}

func (c *checker) workloads() {
	wl := c.m.Order["workload"]
	for _, n := range wl {
		if v := c.m.Val(n, "port"); v != nil && (v.Num < 1 || v.Num > 65535) {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid port %d", v.Num)("Ports are between 1 and 65535.")
		}
		c.nonNegative(c.m.Val(n, "replicas"))
		c.checkHost(c.m.Val(n, "host"))
		c.checkEnvKeys(c.m.Val(n, "env"))
		if v := c.m.Val(n, "health"); v != nil && !strings.HasPrefix(v.Str.String(), "/") {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid health path %q", v.Str.String())("health is an HTTP path starting with '/', e.g. \"/healthz\".")
		}
		if v := c.m.Val(n, "health"); v != nil && n.Attr("port") == nil {
			c.errf(diag.MissingAttribute, v.Attr.Expr.Range(), "health needs a port")("Probes call health on the workload's port; set port.")
		}
		if v := c.m.Val(n, "host"); v != nil && n.Attr("port") == nil {
			c.errf(diag.MissingAttribute, v.Attr.Expr.Range(), "host needs a port")("The Ingress routes host to the workload's Service, which needs a port.")
		}
		if r := n.Child("resources"); r != nil {
			for _, name := range []string{"cpu", "memory"} {
				if v := c.m.Val(r, name); v != nil && !quantity.MatchString(v.Str.String()) {
					c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid %s quantity %q", name, v.Str.String())("Use a Kubernetes quantity such as \"250m\" CPU or \"256Mi\" memory.")
				}
			}
		}
	}
	envs := c.m.Order["environment"]
	if len(envs) > 0 && len(wl) == 0 && !c.broken {
		c.warnf(diag.NoWorkload, envs[0].DefRange, "Nothing to deploy")("Environments exist but no workload block says what runs in them. Add workload \"NAME\" { image = image.NAME }.")
	}
	for _, n := range envs {
		if v := c.m.Val(n, "host"); v != nil {
			hasPort := false
			for _, w := range wl {
				hasPort = hasPort || w.Attr("port") != nil
			}
			if !hasPort {
				c.errf(diag.MissingAttribute, v.Attr.Expr.Range(), "host needs a workload with a port")("The Ingress routes the host to a Service; give a workload a port.")
			}
		}
	}
}

func (c *checker) unused() {
	for _, n := range c.m.Order["secret"] {
		if c.m.Uses["secret."+n.Name()] == 0 {
			c.warnf(diag.UnusedSecret, n.NameRange(), "Secret %q is not used", n.Name())("Nothing refers to secret.%s. Use it in an env map or a secret attribute, or remove it.", n.Name())
		}
	}
	for _, n := range c.m.Order["analysis"] {
		if c.m.Uses["analysis."+n.Name()] == 0 {
			c.warnf(diag.UnusedAnalysis, n.NameRange(), "Analysis %q is not used", n.Name())("No canary step, background analysis or blue-green promotion uses analysis.%s; reference it or remove it.", n.Name())
		}
	}
	if len(c.m.Order["environment"]) > 0 {
		for _, n := range c.m.Order["image"] {
			used := false
			for _, w := range c.m.Order["workload"] {
				if v := c.m.Val(w, "image"); v != nil && len(v.Refs) == 1 && v.Refs[0].Name == n.Name() {
					used = true
				}
			}
			if !used {
				c.warnf(diag.UnusedImage, n.NameRange(), "Image %q is not deployed", n.Name())("No workload runs image.%s, so it is built and pushed but never deployed. Add workload \"NAME\" { image = image.%s } or ignore this if that is intended.", n.Name(), n.Name())
			}
		}
	}
	for _, n := range c.m.Order["variable"] {
		if c.m.Uses["var."+n.Name()] == 0 {
			c.warnf(diag.UnusedVariable, n.NameRange(), "Variable %q is not used", n.Name())("Nothing reads var.%s; use it or remove it.", n.Name())
		}
	}
}

func (m *Module) staticString(n *Node, attr, def string) string {
	if v := m.Val(n, attr); v != nil {
		return v.Str.String()
	}
	return def
}

// trafficRouting checks that a canary that splits traffic through an
// Ingress has one. canary_scale needs traffic routing (Argo Rollouts
// rejects it otherwise); without an Ingress its steps only hold the
// current weight, which is worth a warning, not an error.
func (c *checker) trafficRouting(env, canary *Node) {
	if env.Attr("host") != nil {
		return
	}
	for _, w := range c.m.Order["workload"] {
		if w.Attr("host") != nil {
			return
		}
	}
	if v := c.m.Val(canary, "traffic_routing"); v != nil {
		c.errf(diag.MissingAttribute, v.Attr.Expr.Range(), "Traffic routing needs an Ingress")("traffic_routing = %q splits traffic through the workloads' Ingress, but no workload has a host. Set host on the workload that serves traffic (or on environment %q).", v.Str.String(), env.Name())
		return
	}
	for _, s := range canary.ChildrenOf("step") {
		if a := s.Attr("canary_scale"); a != nil {
			c.warnf(diag.NoTrafficRouting, a.Range, "canary_scale without traffic routing")("canary_scale sets the canary's size apart from its traffic share, which needs traffic routing through an Ingress; no workload has a host, so this step only holds the current weight. Set host on the workload that serves traffic to route with nginx.")
			return
		}
	}
}

var argRef = lazyre.New(`\{\{\s*args\.([A-Za-z0-9_.-]+)\s*\}\}`)

// checkArgRefs reports {{args.X}} in provider settings that names no arg.
func (c *checker) checkArgRefs(analysis *Node, args []string) {
	for _, m := range analysis.ChildrenOf("metric") {
		for _, p := range m.Children {
			for _, name := range sortedAttrNames(p) {
				v := c.m.Vals[p.Attrs[name]]
				if v == nil {
					continue
				}
				texts := []string{v.Str.String()}
				for _, t := range v.List {
					texts = append(texts, t.String())
				}
				for _, e := range v.Map {
					texts = append(texts, e.Value.String())
				}
				for _, t := range texts {
					if !strings.Contains(t, "{{") {
						continue // cannot match argRef; most settings have no args
					}
					for _, mm := range argRef.FindAllStringSubmatch(t, -1) {
						if !contains(args, mm[1]) {
							c.errf(diag.UndefinedReference, v.Attr.Expr.Range(), "Unknown analysis arg %q", mm[1])("{{args.%s}} names no arg of analysis %q; its args are %s.%s Declare it in args = { %s = \"default\" }.", mm[1], analysis.Name(), strings.Join(args, ", "), didyoumean.Suffix(mm[1], args), mm[1])
						}
					}
				}
			}
		}
	}
}
