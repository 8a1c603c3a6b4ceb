package gha

import (
	"strconv"
	"strings"
	"time"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// Per environment, in promotion order:
//
//	soak-E        (only with soak) waits, then re-checks the previous env
//	              (soak.go)
//	deploy-E      GitHub environment E (approval), publishes E's overlay
//	              with its own copy of the base and the digests to the
//	              GitOps repository, syncs when Argo CD does not
//	              (sync.go), waits until Argo CD runs them healthy
//	e2e-E-NAME    one job per e2e block, against the live environment
//
// The next environment's first job needs all of E's e2e jobs (or deploy-E).

// terminal returns the jobs the next environment waits for.
func (g *gen) terminal(e *ir.Environment) []string {
	if len(e.E2E) == 0 {
		return []string{deployID(e.Name)}
	}
	var out []string
	for _, t := range e.E2E {
		out = append(out, e2eID(e.Name, t.Name))
	}
	return out
}

// deployedImages are the images the overlays pin, with their publish jobs;
// worked out once, as every deploy job lists them.
func (g *gen) deployedImages() []*ir.Image {
	if g.deployed == nil {
		g.deployed = g.p.DeployedImages()
	}
	return g.deployed
}

// imageEnv sets IMAGE_n and DIGEST_n for every deployed image and returns
// the set_image calls and the "repo@digest" list the wait step expects.
// They are the same for every environment, so they are built once: with
// 5,000 environments and 100 images the copies were a gigabyte.
func (g *gen) imageEnv(j *job, env *ordered) (calls string, refs string) {
	if g.images == nil {
		var c, r []string
		g.images = &imageEnv{}
		for i, im := range g.deployedImages() {
			n := strconv.Itoa(i + 1)
			digest := "${{ needs." + publishID(im.Name) + ".outputs.digest }}"
			g.images.needs = append(g.images.needs, publishID(im.Name))
			g.images.env = append(g.images.env, kv{"IMAGE_" + n, im.Repository}, kv{"DIGEST_" + n, digest})
			c = append(c, "set_image \"${IMAGE_"+n+"}\" \"${DIGEST_"+n+"}\"\n")
			r = append(r, im.Repository+"@"+digest)
		}
		g.images.calls, g.images.refs = strings.Join(c, ""), strings.Join(r, " ")
	}
	j.need(g.images.needs...)
	*env = append(*env, g.images.env...)
	return g.images.calls, g.images.refs
}

// imageEnv is what every deploy job sets for the deployed images.
type imageEnv struct {
	needs       []string
	env         ordered
	calls, refs string
}

func reviewersStep(envExpr string) step {
	return step{
		Name: "Require reviewers on the environment",
		Env:  ordered{{"GH_TOKEN", "${{ github.token }}"}, {"ENVIRONMENT", envExpr}},
		Run:  reviewersScript,
	}
}

func (g *gen) deployJob(e *ir.Environment, after []string) *job {
	gi := g.p.GitOps
	budget := g.waitBudget(e)
	j := &job{
		Name:           "deploy " + e.Name,
		Needs:          append([]string{}, after...),
		RunsOn:         runner,
		Environment:    &environment{Name: e.Name},
		Permissions:    permissions{"contents": "read"},
		Concurrency:    &concurrency{Group: "deploy-" + e.Name, CancelInProgress: false},
		TimeoutMinutes: min(int(budget/time.Minute)+20, maxJobMinutes),
	}
	g.guard(j, e)
	if h := g.host(e); h != "" {
		j.Environment.URL = "https://" + h
	}
	g.gitopsPermissions(j.Permissions)
	var steps []step
	if e.Manual {
		j.Permissions["actions"] = "read"
		steps = append(steps, reviewersStep(e.Name))
	}
	steps = append(steps,
		step{Name: "Check out the generated manifests", Uses: actCheckout.Uses(), With: ordered{{"path", "source"}, {"persist-credentials", false}}},
		g.gitopsCheckout(),
	)
	steps = append(steps, kustomizeSteps()...)
	env := ordered{{"GITOPS_PATH", gi.Path}, {"ENVIRONMENT", e.Name}}
	calls, refs := g.imageEnv(j, &env)
	app := argoApp(g.p.Pipeline.Name, e.Name)
	steps = append(steps,
		step{Name: "Publish " + e.Name + " with its own base and pin digests", Env: env, Run: publishTreeScript + calls + publishBuildCheck},
		g.commitStep("deploy "+g.p.Pipeline.Name+" to "+e.Name),
	)
	if !e.Sync.Automated {
		steps = append(steps, g.syncStep(app, strconv.FormatBool(e.Sync.Prune)))
	}
	steps = append(steps, g.waitStep("Wait until "+e.Name+" runs the new version, healthy", app, refs, g.healthURLs(e), budget))
	j.Steps = steps
	return j
}

func (g *gen) e2eJob(e *ir.Environment, t *ir.E2E) *job {
	j := &job{
		Name:           "e2e " + e.Name + " " + t.Name,
		Needs:          []string{deployID(e.Name)},
		RunsOn:         runner,
		Permissions:    permissions{"contents": "read"},
		TimeoutMinutes: g.checkTimeout(g.timeout(t.Timeout), "e2e "+e.Name+"/"+t.Name, t.Range),
	}
	g.guard(j, e)
	if t.Image != "" {
		g.checkLiteral(t.Image, t.Range)
		j.Container = &container{Image: t.Image}
	}
	s := &scope{job: j, what: "e2e", images: true}
	steps := g.runSteps("Run e2e "+t.Name, t.Run, t.Env, s, j.Container != nil, t.Range)
	j.Steps = append([]step{checkout()}, g.withGitStep(s, steps)...)
	return j
}
