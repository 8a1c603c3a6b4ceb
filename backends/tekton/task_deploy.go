package tekton

import (
	"strconv"
	"strings"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// gitopsTask publishes one environment's overlay of deploy/<gitops.path>,
// with its own snapshot of the base (publish.go), into the GitOps
// repository, pins every deployed image by digest in that overlay,
// commits and pushes with retries. One Task serves every environment;
// the environment and the digests are params.
func (e *emitter) gitopsTask() *builtTask {
	g := e.p.GitOps
	bt := e.newTask("gitops-update", "Publish the environment's overlay with its own copy of the base into the GitOps repository, pin the new image digests there and push the commit.")
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
	switch {
	case g.Token != nil:
		gitEnv = append(gitEnv, secretEnv("PIPEC_GITOPS_TOKEN", g.Token))
	case g.SameRepo:
		// No token for the source repository: push with the git
		// credentials Tekton gives the run's ServiceAccount (a basic-auth
		// Secret annotated tekton.dev/git-0), the ones that clone a
		// private source repository. The helper only reads them.
		gitEnv[5] = kube.EnvVar{Name: "GIT_CONFIG_VALUE_1", Value: `!f() { test "$1" = get && git credential-store --file="$PIPEC_TEKTON_CREDS/.git-credentials" get; }; f`}
		gitEnv = append(gitEnv, kube.EnvVar{Name: "PIPEC_TEKTON_CREDS", Value: "$(credentials.path)"})
	default:
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
		kube.EnvVar{Name: "PIPEC_OVERLAY_ROOT", Value: overlayRoot},
		kube.EnvVar{Name: "PIPEC_RESULT_COMMIT", Value: "$(results.commit.path)"},
	)

	bt.obj.Spec.Steps = []step{
		{
			Name: "clone", Image: gitImage, WorkingDir: "/gitops", Env: cloneEnv, VolumeMounts: mounts, SecurityContext: restricted(),
			Script: publishScript,
		},
		{
			Name: "set-digests", Image: k8sImage, WorkingDir: "/gitops", Env: setEnv, VolumeMounts: mounts, SecurityContext: restricted(),
			Script: setDigestsScript,
		},
		{
			Name: "push", Image: gitImage, WorkingDir: "/gitops/repo", Env: pushEnv, VolumeMounts: mounts, SecurityContext: restricted(),
			Script: `#!/bin/sh
set -eu
git add -A -- "$PIPEC_OVERLAY_ROOT/overlays/$PIPEC_ENVIRONMENT"
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
// running every expected image (repository@digest in
// status.summary.images), Synced and Healthy, then optionally watches it
// stay so for a soak period. Checking the images rather than the synced
// GitOps revision keeps the wait true when anything else commits to the
// GitOps repository meanwhile; the GitHub Actions backend checks the same.
func (e *emitter) waitTask() *builtTask {
	bt := e.newTask("wait-healthy", "Wait until the Argo CD Application runs the given images, Synced and Healthy; then optionally soak.")
	bt.obj.Spec.Params = []paramSpec{
		{Name: "application", Type: "string", Description: "Argo CD Application name."},
		{Name: "images", Type: "string", Description: "Space-separated repository@digest references the Application must run.", Default: strp("")},
		{Name: "timeout-seconds", Type: "string", Description: "How long to wait for the images, Synced and Healthy.", Default: strp("1800")},
		{Name: "soak-seconds", Type: "string", Description: "How long the Application must then stay Healthy on those images.", Default: strp("0")},
	}
	env := []kube.EnvVar{
		homeEnv(),
		{Name: "PIPEC_APPLICATION", Value: "$(params.application)"},
		{Name: "PIPEC_ARGOCD_NAMESPACE", Value: e.argoNamespace()},
		{Name: "PIPEC_IMAGES", Value: "$(params.images)"},
		{Name: "PIPEC_TIMEOUT_SECONDS", Value: "$(params.timeout-seconds)"},
		{Name: "PIPEC_SOAK_SECONDS", Value: "$(params.soak-seconds)"},
	}
	bt.obj.Spec.Steps = []step{{Name: "wait", Image: k8sImage, Env: env, SecurityContext: restricted(), Script: waitScript}}
	return bt
}

func (e *emitter) argoNamespace() string {
	if e.p.GitOps != nil && e.p.GitOps.ArgoCD.Namespace != "" {
		return e.p.GitOps.ArgoCD.Namespace
	}
	return "argocd"
}

// waitScript fails at once when the Application is Degraded on the new
// images (an aborted rollout), and during a soak as soon as it is not
// Healthy or no longer runs them (a later deploy replaced them).
const waitScript = `#!/bin/sh
set -eu
set -f
app() {
  kubectl get applications.argoproj.io "$PIPEC_APPLICATION" -n "$PIPEC_ARGOCD_NAMESPACE" -o jsonpath="$1" 2>/dev/null || true
}
missing() {
  running=" $(app '{.status.summary.images[*]}') "
  n=0
  for image in $PIPEC_IMAGES; do
    case "$running" in
      *" $image "*) ;;
      *) n=$((n + 1)) ;;
    esac
  done
  echo "$n"
}
for n in "$PIPEC_TIMEOUT_SECONDS" "$PIPEC_SOAK_SECONDS"; do
  case "$n" in ''|*[!0-9]*) echo "not a number of seconds: '$n'" >&2; exit 1 ;; esac
done
deadline=$(( $(date +%s) + PIPEC_TIMEOUT_SECONDS ))
while :; do
  sync="$(app '{.status.sync.status}')"
  health="$(app '{.status.health.status}')"
  absent="$(missing)"
  echo "$PIPEC_APPLICATION: sync=$sync health=$health images not running yet=$absent"
  if [ "$absent" -eq 0 ] && [ "$sync" = Synced ] && [ "$health" = Healthy ]; then
    break
  fi
  if [ "$absent" -eq 0 ] && [ "$health" = Degraded ]; then
    echo "$PIPEC_APPLICATION is Degraded on the new images (rollout aborted?)" >&2
    exit 1
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "$PIPEC_APPLICATION was not Synced and Healthy on $PIPEC_IMAGES within ${PIPEC_TIMEOUT_SECONDS}s" >&2
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
  if [ "$(missing)" -ne 0 ]; then
    echo "$PIPEC_APPLICATION no longer runs $PIPEC_IMAGES during the soak" >&2
    exit 1
  fi
done
echo "$PIPEC_APPLICATION is Healthy on $PIPEC_IMAGES"
`

// missingGitOpsToken explains why Tekton, unlike GitHub Actions, needs a
// token even when the GitOps repository is the source repository: a
// TaskRun has no built-in credential that may push (GitHub Actions has
// GITHUB_TOKEN), so the deploy step reads one from a Kubernetes Secret.
func (e *emitter) missingGitOpsToken(g *ir.GitOps) {
	where := "the GitOps repository " + g.Repository
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
