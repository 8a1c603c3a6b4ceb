package kube

// Object is the envelope every object pipec writes shares; a backend
// names its kinds as aliases, e.g. type task = kube.Object[taskSpec].
type Object[Spec any] struct {
	APIVersion string     `json:"apiVersion"`
	Kind       string     `json:"kind"`
	Metadata   ObjectMeta `json:"metadata"`
	Spec       Spec       `json:"spec"`
}

// ObjectMeta leaves name out when it is empty, as upstream does, so that
// an object created from a template can carry generateName instead.
type ObjectMeta struct {
	Name         string            `json:"name,omitempty"`
	GenerateName string            `json:"generateName,omitempty"`
	Namespace    string            `json:"namespace,omitempty"`
	Labels       map[string]string `json:"labels,omitempty"`
	Annotations  map[string]string `json:"annotations,omitempty"`
}
