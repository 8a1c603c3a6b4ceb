package argo

import (
	"path"
	"sort"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/backends/internal/yamlout"
	"github.com/pipec-dev/pipec/compiler/ir"
)

var (
	kindServiceAccount   = groupKind{Group: "", Kind: "ServiceAccount"}
	kindService          = groupKind{Group: "", Kind: "Service"}
	kindDeployment       = groupKind{Group: "apps", Kind: "Deployment"}
	kindIngress          = groupKind{Group: "networking.k8s.io", Kind: "Ingress"}
	kindRollout          = groupKind{Group: "argoproj.io", Kind: "Rollout"}
	kindAnalysisTemplate = groupKind{Group: "argoproj.io", Kind: "AnalysisTemplate"}
	kindExternalSecret   = groupKind{Group: "external-secrets.io", Kind: "ExternalSecret"}
)

func (e *emitter) baseDir() string { return path.Join("deploy", e.gitopsPath, "base") }

func (e *emitter) overlayDir(env *ir.Environment) string {
	return path.Join("deploy", e.gitopsPath, "overlays", env.Name)
}

// emitBase writes every workload's objects and the base kustomization.
func (e *emitter) emitBase() {
	dir := e.baseDir()
	var res []string
	for _, w := range e.workloads {
		res = append(res, e.addObject(dir, w.Name+"-serviceaccount.yaml", kindServiceAccount, e.serviceAccountFor(w)))
		if e.rollouts {
			res = append(res, e.addObject(dir, w.Name+"-rollout.yaml", kindRollout, e.rolloutFor(w),
				"Each overlay replaces spec.strategy with its environment's; this default canary without steps is a rolling update."))
		} else {
			res = append(res, e.addObject(dir, w.Name+"-deployment.yaml", kindDeployment, e.deploymentFor(w)))
		}
		if w.Port > 0 {
			res = append(res, e.addObject(dir, w.Name+"-service.yaml", kindService, serviceFor(w, w.Name)))
			if w.Host != "" {
				res = append(res, e.addObject(dir, w.Name+"-ingress.yaml", kindIngress, ingressFor(w, w.Host, "")))
			}
		}
	}
	sort.Strings(res)
	k := kustomization{
		APIVersion: kustomizeAPIVersion,
		Kind:       "Kustomization",
		Resources:  res,
		Labels:     []kLabel{e.pipelineLabel()},
	}
	if e.rollouts {
		k.Configurations = []string{transformerConfigFile}
		e.add(path.Join(dir, transformerConfigFile), rolloutTransformerConfig())
	}
	e.add(path.Join(dir, "kustomization.yaml"), k)
}

// pipelineLabel labels every object and pod with the pipeline and pipec,
// but leaves selectors alone: they are immutable, and these labels say
// nothing about which pods a workload owns. Base and overlay both carry it,
// so objects the overlay adds are labelled too.
func (e *emitter) pipelineLabel() kLabel {
	l := kLabel{
		Pairs:            map[string]string{labelPartOf: e.p.Pipeline.Name, labelManagedBy: managedBy},
		IncludeTemplates: true,
	}
	if e.rollouts {
		l.Fields = []fieldSpec{rolloutTemplateLabels}
	}
	return l
}

// emitOverlay writes an environment's overlay: its kustomization, the
// AnalysisTemplates it runs, preview and canary Services, an Ingress only
// the environment's host asks for, and ExternalSecrets.
func (e *emitter) emitOverlay(env *ir.Environment) {
	dir := e.overlayDir(env)
	var res []string
	names, mustEnd := analysesUsed(env)
	for _, n := range names {
		a := e.analysis(n)
		if a == nil {
			continue // reported by check
		}
		res = append(res, e.addObject(dir, "analysistemplate-"+n+".yaml", kindAnalysisTemplate, e.analysisTemplateFor(a, mustEnd[n])))
	}
	if env.BlueGreen != nil {
		for _, w := range e.workloads {
			if w.Port > 0 {
				res = append(res, e.addObject(dir, previewServiceName(w.Name)+"-service.yaml", kindService, serviceFor(w, previewServiceName(w.Name))))
			}
		}
	}
	for _, w := range e.workloads {
		router := e.routedIn(env, w)
		if ing := e.ingressIn(env, w); ing.Host != "" && !ing.Base {
			res = append(res, e.addObject(dir, w.Name+"-ingress.yaml", kindIngress, ingressFor(w, ing.Host, router)))
		}
		if router != "" {
			res = append(res, e.addObject(dir, canaryServiceName(w.Name)+"-service.yaml", kindService, serviceFor(w, canaryServiceName(w.Name))))
		}
	}
	for _, s := range e.externalSecretsFor(env) {
		res = append(res, e.addObject(dir, "externalsecret-"+s.Name+".yaml", kindExternalSecret, externalSecretFor(s)))
	}
	sort.Strings(res)

	instance := map[string]string{labelInstance: applicationName(e.p, env)}
	k := kustomization{
		APIVersion: kustomizeAPIVersion,
		Kind:       "Kustomization",
		Namespace:  env.Namespace,
		Resources:  append([]string{"../../base"}, res...),
		Labels:     []kLabel{e.pipelineLabel(), {Pairs: instance, IncludeSelectors: true}},
	}
	if e.rollouts {
		k.Labels[1].Fields = []fieldSpec{rolloutSelectorLabels, rolloutTemplateLabels}
	}
	for _, im := range e.deployedImages() {
		k.Images = append(k.Images, kImage{Name: im.Repository, NewName: im.Repository, Digest: placeholderDigest})
	}
	if env.Replicas > 0 {
		for _, w := range e.workloads {
			k.Replicas = append(k.Replicas, kReplica{Name: w.Name, Count: env.Replicas})
		}
	}
	k.Patches = e.patchesFor(env)
	e.add(path.Join(dir, "kustomization.yaml"), k,
		"CI sets each images[].digest to the digest it pushed (kustomize edit set image NAME=NAME@DIGEST).",
		"The all-zero digest is a placeholder until the first deploy: no registry serves it.")
}

