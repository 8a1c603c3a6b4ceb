package kube

type Volume struct {
	Name     string    `json:"name"`
	EmptyDir *EmptyDir `json:"emptyDir,omitempty"`
}

// EmptyDir has no fields pipec sets; it prints as {}.
type EmptyDir struct{}

type VolumeMount struct {
	Name      string `json:"name"`
	MountPath string `json:"mountPath"`
}
