package argo_test

import (
	"path"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/argo/argotest"
	"sigs.k8s.io/yaml"
)

// object is a generated file decoded loosely, for walking.
type object = map[string]any

func decode(t *testing.T, name string, data []byte) object {
	t.Helper()
	var o object
	if err := yaml.Unmarshal(data, &o); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return o
}

func get(o any, keys ...string) any {
	for _, k := range keys {
		m, ok := o.(map[string]any)
		if !ok {
			return nil
		}
		o = m[k]
	}
	return o
}

// podSpecs returns the pod specs an object runs, by where they sit.
func podSpecs(o object) map[string]any {
	out := map[string]any{}
	switch o["kind"] {
	case "Deployment", "Rollout":
		out["spec.template.spec"] = get(o, "spec", "template", "spec")
	case "AnalysisTemplate":
		metrics, _ := get(o, "spec", "metrics").([]any)
		for _, m := range metrics {
			if job := get(m, "provider", "job"); job != nil {
				out["metric "+get(m, "name").(string)] = get(job, "spec", "template", "spec")
			}
		}
	}
	return out
}

// TestRestrictedPodSecurity checks every pod pipec writes against the
// fields the "restricted" Pod Security Standard requires (the conformance
// module also runs the real admission checks on the built overlays).
func TestRestrictedPodSecurity(t *testing.T) {
	pods := 0
	for _, f := range argotest.All() {
		automount := map[string]bool{}
		for _, w := range f.Program().Workloads {
			automount[w.Name] = w.AutomountToken
		}
		for _, file := range emit(t, f) {
			o := decode(t, file.Path, file.Data)
			for where, spec := range podSpecs(o) {
				pods++
				at := f.Name + ": " + file.Path + " " + where
				if got := get(spec, "securityContext", "runAsNonRoot"); got != true {
					t.Errorf("%s: pod runAsNonRoot = %v", at, got)
				}
				if got := get(spec, "securityContext", "seccompProfile", "type"); got != "RuntimeDefault" {
					t.Errorf("%s: seccompProfile = %v", at, got)
				}
				wantToken := o["kind"] != "AnalysisTemplate" && automount[get(o, "metadata", "name").(string)]
				if got := get(spec, "automountServiceAccountToken"); got != wantToken {
					t.Errorf("%s: automountServiceAccountToken = %v, want %v", at, got, wantToken)
				}
				if got := get(spec, "volumes"); !cmp.Equal(got, []any{map[string]any{"name": "tmp", "emptyDir": map[string]any{}}}) {
					t.Errorf("%s: volumes = %v, want only the /tmp emptyDir", at, got)
				}
				containers, _ := get(spec, "containers").([]any)
				if len(containers) != 1 {
					t.Errorf("%s: %d containers, want 1", at, len(containers))
				}
				for _, c := range containers {
					sc := get(c, "securityContext")
					want := map[string]any{
						"allowPrivilegeEscalation": false,
						"readOnlyRootFilesystem":   true,
						"runAsNonRoot":             true,
						"capabilities":             map[string]any{"drop": []any{"ALL"}},
					}
					if diff := cmp.Diff(want, sc); diff != "" {
						t.Errorf("%s: container securityContext (-want +got):\n%s", at, diff)
					}
					if diff := cmp.Diff([]any{map[string]any{"name": "tmp", "mountPath": "/tmp"}}, get(c, "volumeMounts")); diff != "" {
						t.Errorf("%s: volumeMounts (-want +got):\n%s", at, diff)
					}
				}
			}
		}
	}
	if pods == 0 {
		t.Fatal("no pod specs found in any fixture")
	}
}

// TestNoDeprecatedKustomizeFields walks every kustomization for fields
// Kustomize deprecated, and for top-level fields pipec does not mean to use.
func TestNoDeprecatedKustomizeFields(t *testing.T) {
	deprecated := []string{"commonLabels", "patchesStrategicMerge", "patchesJson6902", "bases", "vars", "imageTags"}
	allowed := map[string]bool{"apiVersion": true, "kind": true, "namespace": true, "resources": true, "configurations": true, "labels": true, "images": true, "replicas": true, "patches": true}
	seen := 0
	for _, f := range argotest.All() {
		for _, file := range emit(t, f) {
			if path.Base(file.Path) != "kustomization.yaml" {
				continue
			}
			seen++
			o := decode(t, file.Path, file.Data)
			for _, d := range deprecated {
				if _, ok := o[d]; ok {
					t.Errorf("%s: %s: deprecated field %s", f.Name, file.Path, d)
				}
			}
			for k := range o {
				if !allowed[k] {
					t.Errorf("%s: %s: unexpected field %s", f.Name, file.Path, k)
				}
			}
			if strings.Contains(file.Path, "/overlays/") {
				if got := get(o, "resources").([]any)[0]; got != "../../base" {
					t.Errorf("%s: %s: first resource %v, want ../../base", f.Name, file.Path, got)
				}
				images, _ := o["images"].([]any)
				for _, im := range images {
					if d, _ := get(im, "digest").(string); !strings.HasPrefix(d, "sha256:") || get(im, "newTag") != nil {
						t.Errorf("%s: %s: image %v is not set by digest", f.Name, file.Path, im)
					}
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no kustomization.yaml in any fixture")
	}
}

// TestNoSecretObjects: secrets reach the cluster only through
// ExternalSecrets and secretKeyRefs, never as a Secret with data.
func TestNoSecretObjects(t *testing.T) {
	for _, f := range argotest.All() {
		for _, file := range emit(t, f) {
			if o := decode(t, file.Path, file.Data); o["kind"] == "Secret" {
				t.Errorf("%s: %s is a Secret", f.Name, file.Path)
			}
		}
	}
}

// TestEnvironmentHostAloneWritesIngress: an environment's host gives the
// one workload with a port an Ingress in that overlay only, so a workload
// needs no host of its own to be served in one environment.
func TestEnvironmentHostAloneWritesIngress(t *testing.T) {
	var ingresses []string
	for _, file := range emit(t, argotest.Fixture{Name: "traffic-nginx", Program: argotest.TrafficNginx}) {
		if o := decode(t, file.Path, file.Data); o["kind"] == "Ingress" {
			ingresses = append(ingresses, file.Path+" "+get(o, "spec", "rules").([]any)[0].(map[string]any)["host"].(string))
		}
	}
	want := []string{
		"deploy/apps/storefront/overlays/production/web-ingress.yaml shop.example.com",
		"deploy/apps/storefront/overlays/staging/web-ingress.yaml staging.shop.example.com",
	}
	if diff := cmp.Diff(want, ingresses); diff != "" {
		t.Errorf("Ingresses (-want +got):\n%s", diff)
	}
}