// externalSecretsFor returns the secrets with an external source that the
// environment's pods read, sorted by name.
func (e *emitter) externalSecretsFor(env *ir.Environment) []*ir.Secret {
	found := map[string]*ir.Secret{}
	collect := func(vars []ir.EnvVar) {
		for _, v := range vars {
			if v.Secret != nil && v.Secret.External != nil {
				found[v.Secret.Name] = v.Secret
			}
		}
	}
	for _, w := range e.workloads {
		collect(w.Env)
	}
	collect(env.Env)
	var out []*ir.Secret
	for _, n := range sortedKeys(found) {
		out = append(out, found[n])
	}
	return out
}

// patchesFor returns the environment's JSON 6902 patches: one per workload
// (strategy, deadlines, env overrides) and one per base Ingress whose host
// or traffic router the environment changes.
func (e *emitter) patchesFor(env *ir.Environment) []kPatch {
	var out []kPatch
	for _, w := range e.workloads {
		ops := e.workloadOps(env, w)
		if len(ops) == 0 {
			continue
		}
		t := kTarget{Group: "apps", Version: "v1", Kind: "Deployment", Name: w.Name}
		if e.rollouts {
			t = kTarget{Group: "argoproj.io", Version: "v1alpha1", Kind: "Rollout", Name: w.Name}
		}
		out = append(out, e.patch(t, ops))
	}
	for _, w := range e.workloads {
		ing := e.ingressIn(env, w)
		if !ing.Base {
			continue // absent, or written by the overlay as env needs it
		}
		if ops := ingressOps(ing, w, e.routedIn(env, w)); len(ops) > 0 {
			out = append(out, e.patch(kTarget{Group: "networking.k8s.io", Version: "v1", Kind: "Ingress", Name: w.Name}, ops))
		}
	}
	return out
}

func (e *emitter) patch(t kTarget, ops []jsonPatchOp) kPatch {
	if e.patchBuf == nil {
		// Most patches fit, so the buffer skips append's doubling from
		// eight bytes.
		e.patchBuf = make([]byte, 0, 1<<10)
	}
	b, err := yamlout.Append(e.patchBuf[:0], ops)
	if err != nil {
		e.errorf(e.p.GitOps.Range, "Cannot write a patch", err.Error())
	}
	e.patchBuf = b
	return kPatch{Target: t, Patch: string(b)}
}

const containerPath = "/spec/template/spec/containers/0"

func (e *emitter) workloadOps(env *ir.Environment, w *ir.Workload) []jsonPatchOp {
	var ops []jsonPatchOp
	u := useContext{Environment: env.Name, Namespace: env.Namespace, Workload: w.Name, Router: e.routedIn(env, w), Port: w.Port}
	if e.rollouts {
		if s := strategyFor(env, u); s != nil {
			ops = append(ops, jsonPatchOp{Op: "replace", Path: "/spec/strategy", Value: s})
		}
		if env.ProgressDeadlineAbort {
			ops = append(ops, jsonPatchOp{Op: "add", Path: "/spec/progressDeadlineAbort", Value: true})
		}
		if env.RollbackWindow > 0 {
			ops = append(ops, jsonPatchOp{Op: "add", Path: "/spec/rollbackWindow", Value: rollbackWindow{Revisions: env.RollbackWindow}})
		}
	}
	if env.ProgressDeadline > 0 {
		ops = append(ops, jsonPatchOp{Op: "add", Path: "/spec/progressDeadlineSeconds", Value: env.ProgressDeadline.Seconds()})
	}
	return append(ops, e.envOps(env, w)...)
}

// envOps merges the environment's env over the workload's: a variable the
// base has is replaced at its index, a new one is appended.
func (e *emitter) envOps(env *ir.Environment, w *ir.Workload) []jsonPatchOp {
	index := map[string]int{}
	for i, v := range w.Env {
		index[v.Name] = i
	}
	var ops []jsonPatchOp
	var added []kube.EnvVar
	for _, v := range env.Env {
		if i, ok := index[v.Name]; ok {
			ops = append(ops, jsonPatchOp{Op: "replace", Path: containerPath + "/env/" + itoa(i), Value: e.envVar(v)})
		} else {
			added = append(added, e.envVar(v))
		}
	}
	switch {
	case len(added) == 0:
	case len(w.Env) == 0:
		ops = append(ops, jsonPatchOp{Op: "add", Path: containerPath + "/env", Value: added})
	default:
		for _, v := range added {
			ops = append(ops, jsonPatchOp{Op: "add", Path: containerPath + "/env/-", Value: v})
		}
	}
	return ops
}
