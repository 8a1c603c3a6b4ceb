package tekton

// The structs below mirror the JSON names of tekton.dev/v1 (Pipelines
// v1.12). Only the fields pipec writes are declared; omitempty keeps the
// output free of the empty fields the upstream types would print.

type objectMeta struct {
	Name         string            `json:"name,omitempty"`
	GenerateName string            `json:"generateName,omitempty"`
	Labels       map[string]string `json:"labels,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
}

type task struct {
	APIVersion string     `json:"apiVersion"`
	Kind       string     `json:"kind"`
	Metadata   objectMeta `json:"metadata"`
	Spec       taskSpec   `json:"spec"`
}

type taskSpec struct {
	Description string          `json:"description,omitempty"`
	Params      []paramSpec     `json:"params,omitempty"`
	Results     []taskResult    `json:"results,omitempty"`
	Workspaces  []workspaceDecl `json:"workspaces,omitempty"`
	Volumes     []volume        `json:"volumes,omitempty"`
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

type volume struct {
	Name     string    `json:"name"`
	EmptyDir *emptyDir `json:"emptyDir,omitempty"`
}

type emptyDir struct{}

type volumeMount struct {
	Name      string `json:"name"`
	MountPath string `json:"mountPath"`
}

type step struct {
	Name            string           `json:"name"`
	Image           string           `json:"image"`
	WorkingDir      string           `json:"workingDir,omitempty"`
	Env             []envVar         `json:"env,omitempty"`
	VolumeMounts    []volumeMount    `json:"volumeMounts,omitempty"`
	SecurityContext *securityContext `json:"securityContext,omitempty"`
	Script          string           `json:"script"`
}

type sidecar struct {
	Name            string           `json:"name"`
	Image           string           `json:"image"`
	Env             []envVar         `json:"env,omitempty"`
	Ports           []containerPort  `json:"ports,omitempty"`
	ReadinessProbe  *probe           `json:"readinessProbe,omitempty"`
	SecurityContext *securityContext `json:"securityContext,omitempty"`
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

type envVar struct {
	Name      string     `json:"name"`
	Value     string     `json:"value,omitempty"`
	ValueFrom *envSource `json:"valueFrom,omitempty"`
}

type envSource struct {
	SecretKeyRef *secretKeyRef `json:"secretKeyRef,omitempty"`
}

type secretKeyRef struct {
	Name string `json:"name"`
	Key  string `json:"key"`
}

type securityContext struct {
	AllowPrivilegeEscalation *bool           `json:"allowPrivilegeEscalation,omitempty"`
	Capabilities             *capabilities   `json:"capabilities,omitempty"`
	RunAsNonRoot             *bool           `json:"runAsNonRoot,omitempty"`
	RunAsUser                *int64          `json:"runAsUser,omitempty"`
	RunAsGroup               *int64          `json:"runAsGroup,omitempty"`
	SeccompProfile           *seccompProfile `json:"seccompProfile,omitempty"`
}

type capabilities struct {
	Add  []string `json:"add,omitempty"`
	Drop []string `json:"drop,omitempty"`
}

type seccompProfile struct {
	Type string `json:"type"`
}

type pipeline struct {
	APIVersion string       `json:"apiVersion"`
	Kind       string       `json:"kind"`
	Metadata   objectMeta   `json:"metadata"`
	Spec       pipelineSpec `json:"spec"`
}

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

type pipelineRun struct {
	APIVersion string          `json:"apiVersion"`
	Kind       string          `json:"kind"`
	Metadata   objectMeta      `json:"metadata"`
	Spec       pipelineRunSpec `json:"spec"`
}

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
	SecurityContext *podSecurityContext `json:"securityContext,omitempty"`
	HostUsers       *bool               `json:"hostUsers,omitempty"`
}

type podSecurityContext struct {
	FSGroup        *int64          `json:"fsGroup,omitempty"`
	SeccompProfile *seccompProfile `json:"seccompProfile,omitempty"`
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
