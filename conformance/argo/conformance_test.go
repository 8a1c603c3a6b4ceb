package argo

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
	"testing"

	argocd "github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	rollouts "github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	"github.com/argoproj/argo-rollouts/pkg/apis/rollouts/validation"
	"github.com/argoproj/argo-rollouts/utils/analysis"
	ingressutil "github.com/argoproj/argo-rollouts/utils/ingress"
	"github.com/pipec-dev/pipec/compiler/ir"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

func TestFixtures(t *testing.T) {
	for name, tr := range fixtureTrees(t) {
		t.Run(name, func(t *testing.T) { checkTree(t, tr) })
	}
}

// TestGoldenFiles validates the deploy/ tree of every golden archive. It
// passes with none, so it can exist before the end-to-end goldens do.
func TestGoldenFiles(t *testing.T) {
	trees, skipped := goldenTrees(t)
	t.Logf("%d golden archives with a deploy/ tree, %d without", len(trees), skipped)
	names := make([]string, 0, len(trees))
	for n := range trees {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Run(n, func(t *testing.T) { checkTree(t, trees[n]) })
	}
}

// reporter is the part of testing.T the checks use, so the negative tests
// can collect what the checks report instead of failing.
type reporter interface {
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// built is one overlay after kustomize build.
type built struct {
	dir     string
	objects []any
}

// checkTree validates every file of a tree, builds every kustomization in
// it and cross-checks the Argo CD objects against the built overlays.
func checkTree(t reporter, tr tree) {
	fsys := filesys.MakeFsInMemory()
	for _, p := range tr.paths() {
		if err := fsys.MkdirAll(path.Dir(p)); err != nil {
			t.Fatal(err)
		}
		if err := fsys.WriteFile(p, tr[p]); err != nil {
			t.Fatal(err)
		}
	}
	var kustDirs []string
	var apps []*argocd.Application
	projects := map[string]*argocd.AppProject{}
	for _, p := range tr.paths() {
		data := tr[p]
		if !bytes.HasPrefix(data, []byte(ir.HeaderPrefix)) {
			t.Errorf("%s: no generated-file header", p)
		}
		switch path.Base(p) {
		case "kustomization.yaml":
			checkKustomization(t, p, data)
			kustDirs = append(kustDirs, path.Dir(p))
			continue
		case "kustomizeconfig.yaml":
			continue // loaded, and so checked, by kustomize build
		}
		if n := bytes.Count(data, []byte("\n---")); n > 0 {
			t.Errorf("%s: %d extra YAML documents; pipec writes one object per file", p, n)
		}
		obj, err := decodeObject(data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		switch o := obj.(type) {
		case *argocd.Application:
			apps = append(apps, o)
			if err := validateCRDSchema("Application", data); err != nil {
				t.Errorf("%s: Application CRD schema: %v", p, err)
			}
		case *argocd.AppProject:
			projects[o.Name] = o
			if err := validateCRDSchema("AppProject", data); err != nil {
				t.Errorf("%s: AppProject CRD schema: %v", p, err)
			}
		}
	}
	overlays := map[string]built{}
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	for _, dir := range kustDirs {
		rm, err := k.Run(fsys, dir)
		if err != nil {
			t.Errorf("kustomize build %s: %v", dir, err)
			continue
		}
		if path.Base(path.Dir(dir)) != "overlays" {
			continue // a base is checked as part of its overlays
		}
		b := built{dir: dir}
		for _, r := range rm.Resources() {
			y, err := r.AsYAML()
			if err != nil {
				t.Fatal(err)
			}
			obj, err := decodeObject(y)
			if err != nil {
				t.Errorf("%s (built): %v", dir, err)
				continue
			}
			b.objects = append(b.objects, obj)
		}
		checkBuilt(t, b)
		checkReplicas(t, b, tr[dir+"/kustomization.yaml"])
		overlays[dir] = b
	}
	if len(apps) > 0 && len(overlays) == 0 {
		t.Errorf("Applications but no overlays were built")
	}
	for _, app := range apps {
		checkApplication(t, tr, app, projects, overlays)
	}
}

// deprecatedKustomizeFields are the Kustomization fields Kustomize warns
// about; pipec must never write them.
var deprecatedKustomizeFields = []string{"commonLabels", "patchesStrategicMerge", "patchesJson6902", "bases", "vars", "imageTags", "helmChartInflationGenerator"}

func checkKustomization(t reporter, p string, data []byte) {
	var k types.Kustomization
	if err := strictDecode(data, &k); err != nil {
		t.Errorf("%s: %v", p, err)
		return
	}
	if w := k.CheckDeprecatedFields(); w != nil && len(*w) > 0 {
		t.Errorf("%s: deprecated fields: %v", p, *w)
	}
	var raw map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, f := range deprecatedKustomizeFields {
		if _, ok := raw[f]; ok {
			t.Errorf("%s: deprecated field %s", p, f)
		}
	}
	for _, im := range k.Images {
		if im.Digest == "" || im.NewTag != "" {
			t.Errorf("%s: image %s must be set by digest, not tag", p, im.Name)
		}
	}
}

// checkBuilt validates one built overlay with the targets' own code.
func checkBuilt(t reporter, b built) {
	templates := map[string]*rollouts.AnalysisTemplate{}
	services := map[string]*corev1.Service{}
	ingresses := map[string]*networkingv1.Ingress{}
	var ros []*rollouts.Rollout
	for _, obj := range b.objects {
		meta := objectMeta(obj)
		where := fmt.Sprintf("%s: %T %s", b.dir, obj, meta.Name)
		for _, l := range []string{"app.kubernetes.io/part-of", "app.kubernetes.io/managed-by", "app.kubernetes.io/instance"} {
			if meta.Labels[l] == "" {
				t.Errorf("%s: no %s label", where, l)
			}
		}
		if meta.Namespace == "" {
			t.Errorf("%s: no namespace after build", where)
		}
		for _, err := range validateKubernetes(obj) {
			t.Errorf("%s: %v", where, err)
		}
		switch o := obj.(type) {
		case *rollouts.Rollout:
			ros = append(ros, o)
		case *rollouts.AnalysisTemplate:
			templates[o.Name] = o
			if err := analysis.ValidateMetrics(o.Spec.Metrics); err != nil {
				t.Errorf("%s: %v", where, err)
			}
			for _, m := range o.Spec.Metrics {
				if j := m.Provider.Job; j != nil {
					checkPod(t, where+" job "+m.Name, j.Spec.Template.ObjectMeta, j.Spec.Template.Spec, false)
				}
			}
		case *corev1.Service:
			services[o.Name] = o
		case *networkingv1.Ingress:
			ingresses[o.Name] = o
		case *appsv1.Deployment:
			checkPod(t, where, o.Spec.Template.ObjectMeta, o.Spec.Template.Spec, true)
			checkSelector(t, where, o.Spec.Selector, o.Spec.Template.Labels)
		}
	}
	for _, ro := range ros {
		where := fmt.Sprintf("%s: Rollout %s", b.dir, ro.Name)
		for _, err := range validation.ValidateRollout(ro) {
			t.Errorf("%s: %v", where, err)
		}
		refs, missing, wrong := referencedResources(ro, templates, services, ingresses)
		for _, m := range missing {
			t.Errorf("%s: references %s, which the overlay does not build", where, m)
		}
		for _, w := range wrong {
			t.Errorf("%s: %s", where, w)
		}
		for _, err := range validation.ValidateRolloutReferencedResources(ro, refs) {
			t.Errorf("%s: %v", where, err)
		}
		checkPod(t, where, ro.Spec.Template.ObjectMeta, ro.Spec.Template.Spec, true)
		checkSelector(t, where, ro.Spec.Selector, ro.Spec.Template.Labels)
	}
}

func objectMeta(obj any) metav1.ObjectMeta {
	switch o := obj.(type) {
	case interface{ GetObjectMeta() metav1.Object }:
		m := o.GetObjectMeta()
		return metav1.ObjectMeta{Name: m.GetName(), Namespace: m.GetNamespace(), Labels: m.GetLabels()}
	case *externalSecret:
		return metav1.ObjectMeta{Name: o.Metadata.Name, Namespace: o.Metadata.Namespace, Labels: o.Metadata.Labels}
	}
	return metav1.ObjectMeta{}
}

func checkSelector(t reporter, where string, sel *metav1.LabelSelector, labels map[string]string) {
	if sel == nil || len(sel.MatchLabels) == 0 {
		t.Errorf("%s: empty selector", where)
		return
	}
	for k, v := range sel.MatchLabels {
		if labels[k] != v {
			t.Errorf("%s: selector %s=%s does not match the pod template", where, k, v)
		}
	}
}

// checkPod asserts the pod is admitted under "restricted", with a read-only
// root and the token mount decided. A workload pod must also run its image
// by digest (the overlay's images entry); an analysis Job runs the image
// the spec names, which may be a tag.
func checkPod(t reporter, where string, meta metav1.ObjectMeta, spec corev1.PodSpec, byDigest bool) {
	if err := restricted(meta, spec); err != nil {
		t.Errorf("%s: %v", where, err)
	}
	if spec.AutomountServiceAccountToken == nil {
		t.Errorf("%s: automountServiceAccountToken not set", where)
	}
	for _, c := range spec.Containers {
		if byDigest && !strings.Contains(c.Image, "@sha256:") {
			t.Errorf("%s: container %s image %q is not pinned by digest", where, c.Name, c.Image)
		}
		if c.SecurityContext == nil || c.SecurityContext.ReadOnlyRootFilesystem == nil || !*c.SecurityContext.ReadOnlyRootFilesystem {
			t.Errorf("%s: container %s root file system is writable", where, c.Name)
		}
	}
}

// referencedResources gathers what the Rollouts controller would look up
// for ro, so ValidateRolloutReferencedResources can check it as the
// controller does before it starts a rollout.
func referencedResources(ro *rollouts.Rollout, templates map[string]*rollouts.AnalysisTemplate, services map[string]*corev1.Service, ingresses map[string]*networkingv1.Ingress) (refs validation.ReferencedResources, missing, wrong []string) {
	lookup := func(a rollouts.RolloutAnalysis, typ validation.AnalysisTemplateType, step int) {
		var ts []*rollouts.AnalysisTemplate
		for _, r := range a.Templates {
			if tm, ok := templates[r.TemplateName]; ok && (r.ClusterScope == nil || !*r.ClusterScope) {
				ts = append(ts, tm)
			} else {
				missing = append(missing, "AnalysisTemplate "+r.TemplateName)
			}
		}
		refs.AnalysisTemplatesWithType = append(refs.AnalysisTemplatesWithType, validation.AnalysisTemplatesWithType{
			AnalysisTemplates: ts, TemplateType: typ, CanaryStepIndex: step, Args: a.Args,
		})
	}
	service := func(name string, typ validation.ServiceType) {
		if name == "" {
			return
		}
		if s, ok := services[name]; ok {
			refs.ServiceWithType = append(refs.ServiceWithType, validation.ServiceWithType{Service: s, Type: typ})
		} else {
			missing = append(missing, "Service "+name)
		}
	}
	// ingress also checks what the controller acts on: by default only
	// Ingresses of the router's class (--nginx-ingress-classes,
	// --alb-ingress-classes), and for ALB a backend on the action
	// annotation.
	ingress := func(name, class string) {
		ing, ok := ingresses[name]
		if !ok {
			missing = append(missing, "Ingress "+name)
			return
		}
		refs.Ingresses = append(refs.Ingresses, *ingressutil.NewIngress(ing))
		if got := ingressutil.NewIngress(ing).GetClass(); got != class {
			wrong = append(wrong, fmt.Sprintf("Ingress %s has class %q; the %s router acts only on class %s", name, got, class, class))
		}
		if class == "alb" {
			for _, r := range ing.Spec.Rules {
				for _, p := range r.HTTP.Paths {
					if p.Backend.Service != nil && p.Backend.Service.Name == ro.Spec.Strategy.Canary.StableService && p.Backend.Service.Port.Name != "use-annotation" {
						wrong = append(wrong, fmt.Sprintf("Ingress %s sends to port %+v, not use-annotation, so the ALB ignores the canary weights", name, p.Backend.Service.Port))
					}
				}
			}
		}
	}
	if c := ro.Spec.Strategy.Canary; c != nil {
		for i, s := range c.Steps {
			if s.Analysis != nil {
				lookup(*s.Analysis, validation.InlineAnalysis, i)
			}
		}
		if c.Analysis != nil {
			lookup(c.Analysis.RolloutAnalysis, validation.BackgroundAnalysis, 0)
		}
		service(c.StableService, validation.StableService)
		service(c.CanaryService, validation.CanaryService)
		if tr := c.TrafficRouting; tr != nil {
			if tr.Nginx != nil {
				ingress(tr.Nginx.StableIngress, "nginx")
			}
			if tr.ALB != nil {
				ingress(tr.ALB.Ingress, "alb")
			}
		}
	}
	if bg := ro.Spec.Strategy.BlueGreen; bg != nil {
		service(bg.ActiveService, validation.ActiveService)
		service(bg.PreviewService, validation.PreviewService)
		if bg.PrePromotionAnalysis != nil {
			lookup(*bg.PrePromotionAnalysis, validation.PrePromotionAnalysis, 0)
		}
		if bg.PostPromotionAnalysis != nil {
			lookup(*bg.PostPromotionAnalysis, validation.PostPromotionAnalysis, 0)
		}
	}
	return refs, missing, wrong
}

// checkApplication checks that an Application points at an overlay of the
// tree and that its AppProject allows exactly what the overlay deploys.
func checkApplication(t reporter, tr tree, app *argocd.Application, projects map[string]*argocd.AppProject, overlays map[string]built) {
	where := "Application " + app.Name
	src := app.Spec.Source
	if src == nil {
		t.Errorf("%s: no source", where)
		return
	}
	dir := path.Join("deploy", src.Path)
	b, ok := overlays[dir]
	if !ok {
		t.Errorf("%s: source path %s is not a built overlay of the tree", where, src.Path)
	}
	dest := app.Spec.Destination
	if (dest.Server == "") == (dest.Name == "") {
		t.Errorf("%s: destination needs exactly one of server and name", where)
	}
	for _, obj := range b.objects {
		if ns := objectMeta(obj).Namespace; ns != dest.Namespace {
			t.Errorf("%s: overlay object %s is in namespace %q, destination is %q", where, objectMeta(obj).Name, ns, dest.Namespace)
		}
	}
	if app.Spec.Project == "default" {
		return
	}
	proj, ok := projects[app.Spec.Project]
	if !ok {
		t.Errorf("%s: project %q is not in the tree", where, app.Spec.Project)
		return
	}
	if proj.Namespace != app.Namespace {
		t.Errorf("%s: in namespace %q, its project in %q", where, app.Namespace, proj.Namespace)
	}
	ps := proj.Spec
	if len(ps.SourceRepos) != 1 || ps.SourceRepos[0] != src.RepoURL {
		t.Errorf("%s: project sourceRepos %v, want only %s", where, ps.SourceRepos, src.RepoURL)
	}
	allowed := false
	for _, d := range ps.Destinations {
		if strings.Contains(d.Server+d.Name+d.Namespace, "*") {
			t.Errorf("%s: project destination %+v has a wildcard", where, d)
		}
		if d.Server == dest.Server && d.Name == dest.Name && d.Namespace == dest.Namespace {
			allowed = true
		}
	}
	if !allowed {
		t.Errorf("%s: destination %+v is not in project %s", where, dest, proj.Name)
	}
	for _, gk := range ps.ClusterResourceWhitelist {
		if gk.Group != "" || gk.Kind != "Namespace" {
			t.Errorf("%s: project allows cluster-scoped %s/%s", where, gk.Group, gk.Kind)
		}
	}
	whitelisted := map[metav1.GroupKind]bool{}
	for _, gk := range ps.NamespaceResourceWhitelist {
		whitelisted[metav1.GroupKind{Group: gk.Group, Kind: gk.Kind}] = true
	}
	for _, obj := range b.objects {
		gk := groupKindOf(obj)
		if !whitelisted[gk] {
			t.Errorf("%s: overlay has a %s that project %s does not allow", where, gk, proj.Name)
		}
	}
}

func groupKindOf(obj any) metav1.GroupKind {
	switch obj.(type) {
	case *rollouts.Rollout:
		return metav1.GroupKind{Group: "argoproj.io", Kind: "Rollout"}
	case *rollouts.AnalysisTemplate:
		return metav1.GroupKind{Group: "argoproj.io", Kind: "AnalysisTemplate"}
	case *appsv1.Deployment:
		return metav1.GroupKind{Group: "apps", Kind: "Deployment"}
	case *corev1.Service:
		return metav1.GroupKind{Kind: "Service"}
	case *corev1.ServiceAccount:
		return metav1.GroupKind{Kind: "ServiceAccount"}
	case *networkingv1.Ingress:
		return metav1.GroupKind{Group: "networking.k8s.io", Kind: "Ingress"}
	case *externalSecret:
		return metav1.GroupKind{Group: "external-secrets.io", Kind: "ExternalSecret"}
	}
	return metav1.GroupKind{}
}

// checkReplicas asserts the overlay's replicas field reached the built
// workloads: Kustomize knows a Rollout's spec.replicas only through the
// base's kustomizeconfig.yaml.
func checkReplicas(t reporter, b built, kust []byte) {
	var k types.Kustomization
	if err := yaml.Unmarshal(kust, &k); err != nil {
		t.Errorf("%s: %v", b.dir, err)
		return
	}
	want := map[string]int64{}
	for _, r := range k.Replicas {
		want[r.Name] = r.Count
	}
	for _, obj := range b.objects {
		var name string
		var got *int32
		switch o := obj.(type) {
		case *rollouts.Rollout:
			name, got = o.Name, o.Spec.Replicas
		case *appsv1.Deployment:
			name, got = o.Name, o.Spec.Replicas
		default:
			continue
		}
		if w, ok := want[name]; ok && (got == nil || int64(*got) != w) {
			t.Errorf("%s: %s has replicas %v after build, the overlay says %d", b.dir, name, got, w)
		}
	}
}
