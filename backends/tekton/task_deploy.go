package tekton

import (
	"strconv"
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// gitopsTask publishes deploy/<gitops.path> (base and one overlay) into
// the GitOps repository, pins every deployed image by digest in that
// overlay, commits and pushes with retries. One Task serves every
// environment; the environment and the digests are params.
func (e *emitter) gitopsTask() *builtTask {
	g := e.p.GitOps
	bt := e.newTask("gitops-update", "Set the new image digests in the environment's overlay of the GitOps repository and push the commit.")
	b := newBinder(e.p, g.Range, "the gitops block", &e.diags)
	bt.obj.Spec.Params = []paramSpec{{Name: "environment", Type: "string", Description: "Environment whose overlay is updated."}}
	bt.obj.Spec.Results = []taskResult{{Name: "commit", Type: "string", Description: "GitOps repository commit that holds the new digests."}}
	bt.obj.Spec.Workspaces = sourceWorkspace()
	bt.obj.Spec.Volumes = []kube.Volume{{Name: "gitops", EmptyDir: &kube.EmptyDir{}}}
	mounts := []kube.VolumeMount{{Name: "gitops", MountPath: "/gitops"}}

	// Argo CD's Applications read <gitops.path>/overlays/<env>, also when
	// the GitOps repository is the source repository itself: the step
	// then publishes deploy/<path> into <path> of that same repository.
	overlayRoot := strings.Trim(g.Path, "/")
	if overlayRoot == "" {
		overlayRoot = "."
	}
	revision := g.Revision
	if revision == "" {
		revision = "main"
	}
	gitEnv := []kube.EnvVar{
		homeEnv(),
		{Name: "GIT_CONFIG_COUNT", Value: "2"},
		{Name: "GIT_CONFIG_KEY_0", Value: "safe.directory"},
		{Name: "GIT_CONFIG_VALUE_0", Value: "*"},
		{Name: "GIT_CONFIG_KEY_1", Value: "credential.helper"},
		// The helper reads the token from the environment when git asks,
		// so it never lands in a file, a URL or an argument list.
		{Name: "GIT_CONFIG_VALUE_1", Value: `!f() { test "$1" = get && printf 'username=x-access-token\npassword=%s\n' "$PIPEC_GITOPS_TOKEN"; }; f`},
		{Name: "PIPEC_GITOPS_URL", Value: httpsURL(g.Repository)},
		{Name: "PIPEC_GITOPS_REVISION", Value: revision},
		{Name: "PIPEC_ENVIRONMENT", Value: "$(params.environment)"},
	}
	if g.Token != nil {
		gitEnv = append(gitEnv, secretEnv("PIPEC_GITOPS_TOKEN", g.Token))
	} else {
		e.missingGitOpsToken(g)
	}

	cloneEnv := append(append([]kube.EnvVar(nil), gitEnv...),
		kube.EnvVar{Name: "PIPEC_SOURCE_TREE", Value: srcDir + "/deploy/" + overlayRoot},
		kube.EnvVar{Name: "PIPEC_OVERLAY_ROOT", Value: overlayRoot},
	)
	setEnv := []kube.EnvVar{homeEnv(), {Name: "PIPEC_ENVIRONMENT", Value: "$(params.environment)"}, {Name: "PIPEC_OVERLAY_ROOT", Value: overlayRoot}}
	var idx []string
	for i, im := range e.p.DeployedImages() {
		n := strconv.Itoa(i)
		idx = append(idx, n)
		setEnv = append(setEnv,
			kube.EnvVar{Name: "PIPEC_IMAGE_" + n + "_REPOSITORY", Value: im.Repository},
			kube.EnvVar{Name: "PIPEC_IMAGE_" + n + "_DIGEST", Value: b.expr(ir.Ref{Kind: ir.ImageDigest, Name: im.Name})},
		)
	}
	setEnv = append(setEnv, kube.EnvVar{Name: "PIPEC_IMAGE_INDEXES", Value: strings.Join(idx, " ")})
	pushEnv := append(append([]kube.EnvVar(nil), gitEnv...),
		kube.EnvVar{Name: "GIT_AUTHOR_NAME", Value: "pipec"},
		kube.EnvVar{Name: "GIT_AUTHOR_EMAIL", Value: "pipec@users.noreply.github.com"},
		kube.EnvVar{Name: "GIT_COMMITTER_NAME", Value: "pipec"},
		kube.EnvVar{Name: "GIT_COMMITTER_EMAIL", Value: "pipec@users.noreply.github.com"},
		kube.EnvVar{Name: "PIPEC_SOURCE_COMMIT", Value: b.expr(ir.Ref{Kind: ir.GitSHA})},
		kube.EnvVar{Name: "PIPEC_RESULT_COMMIT", Value: "$(results.commit.path)"},
	)

	bt.obj.Spec.Steps = []step{
		{
			Name: "clone", Image: gitImage, WorkingDir: "/gitops", Env: cloneEnv, VolumeMounts: mounts, SecurityContext: restricted(),
			Script: `#!/bin/sh
set -eu
git clone -q --depth=1 --branch "$PIPEC_GITOPS_REVISION" "$PIPEC_GITOPS_URL" repo
if [ ! -d "$PIPEC_SOURCE_TREE/overlays/$PIPEC_ENVIRONMENT" ]; then
  echo "the source repository has no $PIPEC_SOURCE_TREE/overlays/$PIPEC_ENVIRONMENT; commit the output of pipec build" >&2
  exit 1
fi
target="repo/$PIPEC_OVERLAY_ROOT"
mkdir -p "$target/overlays"
rm -rf "$target/base" "$target/overlays/$PIPEC_ENVIRONMENT"
cp -R "$PIPEC_SOURCE_TREE/base" "$target/base"
cp -R "$PIPEC_SOURCE_TREE/overlays/$PIPEC_ENVIRONMENT" "$target/overlays/$PIPEC_ENVIRONMENT"
`,
		},
		{
			Name: "set-digests", Image: k8sImage, WorkingDir: "/gitops", Env: setEnv, VolumeMounts: mounts, SecurityContext: restricted(),
			Script: `#!/bin/sh
set -eu
cd "repo/$PIPEC_OVERLAY_ROOT/overlays/$PIPEC_ENVIRONMENT"
for i in $PIPEC_IMAGE_INDEXES; do
  repository="$(printenv "PIPEC_IMAGE_${i}_REPOSITORY")"
  digest="$(printenv "PIPEC_IMAGE_${i}_DIGEST")"
  if ! printf '%s' "$digest" | grep -Eq '^sha256:[0-9a-f]{64}$'; then
    echo "not an image digest for $repository: '$digest'" >&2
    exit 1
  fi
  kustomize edit set image "$repository=$repository@$digest"
done
`,
		},
		{
			Name: "push", Image: gitImage, WorkingDir: "/gitops/repo", Env: pushEnv, VolumeMounts: mounts, SecurityContext: restricted(),
			Script: `#!/bin/sh
set -eu
git add -A
if git diff --cached --quiet; then
  echo "overlay $PIPEC_ENVIRONMENT already has these digests"
else
  git commit -q -m "pipec: deploy $PIPEC_ENVIRONMENT from $PIPEC_SOURCE_COMMIT [skip ci]"
  attempt=1
  until git push -q origin "HEAD:$PIPEC_GITOPS_REVISION"; do
    if [ "$attempt" -ge 5 ]; then
      echo "push to $PIPEC_GITOPS_URL failed $attempt times" >&2
      exit 1
    fi
    sleep $((attempt * 5))
    git pull -q --rebase origin "$PIPEC_GITOPS_REVISION"
    attempt=$((attempt + 1))
  done
fi
git rev-parse HEAD | tr -d '\n' > "$PIPEC_RESULT_COMMIT"
`,
		},
	}
	bt.bind(b)
	return bt
}

// waitTask waits until Argo CD reports the environment's Application
// synced to the given GitOps commit and healthy, then optionally watches
// it stay healthy for a soak period.
func (e *emitter) waitTask() *builtTask {
	bt := e.newTask("wait-healthy", "Wait until the Argo CD Application is synced to a commit and healthy; then optionally soak.")
	bt.obj.Spec.Params = []paramSpec{
		{Name: "application", Type: "string", Description: "Argo CD Application name."},
		{Name: "revision", Type: "string", Description: "GitOps commit the Application must be synced to; empty accepts any.", Default: strp("")},
		{Name: "timeout-seconds", Type: "string", Description: "How long to wait for synced and healthy.", Default: strp("1800")},
		{Name: "soak-seconds", Type: "string", Description: "How long the Application must then stay healthy.", Default: strp("0")},
	}
	ns := "argocd"
	if e.p.GitOps != nil && e.p.GitOps.ArgoCD.Namespace != "" {
		ns = e.p.GitOps.ArgoCD.Namespace
	}
	env := []kube.EnvVar{
		homeEnv(),
		{Name: "PIPEC_APPLICATION", Value: "$(params.application)"},
		{Name: "PIPEC_ARGOCD_NAMESPACE", Value: ns},
		{Name: "PIPEC_REVISION", Value: "$(params.revision)"},
		{Name: "PIPEC_TIMEOUT_SECONDS", Value: "$(params.timeout-seconds)"},
		{Name: "PIPEC_SOAK_SECONDS", Value: "$(params.soak-seconds)"},
	}
	bt.obj.Spec.Steps = []step{{
		Name: "wait", Image: k8sImage, Env: env, SecurityContext: restricted(),
		Script: `#!/bin/sh
set -eu
app() {
  kubectl get applications.argoproj.io "$PIPEC_APPLICATION" -n "$PIPEC_ARGOCD_NAMESPACE" -o jsonpath="$1" 2>/dev/null || true
}
for n in "$PIPEC_TIMEOUT_SECONDS" "$PIPEC_SOAK_SECONDS"; do
  case "$n" in ''|*[!0-9]*) echo "not a number of seconds: '$n'" >&2; exit 1 ;; esac
done
deadline=$(( $(date +%s) + PIPEC_TIMEOUT_SECONDS ))
while :; do
  revision="$(app '{.status.sync.revision}')"
  sync="$(app '{.status.sync.status}')"
  health="$(app '{.status.health.status}')"
  if { [ -z "$PIPEC_REVISION" ] || [ "$revision" = "$PIPEC_REVISION" ]; } && [ "$sync" = Synced ] && [ "$health" = Healthy ]; then
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "$PIPEC_APPLICATION: revision=$revision sync=$sync health=$health after ${PIPEC_TIMEOUT_SECONDS}s" >&2
    exit 1
  fi
  sleep 10
done
end=$(( $(date +%s) + PIPEC_SOAK_SECONDS ))
while [ "$(date +%s)" -lt "$end" ]; do
  sleep 30
  health="$(app '{.status.health.status}')"
  if [ "$health" != Healthy ]; then
    echo "$PIPEC_APPLICATION became $health during the soak" >&2
    exit 1
  fi
done
echo "$PIPEC_APPLICATION is healthy"
`,
	}}
	return bt
}

// missingGitOpsToken explains why Tekton, unlike GitHub Actions, needs a
// token even when the GitOps repository is the source repository: a
// TaskRun has no built-in credential that may push (GitHub Actions has
// GITHUB_TOKEN), so the deploy step reads one from a Kubernetes Secret.
func (e *emitter) missingGitOpsToken(g *ir.GitOps) {
	where := "the GitOps repository " + g.Repository
	if g.SameRepo {
		where = "the source repository " + g.Repository + " (gitops.repository is the source repository; the language lets GitHub Actions push there with its built-in GITHUB_TOKEN)"
	}
	addErr(&e.diags, g.Range, "Tekton needs a gitops token to push",
		"The Tekton deploy step commits image digests and pushes them to "+where+", but a Tekton TaskRun has no built-in push credential. "+
			"Create a Kubernetes Secret in the pipeline's namespace holding a token with push (contents: write) access, e.g. "+
			"kubectl create secret generic gitops-token --from-literal=token=<token>; declare it in the spec with "+
			"secret \"gitops\" { kubernetes = \"gitops-token\" } and set token = secret.gitops in the gitops block.")
}

// httpsURL turns github.com/org/repo into https://github.com/org/repo.git.
func httpsURL(repo string) string {
	if strings.Contains(repo, "://") {
		return repo
	}
	u := "https://" + strings.TrimSuffix(repo, "/")
	if !strings.HasSuffix(u, ".git") {
		u += ".git"
	}
	return u
}
