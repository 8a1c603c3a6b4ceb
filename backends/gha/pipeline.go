package gha

import (
	"sort"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// mainWorkflow builds .github/workflows/<pipeline>.yml.
func (g *gen) mainWorkflow() *workflow {
	p := g.p
	wf := &workflow{
		Name:        p.Pipeline.Name,
		On:          g.triggers(),
		Permissions: permissions{},
		Concurrency: g.workflowConcurrency(),
	}
	add := func(id string, j *job) {
		for _, x := range wf.Jobs {
			if x.ID == id {
				g.errorf(p.Pipeline.Range, "Two jobs named "+id,
					"Job IDs are built from block names (test-, build-, e2e-ENV-NAME, ...); rename a block so %q is unique.", id)
				return
			}
		}
		wf.Jobs = append(wf.Jobs, namedJob{id, j})
	}
	for _, t := range p.Tests {
		add(testID(t.Name), g.testJob(t))
	}
	for _, im := range p.Images {
		add(buildID(im.Name), g.buildJob(im))
		if im.Scan.Enabled {
			add(scanID(im.Name), g.scanJob(im))
		}
		add(publishID(im.Name), g.publishJob(im))
	}
	if len(p.Environments) > 0 && p.GitOps == nil {
		g.errorf(p.Environments[0].Range, "Environments need a gitops block",
			"Deploys commit image digests to a GitOps repository that Argo CD syncs. Add gitops { repository = \"https://github.com/ORG/manifests.git\"  path = \"apps/%s\"  token = secret.NAME }.", p.Pipeline.Name)
		return wf
	}
	if len(p.Environments) > 0 {
		g.checkGitOps()
	}
	g.planEnvironments()
	for _, e := range p.Environments {
		if !g.deployable[e.Name] {
			continue
		}
		var after []string
		prev := p.Environment(e.After)
		if prev != nil {
			after = g.terminal(prev)
		}
		if e.Soak > 0 {
			if prev == nil {
				g.warnf(e.Range, "Soak without a previous environment",
					"soak waits after the environment named in after; %q has none, so its soak is ignored. Set after = environment.NAME to soak behind that environment, or remove soak.", e.Name)
			} else {
				add(soakID(e.Name), g.soakJob(e, prev, after))
				after = []string{soakID(e.Name)}
			}
		}
		add(deployID(e.Name), g.deployJob(e, after))
		for _, t := range e.E2E {
			add(e2eID(e.Name, t.Name), g.e2eJob(e, t))
		}
	}
	if j := g.branchesJob(); j != nil {
		// First, as it runs first: it needs nothing.
		wf.Jobs = append(jobs{{branchesID, j}}, wf.Jobs...)
	}
	return wf
}

// mainHeader lists the repository settings the workflow relies on.
func (g *gen) mainHeader() []string {
	out := []string{"Repository settings this workflow needs:"}
	out = append(out, g.secretLines(g.usedSecrets())...)
	out = append(out, g.environmentLines()...)
	out = append(out, g.soakLines()...)
	return out
}

// usedSecrets are the GitHub secrets the workflow reads, sorted.
func (g *gen) usedSecrets() map[string]string {
	use := map[string]string{}
	add := func(s *ir.Secret, why string) {
		if s != nil && s.GitHub != "GITHUB_TOKEN" {
			if _, ok := use[s.GitHub]; !ok {
				use[s.GitHub] = why
			}
		}
	}
	for _, t := range g.p.Tests {
		for _, e := range t.Env {
			add(e.Secret, "env of test "+t.Name)
		}
		for _, s := range t.Services {
			for _, e := range s.Env {
				add(e.Secret, "env of service "+s.Name)
			}
		}
	}
	for _, im := range g.p.Images {
		if im.Login != nil {
			for _, r := range im.Login.Username.Refs() {
				if r.Kind == ir.SecretValue {
					add(g.p.Secret(r.Name), "registry user for "+registryOrHub(im.Repository))
				}
			}
			add(im.Login.Password, "registry password for "+registryOrHub(im.Repository))
		}
	}
	for _, e := range g.p.Environments {
		for _, t := range e.E2E {
			for _, v := range t.Env {
				add(v.Secret, "env of e2e "+e.Name+"/"+t.Name)
			}
		}
	}
	if len(g.deployable) > 0 {
		for k, v := range g.deploySecrets() {
			use[k] = v
		}
	}
	return use
}

// deploySecrets are the secrets of deploys and rollbacks: the GitOps push
// token and the Argo CD API the wait step polls.
func (g *gen) deploySecrets() map[string]string {
	use := map[string]string{}
	if g.p.GitOps == nil || len(g.p.Environments) == 0 {
		return use
	}
	if t := g.p.GitOps.Token; t != nil && t.GitHub != "GITHUB_TOKEN" {
		use[t.GitHub] = "token with contents: write on " + g.gitopsTarget()
		if g.plainGit() {
			use[t.GitHub] = "token that can push to " + g.gitopsTarget()
		}
	}
	use["ARGOCD_SERVER"] = "Argo CD host name (wait for healthy)"
	use["ARGOCD_AUTH_TOKEN"] = "Argo CD token that can get applications " + g.p.Pipeline.Name + "-*"
	if line := g.syncRBACLine(); line != "" {
		use["ARGOCD_AUTH_TOKEN"] += ", and " + line
	}
	return use
}

func registryOrHub(repo string) string { return nonEmpty(registryOf(repo), "Docker Hub") }

func (g *gen) secretLines(use map[string]string) []string {
	if len(use) == 0 {
		return []string{"  Secrets: none beyond GITHUB_TOKEN."}
	}
	names := make([]string, 0, len(use))
	for n := range use {
		names = append(names, n)
	}
	sort.Strings(names)
	out := []string{"  Secrets (Settings → Secrets and variables → Actions):"}
	for _, n := range names {
		out = append(out, "    "+n+": "+use[n])
	}
	return out
}

func (g *gen) environmentLines() []string {
	if g.p.GitOps == nil {
		return nil
	}
	var out []string
	for _, e := range g.p.Environments {
		if !g.deployable[e.Name] {
			continue
		}
		if e.Manual {
			out = append(out,
				"  Settings → Environments → "+e.Name+" → Required reviewers: add at least one reviewer.",
				"    approval = \"manual\": deploy-"+e.Name+" waits for that approval and fails if the environment has none.")
		} else {
			out = append(out, "  Settings → Environments → "+e.Name+": created on the first deploy; no reviewers needed.")
		}
	}
	if g.p.GitOps.SameRepo {
		out = append(out, "  Deploys push to "+nonEmpty(g.p.GitOps.Revision, "main")+" of this repository: allow that push in its branch protection.")
	}
	return out
}

// manualEnvs names the environments with approval = "manual".
func (g *gen) manualEnvs() []string {
	var out []string
	for _, e := range g.p.Environments {
		if !g.deployable[e.Name] {
			continue
		}
		if e.Manual {
			out = append(out, e.Name)
		}
	}
	return out
}

func envNames(envs []*ir.Environment) []string {
	out := make([]string, 0, len(envs))
	for _, e := range envs {
		out = append(out, e.Name)
	}
	return out
}
