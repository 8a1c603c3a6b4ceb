package compiler

import (
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/lang"
)

// DefaultMetricCount is the count pipec gives a metric with an interval and
// no count when a canary step or blue-green promotion must wait for it to
// end (Argo Rollouts rejects unbounded metrics there).
const DefaultMetricCount = 5

// Lower turns a checked module into a Program. Call it only when the
// module has no errors; it trusts the checker and never fails on a valid
// module. source names the spec in generated headers.
func Lower(m *lang.Module, source string) (*ir.Program, hcl.Diagnostics) {
	l := &lowerer{m: m, p: &ir.Program{Source: source}}
	l.secrets()
	l.pipeline()
	l.tests()
	l.images()
	l.gitops()
	l.workloads()
	l.analyses()
	l.environments()
	l.boundMetrics()
	return l.p, l.diags
}

type lowerer struct {
	m     *lang.Module
	p     *ir.Program
	diags hcl.Diagnostics
}

// Value accessors: each returns the zero value when the attribute is absent.

func (l *lowerer) str(n *lang.Node, name, def string) string {
	if v := l.m.Val(n, name); v != nil {
		return v.Str.String()
	}
	return def
}

func (l *lowerer) num(n *lang.Node, name string, def int) int {
	if v := l.m.Val(n, name); v != nil {
		return v.Num
	}
	return def
}

func (l *lowerer) numPtr(n *lang.Node, name string) *int {
	if v := l.m.Val(n, name); v != nil {
		i := v.Num
		return &i
	}
	return nil
}

func (l *lowerer) boolean(n *lang.Node, name string, def bool) bool {
	if v := l.m.Val(n, name); v != nil {
		return v.Bool
	}
	return def
}

func (l *lowerer) dur(n *lang.Node, name string, def time.Duration) ir.Duration {
	if v := l.m.Val(n, name); v != nil {
		return ir.Duration(v.Dur)
	}
	return ir.Duration(def)
}

func (l *lowerer) strs(n *lang.Node, name string) []string {
	return l.m.Val(n, name).Strings()
}

// refs returns the Kubernetes-form names of the blocks an attribute
// references (IR names are DNS labels; see lang.KubeName).
func (l *lowerer) refs(n *lang.Node, name string) []string {
	names := l.m.Val(n, name).RefNames()
	for i, x := range names {
		names[i] = lang.KubeName(x)
	}
	return names
}

func (l *lowerer) value(t lang.Template) ir.Value {
	var v ir.Value
	for _, p := range t.Parts {
		if p.Ref == nil {
			if p.Lit == "" {
				continue
			}
			if k := len(v.Parts); k > 0 && v.Parts[k-1].Ref == nil {
				v.Parts[k-1].Lit += p.Lit
				continue
			}
			v.Parts = append(v.Parts, ir.Part{Lit: p.Lit})
			continue
		}
		r := &ir.Ref{Name: p.Ref.Name, Range: p.Ref.Range}
		switch p.Ref.Root {
		case "git", "run":
			r.Kind = runtimeKinds[p.Ref.Root+"."+p.Ref.Name]
			r.Name = ""
		case "matrix":
			r.Kind = ir.MatrixValue
		case "secret":
			r.Kind = ir.SecretValue
		case "image":
			r.Name = lang.KubeName(r.Name)
			r.Kind = ir.ImageDigest
			if p.Ref.Attr == "ref" {
				r.Kind = ir.ImageRef
			}
		}
		v.Parts = append(v.Parts, ir.Part{Ref: r})
	}
	return v
}

var runtimeKinds = map[string]ir.RefKind{
	"git.sha": ir.GitSHA, "git.short_sha": ir.GitShortSHA, "git.branch": ir.GitBranch,
	"git.tag": ir.GitTag, "git.ref": ir.GitRef, "git.actor": ir.GitActor,
	"run.id": ir.RunID, "run.number": ir.RunNumber,
}

func (l *lowerer) values(n *lang.Node, name string) []ir.Value {
	v := l.m.Val(n, name)
	if v == nil {
		return nil
	}
	out := make([]ir.Value, len(v.List))
	for i, t := range v.List {
		out[i] = l.value(t)
	}
	return out
}

func (l *lowerer) env(n *lang.Node, name string) []ir.EnvVar {
	v := l.m.Val(n, name)
	if v == nil {
		return nil
	}
	var out []ir.EnvVar
	for _, e := range v.Map {
		ev := ir.EnvVar{Name: e.Key, Range: e.Range}
		if s, ok := e.Value.Secret(); ok {
			ev.Secret = l.p.Secret(s)
		} else {
			ev.Value = l.value(e.Value)
		}
		out = append(out, ev)
	}
	return out
}

