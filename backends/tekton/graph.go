package tekton

import (
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// graph assembles one Pipeline's tasks and binds each Task param that
// carries a runtime value to where that value lives in the Pipeline.
type graph struct {
	e     *emitter
	tasks []pipelineTask
	names map[string]bool
	// budget holds each task's explicit timeout; cd marks the tasks that
	// run after CI (soak, deploy, wait, e2e). runTimeout sums them.
	budget map[string]time.Duration
	cd     map[string]bool
	// runSpecs are the taskRunSpecs every PipelineRun of this Pipeline
	// needs: pod settings only some tasks get.
	runSpecs []pipelineTaskRunSpec
}

func newGraph(e *emitter) *graph {
	return &graph{e: e, names: map[string]bool{}, budget: map[string]time.Duration{}, cd: map[string]bool{}}
}

func (g *graph) add(bt *builtTask, name string, runAfter []string, fixed []param, sc scope, rng hcl.Range) *pipelineTask {
	if g.names[name] {
		addErr(&g.e.diags, rng, "duplicate Tekton task name",
			"Two parts of the spec both become the pipeline task "+name+"; rename one of them.")
	}
	g.names[name] = true
	if len(name) > 63 {
		addErr(&g.e.diags, rng, "name too long for Tekton",
			"The pipeline task name "+name+" has more than 63 characters; use a shorter block name.")
	}
	g.e.useTask(bt)
	pt := pipelineTask{Name: name, TaskRef: &taskRef{Name: bt.obj.Metadata.Name, Kind: "Task"}, RunAfter: runAfter, Params: fixed}
	names := make([]string, 0, len(bt.refs))
	for n := range bt.refs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		r := bt.refs[n]
		v, ok := sc.source(r)
		if !ok {
			rr := r.Range
			if rr.Filename == "" && rr.End.Byte == 0 {
				rr = rng
			}
			addErr(&g.e.diags, rr, "runtime value not known yet",
				r.String()+" is used by "+name+", which runs before that value exists (image digests exist only after the image is pushed, and never on pull requests). Use it in an environment's e2e or a workload instead.")
			continue
		}
		pt.Params = append(pt.Params, param{Name: n, Value: v})
	}
	if len(bt.obj.Spec.Workspaces) > 0 {
		pt.Workspaces = []workspaceBinding{{Name: "source", Workspace: "source"}}
	}
	g.tasks = append(g.tasks, pt)
	return &g.tasks[len(g.tasks)-1]
}

// sourceParams are the params of every Pipeline that starts from a commit.
func sourceParams() []paramSpec {
	return []paramSpec{
		{Name: "repo-url", Type: "string", Description: "HTTPS clone URL of the source repository."},
		{Name: "revision", Type: "string", Description: "Commit SHA (or branch) to build."},
		{Name: "git-ref", Type: "string", Description: "Full ref of the event: refs/heads/BRANCH, refs/tags/TAG or refs/pull/N/head.", Default: strp("")},
		{Name: "branch", Type: "string", Description: "Branch name when git-ref does not carry it (pull requests).", Default: strp("")},
		{Name: "actor", Type: "string", Description: "Who caused the run (git.actor).", Default: strp("")},
	}
}

func cloneParams() []param {
	return []param{
		{Name: "repo-url", Value: "$(params.repo-url)"},
		{Name: "revision", Value: "$(params.revision)"},
		{Name: "git-ref", Value: "$(params.git-ref)"},
		{Name: "branch", Value: "$(params.branch)"},
	}
}

