package argo

import (
	"strconv"

	"github.com/pipec-dev/pipec/backends/internal/kube"
)

// The Kubernetes core objects pipec writes. Field names and JSON tags mirror
// k8s.io/api; only the fields pipec sets exist. Those the Tekton backend
// writes too (metadata, env, volumes, security contexts) come from kube.

type templateMeta struct {
	Labels map[string]string `json:"labels,omitempty"`
}

type labelSelector struct {
	MatchLabels map[string]string `json:"matchLabels"`
}

// intOrString renders as a JSON number when it holds an integer, as Kubernetes
// IntOrString fields expect ("25%" stays a string, "2" becomes 2).
type intOrString string

func (v intOrString) YAMLValue() any {
	if n, err := strconv.Atoi(string(v)); err == nil {
		return n
	}
	return string(v)
}

type podTemplateSpec struct {
	Metadata *templateMeta `json:"metadata,omitempty"`
	Spec     podSpec       `json:"spec"`
}

type podSpec struct {
	ServiceAccountName           string                   `json:"serviceAccountName,omitempty"`
	AutomountServiceAccountToken *bool                    `json:"automountServiceAccountToken,omitempty"`
	RestartPolicy                string                   `json:"restartPolicy,omitempty"`
	SecurityContext              *kube.PodSecurityContext `json:"securityContext,omitempty"`
	Containers                   []container              `json:"containers"`
	Volumes                      []kube.Volume            `json:"volumes,omitempty"`
}

type container struct {
	Name            string                `json:"name"`
	Image           string                `json:"image"`
	Command         []string              `json:"command,omitempty"`
	Ports           []containerPort       `json:"ports,omitempty"`
	Env             []kube.EnvVar         `json:"env,omitempty"`
	Resources       *resources            `json:"resources,omitempty"`
	ReadinessProbe  *probe                `json:"readinessProbe,omitempty"`
	LivenessProbe   *probe                `json:"livenessProbe,omitempty"`
	SecurityContext *kube.SecurityContext `json:"securityContext,omitempty"`
	VolumeMounts    []kube.VolumeMount    `json:"volumeMounts,omitempty"`
}

type containerPort struct {
	Name          string `json:"name"`
	ContainerPort int    `json:"containerPort"`
	Protocol      string `json:"protocol"`
}

type resources struct {
	Requests map[string]string `json:"requests,omitempty"`
	Limits   map[string]string `json:"limits,omitempty"`
}

type probe struct {
	HTTPGet *httpGetAction `json:"httpGet"`
}

type httpGetAction struct {
	Path string      `json:"path"`
	Port intOrString `json:"port"`
}

type serviceAccount struct {
	APIVersion                   string          `json:"apiVersion"`
	Kind                         string          `json:"kind"`
	Metadata                     kube.ObjectMeta `json:"metadata"`
	AutomountServiceAccountToken *bool           `json:"automountServiceAccountToken"`
}

type deployment = kube.Object[deploymentSpec]

type deploymentSpec struct {
	Replicas int             `json:"replicas"`
	Selector labelSelector   `json:"selector"`
	Template podTemplateSpec `json:"template"`
}

type service = kube.Object[serviceSpec]

type serviceSpec struct {
	Selector map[string]string `json:"selector"`
	Ports    []servicePort     `json:"ports"`
}

type servicePort struct {
	Name       string      `json:"name"`
	Port       int         `json:"port"`
	TargetPort intOrString `json:"targetPort"`
	Protocol   string      `json:"protocol"`
}

type ingress = kube.Object[ingressSpec]

type ingressSpec struct {
	IngressClassName string        `json:"ingressClassName,omitempty"`
	Rules            []ingressRule `json:"rules"`
}

type ingressRule struct {
	Host string          `json:"host"`
	HTTP ingressRuleHTTP `json:"http"`
}

type ingressRuleHTTP struct {
	Paths []ingressPath `json:"paths"`
}

type ingressPath struct {
	Path     string         `json:"path"`
	PathType string         `json:"pathType"`
	Backend  ingressBackend `json:"backend"`
}

type ingressBackend struct {
	Service ingressServiceBackend `json:"service"`
}

type ingressServiceBackend struct {
	Name string             `json:"name"`
	Port serviceBackendPort `json:"port"`
}

type serviceBackendPort struct {
	Name string `json:"name"`
}

func boolp(b bool) *bool { return &b }
func intp(i int) *int    { return &i }
