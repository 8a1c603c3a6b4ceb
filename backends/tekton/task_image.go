package tekton

import (
	"strconv"
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// An image goes build -> scan -> push as three Tasks sharing an OCI
// layout in the workspace, so nothing reaches the registry before trivy
// passed it, only the build step needs the PSS exception, and the push
// step (skopeo, unprivileged) is the one holding registry credentials.

func layoutPath(im *ir.Image) string { return imagesDir + "/" + dnsLabel(im.Name) }

func (e *emitter) buildTask(im *ir.Image) *builtTask {
	bt := e.newTask("build-"+dnsLabel(im.Name), "Build image \""+im.Name+"\" into an OCI layout in the workspace; the push Task publishes it after the scan.")
	bt.header = []string{"SECURITY EXCEPTION: " + buildExceptionNote}
	bt.obj.Metadata.Annotations = map[string]string{"pipec.dev/pss-exception": buildExceptionNote}
	b := newBinder(e.p, im.Range, "image \""+im.Name+"\"", &e.diags)
	bt.obj.Spec.Workspaces = sourceWorkspace()
	ctxDir := im.Context
	if ctxDir == "" {
		ctxDir = "."
	}
	dockerfile := im.Dockerfile
	if dockerfile == "" {
		dockerfile = "Dockerfile"
	}
	env := []kube.EnvVar{
		{Name: "STORAGE_DRIVER", Value: "vfs"},
		{Name: "BUILDAH_ISOLATION", Value: "chroot"},
		{Name: "PIPEC_CONTEXT", Value: ctxDir},
		{Name: "PIPEC_DOCKERFILE", Value: joinPath(ctxDir, dockerfile)},
		{Name: "PIPEC_LAYOUT", Value: layoutPath(im)},
		{Name: "PIPEC_PLATFORMS", Value: strings.Join(im.Platforms, ",")},
	}
	var names []string
	for _, a := range im.BuildArgs {
		if !isIdent(a.Name) {
			addErr(&e.diags, a.Range, "invalid build arg name", "build arg "+strconv.Quote(a.Name)+" of image \""+im.Name+"\" must be a shell identifier (letters, digits, _).")
			continue
		}
		names = append(names, a.Name)
		env = append(env, kube.EnvVar{Name: "PIPEC_BUILD_ARG_" + a.Name, Value: b.value(a.Value)})
	}
	env = append(env, kube.EnvVar{Name: "PIPEC_BUILD_ARG_NAMES", Value: strings.Join(names, " ")})
	bt.obj.Spec.Steps = []step{{
		Name: "build", Image: buildahImage, WorkingDir: srcDir, Env: env,
		SecurityContext: buildException(),
		Script: `#!/bin/sh
set -eu
set --
for name in $PIPEC_BUILD_ARG_NAMES; do
  set -- "$@" --build-arg "$name=$(printenv "PIPEC_BUILD_ARG_$name")"
done
if [ -n "$PIPEC_PLATFORMS" ]; then
  set -- "$@" --platform "$PIPEC_PLATFORMS"
fi
buildah build --format=oci --manifest pipec-image --file "$PIPEC_DOCKERFILE" "$@" "$PIPEC_CONTEXT"
rm -rf "$PIPEC_LAYOUT"
mkdir -p "$PIPEC_LAYOUT"
buildah manifest push --all pipec-image "oci:$PIPEC_LAYOUT:image"
`,
	}}
	bt.bind(b)
	return bt
}

func joinPath(dir, file string) string {
	if dir == "" || dir == "." || strings.HasPrefix(file, "/") {
		return file
	}
	return strings.TrimSuffix(dir, "/") + "/" + file
}

func (e *emitter) scanTask(im *ir.Image) *builtTask {
	bt := e.newTask("scan-"+dnsLabel(im.Name), "Scan image \""+im.Name+"\" with trivy before it is pushed; fail on "+strings.Join(im.Scan.Severity, ",")+".")
	bt.obj.Spec.Workspaces = sourceWorkspace()
	sev := im.Scan.Severity
	if len(sev) == 0 {
		sev = []string{"CRITICAL", "HIGH"}
	}
	if im.Scan.Scanner != "" && im.Scan.Scanner != "trivy" {
		addErr(&e.diags, im.Scan.Range, "unsupported scanner", "The Tekton backend scans with trivy; set scanner = \"trivy\".")
	}
	env := []kube.EnvVar{
		homeEnv(),
		{Name: "TRIVY_SEVERITY", Value: strings.Join(sev, ",")},
		{Name: "TRIVY_EXIT_CODE", Value: "1"},
		{Name: "TRIVY_IGNORE_UNFIXED", Value: strconv.FormatBool(im.Scan.IgnoreUnfixed)},
		{Name: "TRIVY_CACHE_DIR", Value: "/tmp/trivy"},
		{Name: "TRIVY_NO_PROGRESS", Value: "true"},
		{Name: "PIPEC_LAYOUT", Value: layoutPath(im)},
		{Name: "PIPEC_PLATFORMS", Value: strings.Join(im.Platforms, ",")},
	}
	bt.obj.Spec.Steps = []step{{
		Name: "scan", Image: trivyImage, Env: env, SecurityContext: restricted(),
		Script: `#!/bin/sh
set -eu
if [ -z "$PIPEC_PLATFORMS" ]; then
  trivy image --input "$PIPEC_LAYOUT"
  exit 0
fi
for platform in $(printf '%s' "$PIPEC_PLATFORMS" | tr ',' ' '); do
  trivy image --platform "$platform" --input "$PIPEC_LAYOUT"
done
`,
	}}
	return bt
}

// pushTask publishes the scanned layout by digest, then copies that
// manifest under every tag that applies to the event, so all tags name
// the same manifest and an event without any (a branch push of an image
// tagged only with git.tag) still pushes, untagged, as GitHub Actions
// does. Its IMAGE_URL/IMAGE_DIGEST results are what Tekton Chains signs
// and records in provenance.
func (e *emitter) pushTask(im *ir.Image) *builtTask {
	bt := e.newTask("push-"+dnsLabel(im.Name), "Push image \""+im.Name+"\" with its tags and report its digest.")
	b := newBinder(e.p, im.Range, "image \""+im.Name+"\"", &e.diags)
	bt.obj.Spec.Workspaces = sourceWorkspace()
	bt.obj.Spec.Results = []taskResult{
		{Name: "IMAGE_URL", Type: "string", Description: "Repository the image was pushed to (Tekton Chains type hint)."},
		{Name: "IMAGE_DIGEST", Type: "string", Description: "sha256 digest of the pushed image (Tekton Chains type hint)."},
	}
	env := []kube.EnvVar{
		homeEnv(),
		{Name: "REGISTRY_AUTH_FILE", Value: "/tmp/auth.json"},
		{Name: "PIPEC_LAYOUT", Value: layoutPath(im)},
		{Name: "PIPEC_REPOSITORY", Value: im.Repository},
		{Name: "PIPEC_RESULT_IMAGE_URL", Value: "$(results.IMAGE_URL.path)"},
		{Name: "PIPEC_RESULT_IMAGE_DIGEST", Value: "$(results.IMAGE_DIGEST.path)"},
	}
	tags := im.Tags
	if len(tags) == 0 {
		// An image without tags is still findable by its commit.
		tags = []ir.Tag{{Value: ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.GitSHA}}}}}}
	}
	var idx []string
	tagOnly := false
	for i, tg := range tags {
		n := strconv.Itoa(i)
		idx = append(idx, n)
		env = append(env, kube.EnvVar{Name: "PIPEC_TAG_" + n, Value: b.value(tg.Value)})
		if tg.OnTagOnly {
			tagOnly = true
			env = append(env, kube.EnvVar{Name: "PIPEC_TAG_ONLY_" + n, Value: "true"})
		}
	}
	env = append(env, kube.EnvVar{Name: "PIPEC_TAG_INDEXES", Value: strings.Join(idx, " ")})
	if tagOnly {
		env = append(env, kube.EnvVar{Name: "PIPEC_GIT_TAG", Value: b.expr(ir.Ref{Kind: ir.GitTag})})
	}
	if l := im.Login; l != nil {
		if refs := l.Username.Refs(); len(l.Username.Parts) == 1 && len(refs) == 1 && refs[0].Kind == ir.SecretValue && e.p.Secret(refs[0].Name) != nil {
			// A registry user kept as a secret (common on Docker Hub).
			env = append(env, secretEnv("PIPEC_REGISTRY_USERNAME", e.p.Secret(refs[0].Name)))
		} else {
			env = append(env, kube.EnvVar{Name: "PIPEC_REGISTRY_USERNAME", Value: b.value(l.Username)})
		}
		if l.Password != nil {
			env = append(env, secretEnv("PIPEC_REGISTRY_PASSWORD", l.Password))
		} else {
			addErr(&e.diags, l.Range, "registry login without password", "login of image \""+im.Name+"\" needs password = secret.NAME.")
		}
	}
	bt.obj.Spec.Steps = []step{{
		Name: "push", Image: skopeoImage, Env: env, SecurityContext: restricted(),
		Script: pushScript,
	}}
	bt.bind(b)
	return bt
}

