package tekton

// Tool images pipec chooses, pinned by digest so a moved tag cannot change
// what runs (the trivy-action tag hijack of 2026-03 is the cautionary
// tale). The digests are the ones public repositories pin for these exact
// tags; docs/backends/tekton.md lists them with how to re-check them.
const (
	// gitImage clones the source and the GitOps repository (git + sh).
	gitImage = "docker.io/alpine/git:v2.49.1@sha256:c0280cf9572316299b08544065d3bf35db65043d5e3963982ec50647d2746e26"
	// buildahImage builds the image into an OCI layout; it never pushes.
	buildahImage = "quay.io/buildah/stable:v1.43.2@sha256:6671da220c2a55976b4f10f6edfe21da3fcba86a81d495ce1ecd5b1129a97063"
	// skopeoImage pushes the scanned OCI layout; it needs no privileges.
	skopeoImage = "quay.io/skopeo/stable:v1.22.2@sha256:0b98d4296bfd35680c09fd40a5bff17b8569715258a4bee0a7ae3ca500eaaece"
	// trivyImage is 0.69.3, the last release before the 2026-03 compromise.
	trivyImage = "docker.io/aquasec/trivy:0.69.3@sha256:bcc376de8d77cfe086a917230e818dc9f8528e3c852f7b1aff648949b6258d1c"
	// k8sImage carries kubectl and kustomize (and sh) for the overlay edit
	// and the health wait.
	k8sImage = "docker.io/alpine/k8s:1.34.1@sha256:ec714df3813b5405292860f8a1c55c5727bf8c33c88992f1e981efad8065547f"
)