func (l *lowerer) kvs(n *lang.Node, name string) []ir.KV {
	v := l.m.Val(n, name)
	if v == nil {
		return nil
	}
	var out []ir.KV
	for _, e := range v.Map {
		out = append(out, ir.KV{Name: e.Key, Value: l.value(e.Value), Range: e.Range})
	}
	return out
}

func (l *lowerer) secretRef(n *lang.Node, name string) *ir.Secret {
	if v := l.m.Val(n, name); v != nil && len(v.Refs) == 1 {
		return l.p.Secret(v.Refs[0].Name)
	}
	return nil
}

func (l *lowerer) secrets() {
	for _, n := range l.m.Order["secret"] {
		s := &ir.Secret{
			Name:       n.Name(),
			GitHub:     l.str(n, "github", strings.ToUpper(strings.ReplaceAll(n.Name(), "-", "_"))),
			Kubernetes: l.str(n, "kubernetes", lang.KubeName(n.Name())),
			Key:        l.str(n, "key", "token"),
			Range:      n.DefRange,
		}
		if x := n.Child("external"); x != nil {
			s.External = &ir.ExternalSecret{
				Store: l.str(x, "store", ""), StoreKind: l.str(x, "store_kind", "ClusterSecretStore"),
				Key: l.str(x, "key", ""), Property: l.str(x, "property", ""),
				Refresh: l.dur(x, "refresh", time.Hour), Range: x.DefRange,
			}
		}
		l.p.Secrets = append(l.p.Secrets, s)
	}
	sort.Slice(l.p.Secrets, func(i, j int) bool { return l.p.Secrets[i].Name < l.p.Secrets[j].Name })
}

func (l *lowerer) pipeline() {
	n := l.m.Pipeline
	p := &ir.Pipeline{CI: []string{"github"}, Concurrency: "cancel-previous"}
	if n != nil {
		p.Name = lang.KubeName(n.Name())
		p.Range = n.DefRange
		p.Repository = l.str(n, "repository", "")
		if v := l.m.Val(n, "ci"); v != nil {
			p.CI = v.Strings()
		}
		p.Timeout = l.dur(n, "timeout", 0)
		p.Concurrency = l.str(n, "concurrency", "cancel-previous")
		if on := n.Child("on"); on != nil {
			p.On = ir.Triggers{
				Push: l.strs(on, "push"), PullRequest: l.strs(on, "pull_request"), Tags: l.strs(on, "tags"),
				Paths: l.strs(on, "paths"), Manual: l.boolean(on, "manual", false), Range: on.DefRange,
			}
		} else {
			p.On.Range = n.DefRange
		}
		// A pipeline no event starts is started by hand (workflow_dispatch,
		// or a PipelineRun a person creates).
		if len(p.On.Push)+len(p.On.PullRequest)+len(p.On.Tags) == 0 {
			p.On.Manual = true
		}
	}
	l.p.Pipeline = p
}

func (l *lowerer) tests() {
	for _, n := range l.m.Order["test"] {
		t := &ir.Test{
			Name: lang.KubeName(n.Name()), Run: l.values(n, "run"), Env: l.env(n, "env"),
			WorkingDir: l.str(n, "working_dir", ""), Timeout: l.dur(n, "timeout", 0),
			Needs: l.refs(n, "needs"), Range: n.DefRange,
		}
		if v := l.m.Val(n, "image"); v != nil {
			t.Image = l.value(v.Str)
		}
		if v := l.m.Val(n, "matrix"); v != nil {
			for _, ax := range v.Matrix {
				t.Matrix = append(t.Matrix, ir.MatrixAxis{Key: ax.Key, Values: ax.Values})
			}
		}
		for _, s := range n.ChildrenOf("service") {
			var ports []int
			if v := l.m.Val(s, "ports"); v != nil {
				ports = v.Nums
			}
			t.Services = append(t.Services, &ir.Service{
				Name: lang.KubeName(s.Name()), Image: l.str(s, "image", ""), Env: l.env(s, "env"), Ports: ports,
				Root: l.boolean(s, "root", false), Range: s.DefRange,
			})
		}
		l.p.Tests = append(l.p.Tests, t)
	}
}

