package argo

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/backends/internal/yamlout"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// Backend emits the GitOps tree (Kustomize base and overlays, Argo Rollouts
// objects and Argo CD Applications).
type Backend struct{}

// New returns the Argo backend.
func New() *Backend { return &Backend{} }

var (
	_ ir.Emitter  = (*Backend)(nil)
	_ ir.Preparer = (*Backend)(nil)
)

// Prepare works out how the GitOps tree's object types are written
// (ir.Preparer); TestPrepareCoversEmit keeps the list whole.
func (*Backend) Prepare() {
	yamlout.Prepare(application{}, appProject{}, analysisTemplate{}, serviceAccount{}, deployment{}, rollout{},
		service{}, ingress{}, kube.ExternalSecret{}, kustomization{}, transformerConfig{}, []jsonPatchOp{}, rollbackWindow{})
}

// Name is the --target name.
func (*Backend) Name() string { return "argo" }

// Emit writes the tree when the program has environments. On any error it
// returns no files, so a half-valid tree never reaches a GitOps repository.
func (*Backend) Emit(p *ir.Program, opt ir.Options) ([]ir.File, hcl.Diagnostics) {
	if p == nil {
		return nil, nil
	}
	envs := nonNil(p.Environments)
	if len(envs) == 0 {
		return nil, nil
	}
	if p.Pipeline == nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "No pipeline block",
			Detail:   "Environments are deployed under the pipeline's name; add a pipeline block.",
			Subject:  rangep(envs[0].Range),
		}}
	}
	if p.GitOps == nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Environments need a gitops block",
			Detail: fmt.Sprintf("Environment %q is deployed by Argo CD from a GitOps repository, but the spec has no gitops block. Add one, for example:\n\n"+
				"gitops {\n  repository = \"https://github.com/ORG/manifests.git\"\n  path       = \"apps/%s\"\n  token      = secret.NAME\n}", envs[0].Name, p.Pipeline.Name),
			Subject: rangep(envs[0].Range),
		}}
	}
	if opt.Source == "" {
		opt.Source = p.Source
	}
	e := &emitter{p: p, opt: opt, envs: envs, workloads: nonNil(p.Workloads), kinds: map[groupKind]bool{}}
	e.header = ir.Header(opt.Source)
	e.gitopsPath = path.Clean(p.GitOps.Path)
	if path.IsAbs(p.GitOps.Path) || e.gitopsPath == ".." || strings.HasPrefix(e.gitopsPath, "../") {
		e.errorf(p.GitOps.Range, "GitOps path leaves the repository",
			fmt.Sprintf("path = %q must be relative and stay inside the GitOps repository, for example \"apps/%s\".", p.GitOps.Path, p.Pipeline.Name))
		return nil, e.diags
	}
	e.rollouts = usesRollouts(p)
	e.check()
	e.emitBase()
	for _, env := range envs {
		e.emitOverlay(env)
		e.add(path.Join("deploy", "argocd", applicationName(p, env)+".yaml"), e.applicationFor(env))
	}
	if p.GitOps.ArgoCD.OwnProject {
		e.add(path.Join("deploy", "argocd", p.Pipeline.Name+"-project.yaml"), e.appProjectFor(e.sortedKinds()))
	}
	if e.diags.HasErrors() {
		return nil, e.diags
	}
	sort.Slice(e.files, func(i, j int) bool { return e.files[i].Path < e.files[j].Path })
	return e.files, e.diags
}

// emitter holds one Emit call's state.
type emitter struct {
	p          *ir.Program
	opt        ir.Options
	envs       []*ir.Environment
	workloads  []*ir.Workload
	gitopsPath string // cleaned; "." when the app is the repository root
	rollouts   bool   // the base holds Rollouts, not Deployments
	files      []ir.File
	header     string        // ir.Header(opt.Source), the first line of every file
	out        yamlout.Arena // holds the files' bytes
	patchBuf   []byte        // reused to write each patch before it becomes a string
	diags      hcl.Diagnostics
	kinds      map[groupKind]bool // namespaced kinds written, for the AppProject
}

func (e *emitter) errorf(r hcl.Range, summary, detail string) {
	e.diags = append(e.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rangep(r)})
}

// add marshals obj into a file that starts with the generated-file header
// and the given comment lines.
func (e *emitter) add(p string, obj any, comments ...string) {
	e.out.WriteString(e.header)
	for _, c := range comments {
		e.out.WriteString("# ")
		e.out.WriteString(c)
		e.out.WriteString("\n")
	}
	err := e.out.Encode(obj)
	data := e.out.Finish()
	if err != nil {
		e.diags = append(e.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Cannot write " + p, Detail: err.Error()})
		return
	}
	e.files = append(e.files, ir.File{Path: p, Data: data})
}

// addObject writes a namespaced object and records its kind for the
// AppProject's whitelist.
func (e *emitter) addObject(dir, name string, gk groupKind, obj any, comments ...string) string {
	e.kinds[gk] = true
	e.add(path.Join(dir, name), obj, comments...)
	return name
}

func (e *emitter) sortedKinds() []groupKind {
	out := make([]groupKind, 0, len(e.kinds))
	for k := range e.kinds {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Group != out[j].Group {
			return out[i].Group < out[j].Group
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

func sortDestinations(d []applicationDestination) {
	sort.Slice(d, func(i, j int) bool {
		a, b := d[i], d[j]
		if a.Server != b.Server {
			return a.Server < b.Server
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Namespace < b.Namespace
	})
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func nonNil[T any](in []*T) []*T {
	var out []*T
	for _, x := range in {
		if x != nil {
			out = append(out, x)
		}
	}
	return out
}

func rangep(r hcl.Range) *hcl.Range { return &r }
