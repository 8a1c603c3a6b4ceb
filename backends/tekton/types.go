package tekton

import "github.com/pipec-dev/pipec/backends/internal/kube"

// The structs below mirror the JSON names of tekton.dev/v1 (Pipelines
// v1.12). Only the fields pipec writes are declared; omitempty keeps the
// output free of the empty fields the upstream types would print. The
// Kubernetes core types they hold come from kube.

type task = kube.Object[taskSpec]

type taskSpec struct {
	Description string          `json:"description,omitempty"`
	Params      []paramSpec     `json:"params,omitempty"`
	Results     []taskResult    `json:"results,omitempty"`
	Workspaces  []workspaceDecl `json:"workspaces,omitempty"`
	Volumes     []kube.Volume   `json:"volumes,omitempty"`
	Steps       []step          `json:"steps"`
	Sidecars    []sidecar       `json:"sidecars,omitempty"`
}

type paramSpec struct {
	Name        string  `json:"name"`
	Type        string  `json:"type,omitempty"`
	Description string  `json:"description,omitempty"`
	Default     *string `json:"default,omitempty"`
}

type taskResult struct {
	Name        string `json:"name"`
	Type        string `json:"type,omitempty"`
	Description string `json:"description,omitempty"`
}

type workspaceDecl struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

type step struct {
	Name            string                `json:"name"`
	Image           string                `json:"image"`
	WorkingDir      string                `json:"workingDir,omitempty"`
	Env             []kube.EnvVar         `json:"env,omitempty"`
	VolumeMounts    []kube.VolumeMount    `json:"volumeMounts,omitempty"`
	SecurityContext *kube.SecurityContext `json:"securityContext,omitempty"`
	Script          string                `json:"script"`
}

type sidecar struct {
	Name            string                `json:"name"`
	Image           string                `json:"image"`
	Env             []kube.EnvVar         `json:"env,omitempty"`
	Ports           []containerPort       `json:"ports,omitempty"`
	ReadinessProbe  *probe                `json:"readinessProbe,omitempty"`
	SecurityContext *kube.SecurityContext `json:"securityContext,omitempty"`
}

type containerPort struct {
	ContainerPort int `json:"containerPort"`
}

type probe struct {
	TCPSocket     *tcpSocket `json:"tcpSocket,omitempty"`
	PeriodSeconds int        `json:"periodSeconds,omitempty"`
}

type tcpSocket struct {
	Port int `json:"port"`
}

type pipeline = kube.Object[pipelineSpec]

type pipelineSpec struct {
	Description string              `json:"description,omitempty"`
	Params      []paramSpec         `json:"params,omitempty"`
	Workspaces  []workspaceDecl     `json:"workspaces,omitempty"`
	Tasks       []pipelineTask      `json:"tasks"`
	Results     []pipelineResultDef `json:"results,omitempty"`
}

type pipelineResultDef struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Value       string `json:"value"`
}

type pipelineTask struct {
	Name       string             `json:"name"`
	TaskRef    *taskRef           `json:"taskRef,omitempty"`
	RunAfter   []string           `json:"runAfter,omitempty"`
	When       []whenExpression   `json:"when,omitempty"`
	Params     []param            `json:"params,omitempty"`
	Matrix     *matrix            `json:"matrix,omitempty"`
	Workspaces []workspaceBinding `json:"workspaces,omitempty"`
	Timeout    string             `json:"timeout,omitempty"`
}

type taskRef struct {
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
}

type whenExpression struct {
	Input    string   `json:"input"`
	Operator string   `json:"operator"`
	Values   []string `json:"values"`
}

type param struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type matrix struct {
	Params []matrixParam `json:"params"`
}

type matrixParam struct {
	Name  string   `json:"name"`
	Value []string `json:"value"`
}

type workspaceBinding struct {
	Name      string `json:"name"`
	Workspace string `json:"workspace"`
}

type pipelineRun = kube.Object[pipelineRunSpec]

type pipelineRunSpec struct {
	PipelineRef     *pipelineRef          `json:"pipelineRef"`
	Params          []param               `json:"params,omitempty"`
	Timeouts        *timeouts             `json:"timeouts,omitempty"`
	TaskRunTemplate *taskRunTemplate      `json:"taskRunTemplate,omitempty"`
	TaskRunSpecs    []pipelineTaskRunSpec `json:"taskRunSpecs,omitempty"`
	Workspaces      []runWorkspace        `json:"workspaces,omitempty"`
}

type pipelineRef struct {
	Name string `json:"name"`
}

type timeouts struct {
	Pipeline string `json:"pipeline,omitempty"`
}

type taskRunTemplate struct {
	ServiceAccountName string       `json:"serviceAccountName,omitempty"`
	PodTemplate        *podTemplate `json:"podTemplate,omitempty"`
}

type pipelineTaskRunSpec struct {
	PipelineTaskName string       `json:"pipelineTaskName"`
	PodTemplate      *podTemplate `json:"podTemplate,omitempty"`
}

type podTemplate struct {
	SecurityContext *kube.PodSecurityContext `json:"securityContext,omitempty"`
	HostUsers       *bool                    `json:"hostUsers,omitempty"`
	HostAliases     []hostAlias              `json:"hostAliases,omitempty"`
}

// hostAlias is a core/v1 HostAlias: an /etc/hosts entry of the pod.
type hostAlias struct {
	IP        string   `json:"ip"`
	Hostnames []string `json:"hostnames,omitempty"`
}

type runWorkspace struct {
	Name                string               `json:"name"`
	VolumeClaimTemplate *volumeClaimTemplate `json:"volumeClaimTemplate,omitempty"`
}

type volumeClaimTemplate struct {
	Spec pvcSpec `json:"spec"`
}

type pvcSpec struct {
	AccessModes []string     `json:"accessModes"`
	Resources   pvcResources `json:"resources"`
}

type pvcResources struct {
	Requests map[string]string `json:"requests"`
}