func (l *lowerer) images() {
	var allTests []string
	for _, t := range l.p.Tests {
		allTests = append(allTests, t.Name)
	}
	for _, n := range l.m.Order["image"] {
		im := &ir.Image{
			Name: lang.KubeName(n.Name()), Repository: l.str(n, "repository", ""),
			Context: l.str(n, "context", "."), Dockerfile: l.str(n, "dockerfile", "Dockerfile"),
			BuildArgs: l.kvs(n, "build_args"), Platforms: l.strs(n, "platforms"),
			Cache: l.boolean(n, "cache", false), Needs: allTests,
			Sign: l.boolean(n, "sign", false), SBOM: l.boolean(n, "sbom", false),
			Provenance: l.boolean(n, "provenance", false), Range: n.DefRange,
			Scan: ir.Scan{Enabled: true, Scanner: "trivy", Severity: []string{"CRITICAL", "HIGH"}},
		}
		if n.Attr("needs") != nil {
			im.Needs = l.refs(n, "needs")
		}
		for _, t := range l.values(n, "tags") {
			im.Tags = append(im.Tags, ir.Tag{Value: t, OnTagOnly: t.Uses(ir.GitTag), Range: n.Attr("tags").Expr.Range()})
		}
		if n.Attr("tags") == nil {
			// Without tags an image would be reachable by digest only;
			// every backend tags it with the commit it was built from.
			im.Tags = []ir.Tag{{Value: ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.GitSHA}}}}, Range: n.DefRange}}
		}
		if lg := n.Child("login"); lg != nil {
			im.Login = &ir.Login{Password: l.secretRef(lg, "password"), Range: lg.DefRange}
			if v := l.m.Val(lg, "username"); v != nil {
				im.Login.Username = l.value(v.Str)
			}
		}
		if sc := n.Child("scan"); sc != nil {
			im.Scan.Range = sc.DefRange
			im.Scan.Enabled = l.boolean(sc, "enabled", true)
			im.Scan.Scanner = l.str(sc, "scanner", "trivy")
			if v := l.m.Val(sc, "severity"); v != nil {
				im.Scan.Severity = v.Strings()
			}
			im.Scan.IgnoreUnfixed = l.boolean(sc, "ignore_unfixed", false)
		} else {
			im.Scan.Range = n.DefRange
		}
		l.p.Images = append(l.p.Images, im)
	}
}

func (l *lowerer) gitops() {
	n := l.m.GitOps
	if n == nil {
		return
	}
	g := &ir.GitOps{
		Repository: l.str(n, "repository", ""), Revision: l.str(n, "revision", "main"),
		Path: l.str(n, "path", l.p.Pipeline.Name), Token: l.secretRef(n, "token"), SameRepo: l.m.SameRepo(),
		ArgoCD: ir.ArgoCD{Namespace: "argocd", Project: l.p.Pipeline.Name}, Range: n.DefRange,
	}
	if a := n.Child("argocd"); a != nil {
		g.ArgoCD.Namespace = l.str(a, "namespace", "argocd")
		g.ArgoCD.Project = l.str(a, "project", l.p.Pipeline.Name)
	}
	g.ArgoCD.OwnProject = g.ArgoCD.Project != "default"
	l.p.GitOps = g
}

func (l *lowerer) workloads() {
	for _, n := range l.m.Order["workload"] {
		w := &ir.Workload{
			Name: lang.KubeName(n.Name()), Port: l.num(n, "port", 0), Replicas: l.num(n, "replicas", 1),
			Env: l.env(n, "env"), Health: l.str(n, "health", ""), Host: l.str(n, "host", ""),
			AutomountToken: l.boolean(n, "automount_token", false), Range: n.DefRange,
		}
		if refs := l.refs(n, "image"); len(refs) == 1 {
			w.Image = refs[0]
		}
		if r := n.Child("resources"); r != nil {
			w.Resources = ir.Resources{CPU: l.str(r, "cpu", ""), Memory: l.str(r, "memory", "")}
		}
		l.p.Workloads = append(l.p.Workloads, w)
	}
}

