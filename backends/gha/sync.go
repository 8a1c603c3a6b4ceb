package gha

import (
	"strconv"
	"strings"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// With sync { automated = false } nobody syncs the Application after the
// commit, so the wait for Synced would never end. The deploy (and the
// rollback) then asks Argo CD to sync through its API. The request names
// the Application's own targetRevision (gitops.revision), which resolves to
// the commit just pushed: a different revision would need Argo CD's
// override permission, and a sync pinned to one SHA could undo a later
// commit.

// manualSyncEnvs are the environments Argo CD does not sync by itself,
// including those the main workflow never deploys: the rollback offers
// every environment.
func (g *gen) manualSyncEnvs() []*ir.Environment {
	var out []*ir.Environment
	for _, e := range g.p.Environments {
		if !e.Sync.Automated {
			out = append(out, e)
		}
	}
	return out
}

// syncStep starts a sync of app; prune is "true", "false" or an expression.
func (g *gen) syncStep(app, prune string) step {
	env := ordered{}
	env.set("ARGOCD_SERVER", "${{ secrets.ARGOCD_SERVER }}")
	env.set("ARGOCD_AUTH_TOKEN", "${{ secrets.ARGOCD_AUTH_TOKEN }}")
	env.set("APP", app)
	env.set("APP_NAMESPACE", g.argoNamespace())
	env.set("REVISION", nonEmpty(g.p.GitOps.Revision, "main"))
	env.set("PRUNE", prune)
	return step{Name: "Ask Argo CD to sync " + app, Env: env, Run: syncScript}
}

// rollbackSyncStep syncs the chosen environment when it is one Argo CD does
// not sync by itself; nil when every environment syncs automatically.
func (g *gen) rollbackSyncStep() *step {
	envs := g.manualSyncEnvs()
	if len(envs) == 0 {
		return nil
	}
	var names, pruned []string
	for _, e := range envs {
		names = append(names, e.Name)
		if e.Sync.Prune {
			pruned = append(pruned, e.Name)
		}
	}
	prune := strconv.FormatBool(len(pruned) > 0)
	if len(pruned) > 0 && len(pruned) < len(names) {
		prune = "${{ " + manualCond(pruned) + " }}"
	}
	s := g.syncStep(g.p.Pipeline.Name+"-${{ inputs.environment }}", prune)
	s.Name = "Ask Argo CD to sync the environment"
	s.If = manualCond(names)
	return &s
}

// syncRBACLine is the Argo CD RBAC line the token needs for the manual-sync
// environments, or "" when there are none.
func (g *gen) syncRBACLine() string {
	envs := g.manualSyncEnvs()
	if len(envs) == 0 {
		return ""
	}
	var apps []string
	for _, e := range envs {
		apps = append(apps, argoApp(g.p.Pipeline.Name, e.Name))
	}
	project := nonEmpty(g.p.GitOps.ArgoCD.Project, "default")
	object := project + "/" + g.p.Pipeline.Name + "-*"
	if len(apps) == 1 {
		object = project + "/" + apps[0]
	}
	return "sync " + strings.Join(apps, ", ") + " (sync { automated = false }): p, role:pipec, applications, sync, " + object + ", allow"
}