// pushScript computes the layout's digest (sha256 of its top manifest,
// which --preserve-digests keeps byte for byte), pushes by that digest
// and checks the registry stored the same. A rendered tag that is not a
// valid Docker tag (empty, or starting with '.' or '-', as
// "${git.branch}-x" does on a tag event) is skipped, as on GitHub.
const pushScript = `#!/bin/sh
set -eu
if [ -n "${PIPEC_REGISTRY_PASSWORD:-}" ]; then
  printf '%s' "$PIPEC_REGISTRY_PASSWORD" | skopeo login --username "$PIPEC_REGISTRY_USERNAME" --password-stdin "${PIPEC_REPOSITORY%%/*}"
fi
digest="sha256:$(skopeo inspect --raw "oci:$PIPEC_LAYOUT:image" | sha256sum | cut -d ' ' -f 1)"
skopeo copy --all --preserve-digests --digestfile /tmp/digest "oci:$PIPEC_LAYOUT:image" "docker://$PIPEC_REPOSITORY@$digest"
if [ "$(cat /tmp/digest)" != "$digest" ]; then
  echo "the registry stored $(cat /tmp/digest), not $digest" >&2
  exit 1
fi
tagged=0
for i in $PIPEC_TAG_INDEXES; do
  if [ "$(printenv "PIPEC_TAG_ONLY_$i" || true)" = true ] && [ -z "${PIPEC_GIT_TAG:-}" ]; then
    continue
  fi
  raw="$(printenv "PIPEC_TAG_$i" || true)"
  tag="$(printf '%s' "$raw" | tr -c 'A-Za-z0-9_.-' '-' | cut -c1-128)"
  case "$tag" in
    '' | [.-]*)
      echo "skipping tag '$raw': not a valid image tag here"
      continue
      ;;
  esac
  skopeo copy --all --preserve-digests "docker://$PIPEC_REPOSITORY@$digest" "docker://$PIPEC_REPOSITORY:$tag"
  tagged=$((tagged + 1))
done
if [ "$tagged" -eq 0 ]; then
  echo "no tag applies to this event; $PIPEC_REPOSITORY@$digest is pushed untagged"
fi
printf '%s' "$PIPEC_REPOSITORY" > "$PIPEC_RESULT_IMAGE_URL"
printf '%s' "$digest" > "$PIPEC_RESULT_IMAGE_DIGEST"
`