func (l *lowerer) analyses() {
	for _, n := range l.m.Order["analysis"] {
		a := &ir.Analysis{Name: lang.KubeName(n.Name()), Range: n.DefRange}
		if v := l.m.Val(n, "args"); v != nil {
			for _, e := range v.Map {
				d := e.Value.String()
				a.Args = append(a.Args, ir.AnalysisArg{Name: e.Key, Default: &d})
			}
		}
		for _, mn := range n.ChildrenOf("metric") {
			m := &ir.Metric{
				Name: lang.KubeName(mn.Name()), Interval: l.dur(mn, "interval", 0), Count: l.num(mn, "count", 0),
				InitialDelay: l.dur(mn, "initial_delay", 0), SuccessCondition: l.str(mn, "success_condition", ""),
				FailureCondition: l.str(mn, "failure_condition", ""), FailureLimit: l.numPtr(mn, "failure_limit"),
				InconclusiveLimit: l.numPtr(mn, "inconclusive_limit"), Range: mn.DefRange,
			}
			if p := mn.Child("prometheus"); p != nil {
				m.Provider.Prometheus = &ir.PrometheusProvider{Address: l.str(p, "address", ""), Query: l.str(p, "query", "")}
			}
			if p := mn.Child("web"); p != nil {
				m.Provider.Web = &ir.WebProvider{URL: l.str(p, "url", ""), Method: l.str(p, "method", ""),
					JSONPath: l.str(p, "json_path", ""), Headers: l.kvs(p, "headers"), Timeout: l.dur(p, "timeout", 0)}
			}
			if p := mn.Child("job"); p != nil {
				var run []string
				for _, v := range l.values(p, "run") {
					run = append(run, v.String())
				}
				m.Provider.Job = &ir.JobProvider{Image: l.str(p, "image", ""), Run: run, Backoff: l.num(p, "backoff_limit", 0)}
			}
			if p := mn.Child("datadog"); p != nil {
				m.Provider.Datadog = &ir.DatadogProvider{Query: l.str(p, "query", ""), Interval: l.dur(p, "interval", 0)}
			}
			if p := mn.Child("cloudwatch"); p != nil {
				m.Provider.CloudWatch = &ir.CloudWatchProvider{Expression: l.str(p, "expression", ""), Label: l.str(p, "label", ""),
					Period: l.dur(p, "period", 5*time.Minute), Interval: l.dur(p, "interval", 5*time.Minute)}
			}
			if p := mn.Child("newrelic"); p != nil {
				m.Provider.NewRelic = &ir.NewRelicProvider{Query: l.str(p, "query", ""), Profile: l.str(p, "profile", "")}
			}
			a.Metrics = append(a.Metrics, m)
		}
		l.p.Analyses = append(l.p.Analyses, a)
	}
}

func (l *lowerer) environments() {
	for _, n := range l.m.EnvOrder {
		cluster := l.str(n, "cluster", lang.DefaultCluster)
		e := &ir.Environment{
			Name: lang.KubeName(n.Name()), Cluster: cluster, ClusterIsURL: strings.HasPrefix(cluster, "https://"),
			Namespace: l.str(n, "namespace", lang.KubeName(n.Name())), Manual: l.str(n, "approval", "auto") == "manual",
			Soak: l.dur(n, "soak", 0), Branches: l.m.Branches(n), Replicas: l.num(n, "replicas", 0),
			Env: l.env(n, "env"), Host: l.str(n, "host", ""),
			ProgressDeadlineAbort: l.boolean(n, "progress_deadline_abort", false),
			ProgressDeadline:      l.dur(n, "progress_deadline", 0),
			RollbackWindow:        l.num(n, "rollback_window", 0),
			Range:                 n.DefRange,
			Sync:                  ir.Sync{Automated: true, Prune: true, SelfHeal: true, Options: []string{"CreateNamespace=true"}, Range: n.DefRange},
		}
		if refs := l.refs(n, "after"); len(refs) == 1 {
			e.After = refs[0]
		}
		for _, x := range n.ChildrenOf("e2e") {
			e.E2E = append(e.E2E, &ir.E2E{Name: lang.KubeName(x.Name()), Image: l.str(x, "image", ""), Run: l.values(x, "run"),
				Env: l.env(x, "env"), Timeout: l.dur(x, "timeout", 0), Range: x.DefRange})
		}
		if s := n.Child("sync"); s != nil {
			e.Sync = ir.Sync{Automated: l.boolean(s, "automated", true), Prune: l.boolean(s, "prune", true),
				SelfHeal: l.boolean(s, "self_heal", true), Options: []string{"CreateNamespace=true"}, Range: s.DefRange}
			if v := l.m.Val(s, "options"); v != nil {
				e.Sync.Options = v.Strings()
			}
		}
		if c := n.Child("canary"); c != nil {
			e.Canary = &ir.Canary{MaxSurge: l.str(c, "max_surge", ""), MaxUnavailable: l.str(c, "max_unavailable", ""),
				TrafficRouting: l.str(c, "traffic_routing", ""), Range: c.DefRange}
			for _, s := range c.ChildrenOf("step") {
				st := &ir.CanaryStep{Weight: l.numPtr(s, "weight"), CanaryScale: l.numPtr(s, "canary_scale"),
					Analysis: l.refs(s, "analysis"), Range: s.DefRange}
				if v := l.m.Val(s, "pause"); v != nil {
					if v.Str.String() == "manual" {
						st.Pause = &ir.Pause{Manual: true}
					} else {
						d, _ := lang.ParseDuration(v.Str.String())
						st.Pause = &ir.Pause{Duration: ir.Duration(d)}
					}
				}
				e.Canary.Steps = append(e.Canary.Steps, st)
			}
			if b := c.Child("analysis"); b != nil {
				e.Canary.Background = &ir.BackgroundAnalysis{Analyses: l.refs(b, "templates"), StartStep: l.numPtr(b, "start_step"), Range: b.DefRange}
			}
			if e.Canary.TrafficRouting == "" && l.hasIngress(n) {
				for _, st := range e.Canary.Steps {
					if st.CanaryScale != nil {
						e.Canary.TrafficRouting = "nginx"
					}
				}
			}
		}
		if b := n.Child("blue_green"); b != nil {
			e.BlueGreen = &ir.BlueGreen{
				AutoPromote: l.boolean(b, "auto_promote", true), AutoPromoteAfter: l.dur(b, "auto_promote_after", 0),
				PrePromotion: l.refs(b, "pre_promotion_analysis"), PostPromotion: l.refs(b, "post_promotion_analysis"),
				ScaleDownDelay: l.dur(b, "scale_down_delay", 30*time.Second), Range: b.DefRange,
			}
		}
		l.p.Environments = append(l.p.Environments, e)
	}
}

