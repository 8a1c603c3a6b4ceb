package tekton

import (
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/kube"
)

// nonRootUID is the uid every restricted step runs as. Images that default
// to root (node, alpine/git, trivy) start fine under it, and the pod's
// fsGroup makes the workspace writable for it.
const nonRootUID int64 = 65532

func ptr[T any](v T) *T { return &v }

// restricted is the Pod Security "restricted" container context, with
// the fixed uid and the seccomp profile set on the step itself.
func restricted() *kube.SecurityContext {
	sc := kube.Restricted()
	sc.RunAsUser = ptr(nonRootUID)
	sc.RunAsGroup = ptr(nonRootUID)
	sc.SeccompProfile = kube.RuntimeDefault()
	return sc
}

// buildException is the one container that is not restricted. buildah
// must be uid 0 inside the container to unpack layers with their owners
// and to chroot for RUN instructions; it gets back only the default
// runtime capabilities it uses, never privileged, and the pod runs in its
// own user namespace (hostUsers: false, set by the PipelineRun) so uid 0
// is unprivileged on the node. The Task carries the same explanation in
// its header and in the pipec.dev/pss-exception annotation.
func buildException() *kube.SecurityContext {
	return &kube.SecurityContext{
		AllowPrivilegeEscalation: ptr(false),
		Capabilities: &kube.Capabilities{
			Drop: []string{"ALL"},
			Add:  []string{"CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "SETFCAP", "SETGID", "SETUID", "SYS_CHROOT"},
		},
		RunAsNonRoot:   ptr(false),
		RunAsUser:      ptr(int64(0)),
		SeccompProfile: kube.RuntimeDefault(),
	}
}

// buildExceptionNote is written into the build Task's header comment and
// annotation.
const buildExceptionNote = "step build runs as uid 0 with default runtime capabilities (not privileged) in a user namespace (hostUsers: false); buildah needs this to unpack and chroot. Every other step is PSS restricted."

// podDefaults is the pod-level context of every TaskRun: the fsGroup lets
// uid 65532 write the workspace volume.
func podDefaults() *podTemplate {
	return &podTemplate{SecurityContext: &kube.PodSecurityContext{
		FSGroup:        ptr(nonRootUID),
		SeccompProfile: kube.RuntimeDefault(),
	}}
}

// serviceException is the context of a service the spec marks root = true:
// the image's own user (stock database images start as root to chown their
// data directory, then drop to their own user), no privilege escalation,
// only the capabilities such an entrypoint uses, and the default seccomp
// profile. The Task says so in its header and annotation.
func serviceException() *kube.SecurityContext {
	return &kube.SecurityContext{
		AllowPrivilegeEscalation: ptr(false),
		Capabilities: &kube.Capabilities{
			Drop: []string{"ALL"},
			Add:  []string{"CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"},
		},
		SeccompProfile: kube.RuntimeDefault(),
	}
}

func serviceExceptionNote(names []string) string {
	return "sidecar " + strings.Join(names, ", ") + " runs as its image's user with the capabilities a database entrypoint needs to chown and drop to its own user (root = true in the spec); no privilege escalation. Every step is PSS restricted."
}