// addCI adds clone, tests and image builds (and scans and pushes when
// push is set) and returns the names of the tasks the deploys wait for.
func (g *graph) addCI(push bool) []string {
	e := g.e
	p := e.p
	noImages := scope{}
	g.add(e.task("clone", e.cloneTask), "clone", nil, cloneParams(), noImages, p.Pipeline.Range)
	testName := func(n string) string { return "test-" + dnsLabel(n) }
	var ends []string
	for _, t := range p.Tests {
		after := []string{"clone"}
		for _, n := range t.Needs {
			after = append(after, testName(n))
		}
		e.checkMatrix(t)
		pt := g.add(e.task("test-"+dnsLabel(t.Name), func() *builtTask { return e.testTask(t) }), testName(t.Name), after, nil, noImages, t.Range)
		if len(t.Matrix) > 0 {
			pt.Matrix = &matrix{}
			for _, ax := range t.Matrix {
				pt.Matrix.Params = append(pt.Matrix.Params, matrixParam{Name: ax.Key, Value: append([]string(nil), ax.Values...)})
			}
		}
		g.setTimeout(pt, time.Duration(t.Timeout), false)
		if aliases := e.serviceAliases(t); aliases != nil {
			pod := podDefaults()
			pod.HostAliases = aliases
			g.runSpecs = append(g.runSpecs, pipelineTaskRunSpec{PipelineTaskName: testName(t.Name), PodTemplate: pod})
		}
		ends = append(ends, testName(t.Name))
	}
	var pushed []string
	for _, im := range p.Images {
		var after []string
		for _, n := range im.Needs {
			after = append(after, testName(n))
		}
		if len(after) == 0 {
			after = []string{"clone"}
		}
		build := "build-" + dnsLabel(im.Name)
		g.add(e.task(build, func() *builtTask { return e.buildTask(im) }), build, after, nil, noImages, im.Range)
		pod := podDefaults()
		pod.HostUsers = ptr(false)
		g.runSpecs = append(g.runSpecs, pipelineTaskRunSpec{PipelineTaskName: build, PodTemplate: pod})
		last := build
		if im.Scan.Enabled {
			scan := "scan-" + dnsLabel(im.Name)
			g.add(e.task(scan, func() *builtTask { return e.scanTask(im) }), scan, []string{build}, nil, noImages, im.Scan.Range)
			last = scan
		}
		if push {
			name := "push-" + dnsLabel(im.Name)
			g.add(e.task(name, func() *builtTask { return e.pushTask(im) }), name, []string{last}, nil, noImages, im.Range)
			last = name
		}
		pushed = append(pushed, last)
	}
	if len(pushed) > 0 {
		return pushed
	}
	if len(ends) > 0 {
		return ends
	}
	return []string{"clone"}
}

// addEnvironment adds soak (when asked), deploy, sync (when Argo CD does
// not sync by itself), wait and e2e tasks of
// env after the tasks in after, guarded by when. It returns the tasks the
// next environment waits for.
func (g *graph) addEnvironment(env *ir.Environment, after []string, when []whenExpression, sc scope) []string {
	e := g.e
	id := dnsLabel(env.Name)
	if env.Soak > 0 && env.After != "" {
		soak := "soak-" + id
		pt := g.add(e.task("wait-healthy", e.waitTask), soak, after, []param{
			{Name: "application", Value: e.application(env.After)},
			{Name: "images", Value: e.deployedRefs(sc)},
			{Name: "timeout-seconds", Value: itoa(int(soakHealthTimeout / time.Second))},
			{Name: "soak-seconds", Value: itoa(env.Soak.Seconds())},
		}, sc, env.Range)
		pt.When = when
		g.setTimeout(pt, soakHealthTimeout+time.Duration(env.Soak)+taskSlack, true)
		after = []string{soak}
	}
	deploy := "deploy-" + id
	pt := g.add(e.task("gitops-update", e.gitopsTask), deploy, after, []param{{Name: "environment", Value: env.Name}}, sc, env.Range)
	pt.When = when
	g.setTimeout(pt, deployTimeout, true)
	waitAfter := deploy
	if !env.Sync.Automated {
		sync := "sync-" + id
		pt = g.add(e.task("argocd-sync", e.syncTask), sync, []string{deploy}, e.syncParams(env), sc, env.Range)
		pt.When = when
		g.setTimeout(pt, syncTimeout, true)
		waitAfter = sync
	}
	wait := "wait-" + id
	waitFor := e.waitTimeout(env)
	pt = g.add(e.task("wait-healthy", e.waitTask), wait, []string{waitAfter}, []param{
		{Name: "application", Value: e.application(env.Name)},
		{Name: "images", Value: e.deployedRefs(sc)},
		{Name: "timeout-seconds", Value: itoa(int(waitFor / time.Second))},
	}, sc, env.Range)
	pt.When = when
	g.setTimeout(pt, waitFor+taskSlack, true)
	var ends []string
	for _, x := range env.E2E {
		name := "e2e-" + id + "-" + dnsLabel(x.Name)
		pt := g.add(e.task(name, func() *builtTask { return e.e2eTask(env, x) }), name, []string{wait}, nil, sc, x.Range)
		pt.When = when
		d := time.Duration(x.Timeout)
		if d <= 0 {
			// Tekton's own per-TaskRun default, made explicit so the
			// run's timeout can count it.
			d = tektonDefaultTimeout
		}
		g.setTimeout(pt, d, true)
		ends = append(ends, name)
	}
	if len(ends) == 0 {
		ends = []string{wait}
	}
	return ends
}

// deployedRefs are the repository@digest references an environment runs
// once deployed from sc, as Argo CD lists them in status.summary.images.
func (e *emitter) deployedRefs(sc scope) string {
	var refs []string
	for _, im := range e.p.DeployedImages() {
		if d, ok := sc.source(ir.Ref{Kind: ir.ImageDigest, Name: im.Name}); ok {
			refs = append(refs, im.Repository+"@"+d)
		}
	}
	return strings.Join(refs, " ")
}