// boundMetrics gives metrics of analyses that a step or promotion waits on
// a finite count, as LANGUAGE.md promises. An analysis used both that way
// and as a background analysis is split: the background use gets a copy,
// NAME-background, that keeps running for the whole rollout.
func (l *lowerer) boundMetrics() {
	l.splitBackground()
	mustEnd := map[string]bool{}
	for _, e := range l.p.Environments {
		if e.Canary != nil {
			for _, s := range e.Canary.Steps {
				for _, a := range s.Analysis {
					mustEnd[a] = true
				}
			}
		}
		if e.BlueGreen != nil {
			for _, a := range append(append([]string(nil), e.BlueGreen.PrePromotion...), e.BlueGreen.PostPromotion...) {
				mustEnd[a] = true
			}
		}
	}
	for _, a := range l.p.Analyses {
		if !mustEnd[a.Name] {
			continue
		}
		for _, m := range a.Metrics {
			if m.Count == 0 {
				if m.Interval == 0 {
					m.Count = 1
				} else {
					m.Count = DefaultMetricCount
				}
			}
		}
	}
}

func (l *lowerer) splitBackground() {
	stepUse := map[string]bool{}
	for _, e := range l.p.Environments {
		if e.Canary != nil {
			for _, s := range e.Canary.Steps {
				for _, a := range s.Analysis {
					stepUse[a] = true
				}
			}
		}
		if e.BlueGreen != nil {
			for _, a := range append(append([]string(nil), e.BlueGreen.PrePromotion...), e.BlueGreen.PostPromotion...) {
				stepUse[a] = true
			}
		}
	}
	copies := map[string]string{}
	for _, e := range l.p.Environments {
		if e.Canary == nil || e.Canary.Background == nil {
			continue
		}
		for i, name := range e.Canary.Background.Analyses {
			a := l.p.Analysis(name)
			if a == nil || !stepUse[name] || !unbounded(a) {
				continue
			}
			if _, done := copies[name]; !done {
				c := *a
				c.Name = name + "-background"
				c.Metrics = nil
				for _, m := range a.Metrics {
					mc := *m
					c.Metrics = append(c.Metrics, &mc)
				}
				l.p.Analyses = append(l.p.Analyses, &c)
				copies[name] = c.Name
			}
			e.Canary.Background.Analyses[i] = copies[name]
		}
	}
}

func unbounded(a *ir.Analysis) bool {
	for _, m := range a.Metrics {
		if m.Count == 0 {
			return true
		}
	}
	return false
}

// hasIngress reports whether some workload gets an Ingress in env (a host
// on a workload, or on the environment).
func (l *lowerer) hasIngress(env *lang.Node) bool {
	if env.Attr("host") != nil {
		return true
	}
	for _, w := range l.m.Order["workload"] {
		if w.Attr("host") != nil {
			return true
		}
	}
	return false
}
