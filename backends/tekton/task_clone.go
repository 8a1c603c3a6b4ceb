package tekton

import "github.com/pipec-dev/pipec/backends/internal/kube"

// cloneTask fetches the one commit the run is about. Its results carry
// the Chains type hints (CHAINS-GIT_URL/CHAINS-GIT_COMMIT) so provenance
// names the source, and the git.* values later tasks use.
func (e *emitter) cloneTask() *builtTask {
	t := e.newTask("clone", "Fetch the commit under test into src/ and report the git values the run uses.")
	t.obj.Spec.Params = []paramSpec{
		{Name: "repo-url", Type: "string", Description: "HTTPS clone URL of the source repository."},
		{Name: "revision", Type: "string", Description: "Commit SHA (or branch) to fetch."},
		{Name: "git-ref", Type: "string", Description: "Full ref of the event (refs/heads/X, refs/tags/T); empty for none.", Default: strp("")},
		{Name: "branch", Type: "string", Description: "Branch name when git-ref does not say it (pull requests).", Default: strp("")},
	}
	t.obj.Spec.Results = []taskResult{
		{Name: "CHAINS-GIT_URL", Type: "string", Description: "Source repository URL (Tekton Chains type hint)."},
		{Name: "CHAINS-GIT_COMMIT", Type: "string", Description: "Full commit SHA (Tekton Chains type hint)."},
		{Name: "short-sha", Type: "string", Description: "First 7 characters of the commit SHA."},
		{Name: "branch", Type: "string", Description: "Branch name; empty on tag events."},
		{Name: "tag", Type: "string", Description: "Tag name on tag events; empty otherwise."},
	}
	t.obj.Spec.Workspaces = sourceWorkspace()
	env := []kube.EnvVar{
		homeEnv(),
		{Name: "PIPEC_REPO_URL", Value: "$(params.repo-url)"},
		{Name: "PIPEC_REVISION", Value: "$(params.revision)"},
		{Name: "PIPEC_GIT_REF", Value: "$(params.git-ref)"},
		{Name: "PIPEC_BRANCH", Value: "$(params.branch)"},
		{Name: "PIPEC_RESULT_GIT_URL", Value: "$(results.CHAINS-GIT_URL.path)"},
		{Name: "PIPEC_RESULT_GIT_COMMIT", Value: "$(results.CHAINS-GIT_COMMIT.path)"},
		{Name: "PIPEC_RESULT_SHORT_SHA", Value: "$(results.short-sha.path)"},
		{Name: "PIPEC_RESULT_BRANCH", Value: "$(results.branch.path)"},
		{Name: "PIPEC_RESULT_TAG", Value: "$(results.tag.path)"},
		{Name: "PIPEC_SRC", Value: srcDir},
	}
	env = append(env, gitSafeEnv()...)
	t.obj.Spec.Steps = []step{{
		Name: "clone", Image: gitImage, Env: env, SecurityContext: restricted(),
		Script: `#!/bin/sh
set -eu
mkdir -p "$PIPEC_SRC"
cd "$PIPEC_SRC"
git init -q .
git remote add origin "$PIPEC_REPO_URL"
git fetch -q --depth=1 origin "$PIPEC_REVISION"
git -c advice.detachedHead=false checkout -q FETCH_HEAD
commit="$(git rev-parse HEAD)"
branch="$PIPEC_BRANCH"
tag=""
case "$PIPEC_GIT_REF" in
  refs/heads/*) [ -n "$branch" ] || branch="${PIPEC_GIT_REF#refs/heads/}" ;;
  refs/tags/*) tag="${PIPEC_GIT_REF#refs/tags/}" ;;
esac
printf '%s' "$PIPEC_REPO_URL" > "$PIPEC_RESULT_GIT_URL"
printf '%s' "$commit" > "$PIPEC_RESULT_GIT_COMMIT"
printf '%.7s' "$commit" > "$PIPEC_RESULT_SHORT_SHA"
printf '%s' "$branch" > "$PIPEC_RESULT_BRANCH"
printf '%s' "$tag" > "$PIPEC_RESULT_TAG"
`,
	}}
	return t
}
