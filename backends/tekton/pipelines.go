package tekton

import (
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// pushPipeline runs on pushes to on.push branches and on.tags tags:
// clone, tests, build, scan, push, then every environment that needs no
// approval, in promotion order. A manual environment and everything
// promoted after it are left to their promotion Pipelines. It returns
// the Pipeline and the taskRunSpecs its runs need.
func (e *emitter) pushPipeline() (pipeline, []pipelineTaskRunSpec) {
	g := newGraph(e)
	ends := g.addCI(true)
	sc := pushedScope(e.p)
	if len(e.p.Environments) > 0 && e.p.GitOps == nil {
		addErr(&e.diags, e.p.Environments[0].Range, "environments without a gitops block",
			"The Tekton backend deploys by committing image digests to the GitOps repository; add a gitops block.")
	} else {
		if len(e.globEnvironments()) > 0 {
			g.add(e.task(branchMatch, e.branchMatchTask), branchMatch, []string{"clone"},
				[]param{{Name: "branch", Value: "$(tasks.clone.results.branch)"}}, scope{}, e.p.Pipeline.Range)
		}
		last := map[string][]string{}
		whens := map[string][]whenExpression{}
		for _, env := range e.pushEnvironments() {
			after := ends
			when := e.branchWhen(env)
			if env.After != "" {
				after = last[env.After]
				// A when skips only its own task, and a skipped task's
				// dependents still run; so every task of env repeats its
				// predecessors' guards, and a skipped predecessor skips
				// env too (never a digest that did not pass through it).
				when = joinWhen(whens[env.After], when)
			}
			whens[env.Name] = when
			last[env.Name] = g.addEnvironment(env, after, when, sc)
		}
	}
	pl := e.newPipeline(e.prefix, "Push pipeline of "+e.p.Pipeline.Name+": test, build, scan, push, deploy (environments without manual approval).", g)
	pl.Spec.Results = []pipelineResultDef{
		{Name: "CHAINS-GIT_URL", Description: "Source repository (Tekton Chains type hint).", Value: "$(tasks.clone.results.CHAINS-GIT_URL)"},
		{Name: "CHAINS-GIT_COMMIT", Description: "Source commit (Tekton Chains type hint).", Value: "$(tasks.clone.results.CHAINS-GIT_COMMIT)"},
	}
	for _, im := range e.p.Images {
		t := "push-" + dnsLabel(im.Name)
		pl.Spec.Results = append(pl.Spec.Results,
			pipelineResultDef{Name: dnsLabel(im.Name) + "-IMAGE_URL", Description: "Repository of image " + im.Name + ".", Value: "$(tasks." + t + ".results.IMAGE_URL)"},
			pipelineResultDef{Name: dnsLabel(im.Name) + "-IMAGE_DIGEST", Description: "Digest of image " + im.Name + "; promotion Pipelines take it as a param.", Value: "$(tasks." + t + ".results.IMAGE_DIGEST)"},
		)
	}
	return pl, g.runSpecs
}

// pullRequestPipeline tests and builds (and scans) but never pushes an
// image or deploys: it has no push, deploy or credentials-holding tasks at
// all, so no when expression can be got wrong.
func (e *emitter) pullRequestPipeline() (pipeline, []pipelineTaskRunSpec) {
	g := newGraph(e)
	g.addCI(false)
	pl := e.newPipeline(e.prefix+"-pull-request", "Pull request pipeline of "+e.p.Pipeline.Name+": test, build and scan; never pushes or deploys.", g)
	return pl, g.runSpecs
}

// emitPromotions writes one promotion Pipeline and PipelineRun template
// per manual environment. A person starts it with the digests the push
// Pipeline reported; it deploys that environment and the automatic
// environments promoted after it, up to the next manual one.
func (e *emitter) emitPromotions() {
	if e.p.GitOps == nil {
		return
	}
	for _, m := range e.p.Environments {
		if !m.Manual {
			continue
		}
		g := newGraph(e)
		sc := promoteScope(e.p)
		g.add(e.task("clone", e.cloneTask), "clone", nil, cloneParams(), sc, m.Range)
		in := map[string]bool{m.Name: true}
		last := map[string][]string{m.Name: g.addEnvironment(m, []string{"clone"}, nil, sc)}
		for _, env := range e.p.Environments {
			if env.Manual || !in[env.After] {
				continue
			}
			in[env.Name] = true
			last[env.Name] = g.addEnvironment(env, last[env.After], nil, sc)
		}
		name := e.prefix + "-promote-" + dnsLabel(m.Name)
		pl := e.newPipeline(name, "Promotion into "+m.Name+" (approval = manual): run by a person with the image digests to promote.", g)
		for _, im := range e.p.DeployedImages() {
			pl.Spec.Params = append(pl.Spec.Params, paramSpec{Name: digestParam(im), Type: "string",
				Description: "Digest (sha256:…) of image " + im.Name + " to promote, from the " + dnsLabel(im.Name) + "-IMAGE_DIGEST result of a " + e.prefix + " run."})
		}
		dir := "promote-" + dnsLabel(m.Name) + "/"
		e.write(dir+"pipeline.yaml", append(e.pipelineHeader(pl),
			"Manual gate of environment "+m.Name+": the push pipeline never deploys it; only a person starting this Pipeline does."), pl)
		params := e.manualParams()
		var starts []string
		for _, im := range e.p.DeployedImages() {
			params = append(params, param{Name: digestParam(im), Value: ""})
			starts = append(starts, "-p "+digestParam(im)+"=sha256:…")
		}
		run := e.pipelineRun(name, e.serviceAccount(), params, nil)
		e.write(dir+"pipelinerun.yaml", []string{
			"Approve and promote into " + m.Name + ": fill in revision (the commit the push run built) and the digests, then",
			"kubectl create -f pipelinerun.yaml",
			"or: tkn pipeline start " + name + " -s " + e.serviceAccount() + " -p repo-url=" + httpsURL(e.p.Pipeline.Repository) + " -p revision=<commit> " + strings.Join(starts, " ") + " -w name=source,volumeClaimTemplateFile=<a PVC template>",
		}, run)
	}
}

// newPipeline also records how long a run of the Pipeline may take, for
// the PipelineRuns that start it.
func (e *emitter) newPipeline(name, description string, g *graph) pipeline {
	e.runTimeouts[name] = g.runTimeout()
	return pipeline{
		APIVersion: apiPipeline, Kind: "Pipeline",
		Metadata: kube.ObjectMeta{Name: name, Labels: e.labels()},
		Spec: pipelineSpec{
			Description: description,
			Params:      sourceParams(),
			Workspaces:  []workspaceDecl{{Name: "source", Description: "Per-run volume (volumeClaimTemplate) for the checkout and image layouts."}},
			Tasks:       g.tasks,
		},
	}
}

// pushEnvironments are the environments the push Pipeline deploys, in
// promotion order: neither manual nor promoted after a manual one.
func (e *emitter) pushEnvironments() []*ir.Environment {
	if e.p.GitOps == nil {
		return nil
	}
	var out []*ir.Environment
	skipped := map[string]bool{}
	for _, env := range e.p.Environments {
		if env == nil {
			continue
		}
		if env.Manual || skipped[env.After] {
			skipped[env.Name] = true
			continue
		}
		out = append(out, env)
	}
	return out
}

// joinWhen is a followed by the expressions of b that a lacks.
func joinWhen(a, b []whenExpression) []whenExpression {
	out := append([]whenExpression(nil), a...)
	for _, w := range b {
		dup := false
		for _, x := range out {
			if x.Input == w.Input && x.Operator == w.Operator && strings.Join(x.Values, "\x00") == strings.Join(w.Values, "\x00") {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, w)
		}
	}
	return out
}
