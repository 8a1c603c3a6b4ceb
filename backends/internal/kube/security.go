package kube

type SecurityContext struct {
	AllowPrivilegeEscalation *bool           `json:"allowPrivilegeEscalation,omitempty"`
	ReadOnlyRootFilesystem   *bool           `json:"readOnlyRootFilesystem,omitempty"`
	Capabilities             *Capabilities   `json:"capabilities,omitempty"`
	RunAsNonRoot             *bool           `json:"runAsNonRoot,omitempty"`
	RunAsUser                *int64          `json:"runAsUser,omitempty"`
	RunAsGroup               *int64          `json:"runAsGroup,omitempty"`
	SeccompProfile           *SeccompProfile `json:"seccompProfile,omitempty"`
}

type Capabilities struct {
	Add  []string `json:"add,omitempty"`
	Drop []string `json:"drop,omitempty"`
}

type SeccompProfile struct {
	Type string `json:"type"`
}

type PodSecurityContext struct {
	RunAsNonRoot   *bool           `json:"runAsNonRoot,omitempty"`
	FSGroup        *int64          `json:"fsGroup,omitempty"`
	SeccompProfile *SeccompProfile `json:"seccompProfile,omitempty"`
}

// Restricted is the container part of the Pod Security "restricted"
// standard that every backend's containers share: no privilege
// escalation, every capability dropped, a non-root user. The seccomp
// profile may be set on the container or the pod, so each backend adds
// it where it writes it, with what else it needs (a read-only root file
// system, a fixed uid).
func Restricted() *SecurityContext {
	f, t := false, true
	return &SecurityContext{
		AllowPrivilegeEscalation: &f,
		Capabilities:             &Capabilities{Drop: []string{"ALL"}},
		RunAsNonRoot:             &t,
	}
}

// RuntimeDefault is the container runtime's default seccomp profile, the
// one the restricted standard accepts.
func RuntimeDefault() *SeccompProfile { return &SeccompProfile{Type: "RuntimeDefault"} }
