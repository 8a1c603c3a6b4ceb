package argo

import (
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// Standard labels (kubernetes.io/docs/concepts/overview/working-with-objects/common-labels).
const (
	labelName      = "app.kubernetes.io/name"
	labelInstance  = "app.kubernetes.io/instance"
	labelPartOf    = "app.kubernetes.io/part-of"
	labelManagedBy = "app.kubernetes.io/managed-by"
	labelComponent = "app.kubernetes.io/component"
	managedBy      = "pipec"
)

// portName names the workload's one port; probes, Service and Ingress use it
// so a port number appears once.
const portName = "http"

// tmpVolume is the writable scratch space a read-only root file system
// leaves the container.
const tmpVolume = "tmp"

// workloadLabels are the labels written in the base. The overlay adds
// app.kubernetes.io/instance (to selectors too), and the base kustomization
// adds part-of and managed-by.
func workloadLabels(w *ir.Workload) map[string]string {
	return map[string]string{labelName: w.Name}
}

// restrictedPod wraps one container in a pod spec that passes the
// Kubernetes "restricted" Pod Security Standard: non-root, no privilege
// escalation, all capabilities dropped, the runtime's seccomp profile and a
// read-only root file system with an emptyDir at /tmp.
func restrictedPod(c container, automountToken bool) podSpec {
	c.SecurityContext = kube.Restricted()
	c.SecurityContext.ReadOnlyRootFilesystem = boolp(true)
	c.VolumeMounts = append(c.VolumeMounts, kube.VolumeMount{Name: tmpVolume, MountPath: "/tmp"})
	return podSpec{
		AutomountServiceAccountToken: boolp(automountToken),
		SecurityContext: &kube.PodSecurityContext{
			RunAsNonRoot:   boolp(true),
			SeccompProfile: kube.RuntimeDefault(),
		},
		Containers: []container{c},
		Volumes:    []kube.Volume{{Name: tmpVolume, EmptyDir: &kube.EmptyDir{}}},
	}
}

// podTemplateFor is the workload's pod template as the base declares it.
func (e *emitter) podTemplateFor(w *ir.Workload) podTemplateSpec {
	c := container{Name: w.Name}
	if im := e.image(w.Image); im != nil {
		// The overlay's images entry adds the digest CI pushed.
		c.Image = im.Repository
	}
	if w.Port > 0 {
		c.Ports = []containerPort{{Name: portName, ContainerPort: w.Port, Protocol: "TCP"}}
	}
	c.Env = e.envVars(w.Env)
	if w.Resources.CPU != "" || w.Resources.Memory != "" {
		r := &resources{Requests: map[string]string{}}
		if w.Resources.CPU != "" {
			r.Requests["cpu"] = w.Resources.CPU
		}
		if w.Resources.Memory != "" {
			r.Requests["memory"] = w.Resources.Memory
			// Memory is not compressible: a limit equal to the request
			// keeps one pod from starving its neighbours. CPU is left
			// unlimited to avoid throttling.
			r.Limits = map[string]string{"memory": w.Resources.Memory}
		}
		c.Resources = r
	}
	if w.Health != "" && w.Port > 0 {
		c.ReadinessProbe = &probe{HTTPGet: &httpGetAction{Path: w.Health, Port: portName}}
		c.LivenessProbe = &probe{HTTPGet: &httpGetAction{Path: w.Health, Port: portName}}
	}
	spec := restrictedPod(c, w.AutomountToken)
	spec.ServiceAccountName = w.Name
	return podTemplateSpec{Metadata: &templateMeta{Labels: workloadLabels(w)}, Spec: spec}
}

// envVars renders env entries; a secret becomes a secretKeyRef so its value
// never reaches Git.
func (e *emitter) envVars(vars []ir.EnvVar) []kube.EnvVar {
	var out []kube.EnvVar
	for _, v := range vars {
		out = append(out, e.envVar(v))
	}
	return out
}

func (e *emitter) envVar(v ir.EnvVar) kube.EnvVar {
	if v.Secret != nil {
		return kube.SecretEnv(v.Name, v.Secret.Kubernetes, v.Secret.Key)
	}
	// check reports a runtime value once; here it only must not leak.
	if !v.Value.IsLiteral() {
		return kube.EnvVar{Name: v.Name}
	}
	return kube.EnvVar{Name: v.Name, Value: v.Value.String()}
}

func (e *emitter) serviceAccountFor(w *ir.Workload) serviceAccount {
	return serviceAccount{
		APIVersion:                   "v1",
		Kind:                         "ServiceAccount",
		Metadata:                     kube.ObjectMeta{Name: w.Name, Labels: workloadLabels(w)},
		AutomountServiceAccountToken: boolp(w.AutomountToken),
	}
}

func (e *emitter) deploymentFor(w *ir.Workload) deployment {
	return deployment{
		APIVersion: "apps/v1",
		Kind:       "Deployment",
		Metadata:   kube.ObjectMeta{Name: w.Name, Labels: workloadLabels(w)},
		Spec: deploymentSpec{
			Replicas: w.Replicas,
			Selector: labelSelector{MatchLabels: workloadLabels(w)},
			Template: e.podTemplateFor(w),
		},
	}
}

func (e *emitter) rolloutFor(w *ir.Workload) rollout {
	return rollout{
		APIVersion: rolloutsAPIVersion,
		Kind:       "Rollout",
		Metadata:   kube.ObjectMeta{Name: w.Name, Labels: workloadLabels(w)},
		Spec: rolloutSpec{
			Replicas: w.Replicas,
			Selector: labelSelector{MatchLabels: workloadLabels(w)},
			Template: e.podTemplateFor(w),
			Strategy: defaultStrategy(),
		},
	}
}

// serviceFor is the workload's Service; blue-green's active Service too.
// name differs for the preview Service.
func serviceFor(w *ir.Workload, name string) service {
	return service{
		APIVersion: "v1",
		Kind:       "Service",
		Metadata:   kube.ObjectMeta{Name: name, Labels: workloadLabels(w)},
		Spec: serviceSpec{
			Selector: workloadLabels(w),
			Ports:    []servicePort{{Name: portName, Port: w.Port, TargetPort: portName, Protocol: "TCP"}},
		},
	}
}
