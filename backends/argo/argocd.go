package argo

import (
	"path"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// Argo CD objects, mirroring argo-cd/v3 pkg/apis/application/v1alpha1.

type application = kube.Object[applicationSpec]

type applicationSpec struct {
	Project     string                 `json:"project"`
	Source      applicationSource      `json:"source"`
	Destination applicationDestination `json:"destination"`
	SyncPolicy  *syncPolicy            `json:"syncPolicy,omitempty"`
}

type applicationSource struct {
	RepoURL        string `json:"repoURL"`
	TargetRevision string `json:"targetRevision"`
	Path           string `json:"path"`
}

type applicationDestination struct {
	Server    string `json:"server,omitempty"`
	Name      string `json:"name,omitempty"`
	Namespace string `json:"namespace"`
}

type syncPolicy struct {
	Automated   *syncPolicyAutomated `json:"automated,omitempty"`
	SyncOptions []string             `json:"syncOptions,omitempty"`
}

type syncPolicyAutomated struct {
	Prune    bool `json:"prune,omitempty"`
	SelfHeal bool `json:"selfHeal,omitempty"`
}

type appProject = kube.Object[appProjectSpec]

type appProjectSpec struct {
	Description                string                   `json:"description"`
	SourceRepos                []string                 `json:"sourceRepos"`
	Destinations               []applicationDestination `json:"destinations"`
	ClusterResourceWhitelist   []groupKind              `json:"clusterResourceWhitelist"`
	NamespaceResourceWhitelist []groupKind              `json:"namespaceResourceWhitelist"`
}

type groupKind struct {
	Group string `json:"group"`
	Kind  string `json:"kind"`
}

func destinationFor(env *ir.Environment) applicationDestination {
	d := applicationDestination{Namespace: env.Namespace}
	if env.ClusterIsURL {
		d.Server = env.Cluster
	} else {
		d.Name = env.Cluster
	}
	return d
}

func applicationName(p *ir.Program, env *ir.Environment) string {
	return p.Pipeline.Name + "-" + env.Name
}

func (e *emitter) applicationFor(env *ir.Environment) application {
	g := e.p.GitOps
	app := application{
		APIVersion: "argoproj.io/v1alpha1",
		Kind:       "Application",
		Metadata: kube.ObjectMeta{
			Name:      applicationName(e.p, env),
			Namespace: e.argoNamespace(),
			Labels:    e.pipelineLabels(),
		},
		Spec: applicationSpec{
			Project: e.project(),
			Source: applicationSource{
				RepoURL:        g.Repository,
				TargetRevision: e.revision(),
				Path:           path.Join(e.gitopsPath, "overlays", env.Name),
			},
			Destination: destinationFor(env),
		},
	}
	sp := &syncPolicy{SyncOptions: env.Sync.Options}
	if env.Sync.Automated {
		sp.Automated = &syncPolicyAutomated{Prune: env.Sync.Prune, SelfHeal: env.Sync.SelfHeal}
	}
	if sp.Automated != nil || len(sp.SyncOptions) > 0 {
		app.Spec.SyncPolicy = sp
	}
	return app
}

// appProjectFor is the least-privilege project: it may read only the GitOps
// repository, deploy only to the declared destinations, and create only
// the kinds pipec writes (plus Namespaces where CreateNamespace=true needs
// them).
func (e *emitter) appProjectFor(kinds []groupKind) appProject {
	g := e.p.GitOps
	var dests []applicationDestination
	seen := map[applicationDestination]bool{}
	cluster := []groupKind{}
	for _, env := range e.envs {
		if env == nil {
			continue
		}
		d := destinationFor(env)
		if !seen[d] {
			seen[d] = true
			dests = append(dests, d)
		}
		for _, o := range env.Sync.Options {
			if o == "CreateNamespace=true" && len(cluster) == 0 {
				cluster = append(cluster, groupKind{Group: "", Kind: "Namespace"})
			}
		}
	}
	sortDestinations(dests)
	return appProject{
		APIVersion: "argoproj.io/v1alpha1",
		Kind:       "AppProject",
		Metadata:   kube.ObjectMeta{Name: e.project(), Namespace: e.argoNamespace(), Labels: e.pipelineLabels()},
		Spec: appProjectSpec{
			Description:                "pipeline " + e.p.Pipeline.Name + ": its GitOps repository, environments and kinds only",
			SourceRepos:                []string{g.Repository},
			Destinations:               dests,
			ClusterResourceWhitelist:   cluster,
			NamespaceResourceWhitelist: kinds,
		},
	}
}

func (e *emitter) pipelineLabels() map[string]string {
	return map[string]string{
		labelName:      e.p.Pipeline.Name,
		labelPartOf:    e.p.Pipeline.Name,
		labelManagedBy: managedBy,
	}
}

// Lowering fills these; the fallbacks keep a hand-built IR valid.

func (e *emitter) argoNamespace() string {
	if ns := e.p.GitOps.ArgoCD.Namespace; ns != "" {
		return ns
	}
	return "argocd"
}

func (e *emitter) project() string {
	if pr := e.p.GitOps.ArgoCD.Project; pr != "" {
		return pr
	}
	if e.p.GitOps.ArgoCD.OwnProject {
		return e.p.Pipeline.Name
	}
	return "default"
}

func (e *emitter) revision() string {
	if r := e.p.GitOps.Revision; r != "" {
		return r
	}
	return "HEAD"
}
