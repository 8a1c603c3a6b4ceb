package gha

// Shell scripts of the generated jobs. They read every value from env
// (never ${{ }}), run under bash on the GitHub-hosted runner, and are
// shellcheck-clean (the tests lint them through actionlint).

// tagScriptHead starts the publish step: it checks the digest and defines
// add_tag, which turns a rendered tag into a valid Docker tag or skips it
// (git.branch is empty on tag events, so "${git.branch}-x" starts with -).
const tagScriptHead = `set -euo pipefail
if [[ ! "${DIGEST}" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "::error::build did not report a digest: ${DIGEST}"
  exit 1
fi
tags=()
add_tag() {
  local tag
  tag="$(printf '%s' "$1" | tr -c 'A-Za-z0-9_.-' '-')"
  tag="${tag:0:128}"
  case "${tag}" in
    "" | [.-]*) echo "Skipping tag '$1': not a valid image tag here." ;;
    *) tags+=(--tag "${IMAGE}:${tag}") ;;
  esac
}
`

// tagScriptTail copies the scanned manifest under each tag without
// rebuilding; --prefer-index=false keeps the digest identical.
const tagScriptTail = `if [ "${#tags[@]}" -eq 0 ]; then
  echo "No tags for this event; ${IMAGE}@${DIGEST} stays untagged."
  exit 0
fi
docker buildx imagetools create --prefer-index=false "${tags[@]}" "${IMAGE}@${DIGEST}"
`

// reviewersScript enforces approval = "manual": a job that names a GitHub
// environment only waits for approval when the environment has required
// reviewers, which is a repository setting. Without them this fails.
const reviewersScript = `set -euo pipefail
rules="$(gh api "repos/${GITHUB_REPOSITORY}/environments/${ENVIRONMENT}" --jq '[.protection_rules[]?.type] | join(",")')"
case ",${rules}," in
  *,required_reviewers,*) echo "Environment ${ENVIRONMENT} requires a reviewer's approval." ;;
  *)
    echo "::error::Environment ${ENVIRONMENT} has no required reviewers, so its manual approval would be skipped. Set Settings → Environments → ${ENVIRONMENT} → Required reviewers."
    exit 1
    ;;
esac
`

// installKustomize builds the pinned kustomize; the Go checksum database
// verifies every module, so no unverified binary is downloaded.
const installKustomize = `GOBIN="${RUNNER_TEMP}/bin" go install "${KUSTOMIZE_MODULE}@${KUSTOMIZE_VERSION}"
"${RUNNER_TEMP}/bin/kustomize" version
`

// publishTreeScript publishes this environment alone: a fresh copy of the
// generated overlay (deploy/<path>/overlays/<env> in the source repository)
// replaces <path>/overlays/<env> in the GitOps checkout, with a copy of the
// generated base inside it as base/, and the overlay builds on that copy
// instead of the shared ../../base. So a deploy changes no other
// environment, and promotion moves the base together with the digest.
// <path>/base in the GitOps repository is never written. The set_image
// calls and publishBuildCheck follow.
const publishTreeScript = `set -euo pipefail
src="source/deploy/${GITOPS_PATH}"
overlay="gitops/${GITOPS_PATH}/overlays/${ENVIRONMENT}"
if [ ! -d "${src}/base" ] || [ ! -d "${src}/overlays/${ENVIRONMENT}" ]; then
  echo "::error::${src} is missing: run pipec build and commit its deploy/ output."
  exit 1
fi
rm -rf "${overlay}"
mkdir -p "$(dirname "${overlay}")"
cp -R "${src}/overlays/${ENVIRONMENT}" "${overlay}"
rm -rf "${overlay}/base"
cp -R "${src}/base" "${overlay}/base"
cd "${overlay}"
"${RUNNER_TEMP}/bin/kustomize" edit remove resource ../../base
"${RUNNER_TEMP}/bin/kustomize" edit add resource base
` + setImageFunc

// publishBuildCheck ends the publish step: an overlay that does not build
// must not reach the GitOps repository.
const publishBuildCheck = `"${RUNNER_TEMP}/bin/kustomize" build . > /dev/null
echo "overlays/${ENVIRONMENT} builds with its own copy of the base."
`

// setImageFunc pins repository $1 to digest $2 in the overlay in the
// current directory, after checking the digest's form.
const setImageFunc = `set_image() {
  if [[ ! "$2" =~ ^sha256:[0-9a-f]{64}$ ]]; then
    echo "::error::not an image digest: $2"
    exit 1
  fi
  "${RUNNER_TEMP}/bin/kustomize" edit set image "$1=$1@$2"
  echo "$1 -> $1@$2"
}
`

// commitScript commits the GitOps change and pushes it, rebasing and
// retrying when someone else pushed first (non-fast-forward).
const commitScript = `set -euo pipefail
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git add -A -- "${GITOPS_PATH}"
if git diff --cached --quiet; then
  echo "Nothing to commit: ${GITOPS_PATH} already has these digests."
  exit 0
fi
git commit -q -m "${MESSAGE}" -m "From ${GITHUB_REPOSITORY}@${GITHUB_SHA} (${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID})."
for attempt in 1 2 3 4 5; do
  if git push origin "HEAD:${GITOPS_REVISION}"; then
    exit 0
  fi
  echo "Push rejected (attempt ${attempt} of 5); rebasing on ${GITOPS_REVISION}."
  sleep "$((attempt * 3))"
  git pull --rebase origin "${GITOPS_REVISION}"
done
echo "::error::could not push to ${GITOPS_REVISION} after 5 attempts."
exit 1
`

// waitScript polls the Argo CD API until the Application runs every
// expected image (repository@digest in status.summary.images) and is Synced
// and Healthy, then until each health URL answers 2xx. Degraded with the
// new images (an aborted rollout) fails at once. The first request asks
// Argo CD to refresh so it sees the new commit without waiting for its poll.
const waitScript = `set -euo pipefail
server="${ARGOCD_SERVER#https://}"
url="https://${server%/}/api/v1/applications/${APP}?appNamespace=${APP_NAMESPACE}"
deadline="$(( $(date +%s) + TIMEOUT_SECONDS ))"
read -r -a images <<< "${IMAGES}"
read -r -a health_urls <<< "${HEALTH_URLS:-}"
refresh="&refresh=normal"
while :; do
  if body="$(curl -fsS --max-time 30 -H "Authorization: Bearer ${ARGOCD_AUTH_TOKEN}" "${url}${refresh}")"; then
    refresh=""
    sync="$(jq -r '.status.sync.status // "Unknown"' <<< "${body}")"
    health="$(jq -r '.status.health.status // "Unknown"' <<< "${body}")"
    missing=0
    for image in "${images[@]}"; do
      if ! jq -e --arg i "${image}" '(.status.summary.images // []) | index($i) != null' <<< "${body}" > /dev/null; then
        missing="$((missing + 1))"
      fi
    done
    echo "${APP}: sync=${sync} health=${health} images not running yet=${missing}"
    if [ "${missing}" -eq 0 ] && [ "${sync}" = Synced ] && [ "${health}" = Healthy ]; then
      break
    fi
    if [ "${missing}" -eq 0 ] && [ "${health}" = Degraded ]; then
      echo "::error::${APP} is Degraded on the new version (rollout aborted?)."
      exit 1
    fi
  else
    echo "Argo CD did not answer; retrying."
  fi
  if [ "$(date +%s)" -ge "${deadline}" ]; then
    echo "::error::${APP} was not Synced and Healthy on the new version within ${TIMEOUT_SECONDS}s."
    exit 1
  fi
  sleep 15
done
for u in "${health_urls[@]}"; do
  until curl -fsS --max-time 10 -o /dev/null "${u}"; do
    if [ "$(date +%s)" -ge "${deadline}" ]; then
      echo "::error::${u} did not answer 2xx within ${TIMEOUT_SECONDS}s."
      exit 1
    fi
    sleep 10
  done
  echo "${u} is healthy."
done
`

// rollbackValidateScript checks the dispatch inputs (passed through env,
// never ${{ inputs.* }} in the script) before anything is written.
const rollbackValidateScript = `set -euo pipefail
known=0
for e in ${ENVIRONMENTS}; do
  if [ "${e}" = "${ENVIRONMENT}" ]; then known=1; fi
done
if [ "${known}" -ne 1 ]; then
  echo "::error::unknown environment: ${ENVIRONMENT}"
  exit 1
fi
if [[ ! "${DIGEST}" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  echo "::error::digest must look like sha256:<64 hex digits>, got: ${DIGEST}"
  exit 1
fi
repository=""
for pair in ${REPOSITORIES}; do
  if [ "${pair%%=*}" = "${IMAGE}" ]; then repository="${pair#*=}"; fi
done
if [ -z "${repository}" ]; then
  echo "::error::unknown image: ${IMAGE}"
  exit 1
fi
echo "repository=${repository}" >> "${GITHUB_OUTPUT}"
echo "image-ref=${repository}@${DIGEST}" >> "${GITHUB_OUTPUT}"
`

// waitTimerScript checks that a long soak's GitHub environment has a wait
// timer of at least WAIT_MINUTES. GitHub applies the timer before the job
// starts, so when this passes the soak has already elapsed.
const waitTimerScript = `set -euo pipefail
minutes="$(gh api "repos/${GITHUB_REPOSITORY}/environments/${ENVIRONMENT}" --jq '[.protection_rules[]? | select(.type == "wait_timer") | .wait_timer] | max // 0')"
if [ "${minutes}" -lt "${WAIT_MINUTES}" ]; then
  echo "::error::Environment ${ENVIRONMENT} has a wait timer of ${minutes} minutes, so the soak would end early. Set Settings → Environments → ${ENVIRONMENT} → Wait timer = ${WAIT_MINUTES} minutes."
  exit 1
fi
echo "Environment ${ENVIRONMENT} held this job for its ${minutes}-minute wait timer."
`

// matchBranchesScript defines match OUTPUT PATTERN...: each pattern is +RE
// (include) or -RE (exclude), evaluated in order so the last one that
// matches decides, as in GitHub's branch filters. Tags and other refs match
// nothing. The branch comes from GITHUB_REF, never from an expression.
const matchBranchesScript = `set -euo pipefail
branch=""
case "${GITHUB_REF}" in
  refs/heads/*) branch="${GITHUB_REF#refs/heads/}" ;;
esac
match() {
  local output="$1" result=false pattern
  shift
  if [ -n "${branch}" ]; then
    for pattern in "$@"; do
      if [[ "${branch}" =~ ${pattern:1} ]]; then
        if [ "${pattern:0:1}" = + ]; then result=true; else result=false; fi
      fi
    done
  fi
  echo "${output}=${result}" >> "${GITHUB_OUTPUT}"
  echo "${output}: ${result} (${GITHUB_REF})"
}
`

// syncScript asks Argo CD to sync APP to REVISION (its targetRevision),
// retrying while another operation runs or the API is unreachable. Argo CD
// answers an error with a JSON message, which is printed.
const syncScript = `set -euo pipefail
server="${ARGOCD_SERVER#https://}"
url="https://${server%/}/api/v1/applications/${APP}/sync"
body="$(jq -cn --arg name "${APP}" --arg ns "${APP_NAMESPACE}" --arg rev "${REVISION}" --argjson prune "${PRUNE}" \
  '{name: $name, appNamespace: $ns, revision: $rev, prune: $prune}')"
for attempt in 1 2 3 4 5 6; do
  if answer="$(curl -sS --fail-with-body --max-time 30 -X POST \
    -H "Authorization: Bearer ${ARGOCD_AUTH_TOKEN}" -H "Content-Type: application/json" \
    --data "${body}" "${url}")"; then
    echo "Argo CD is syncing ${APP} to ${REVISION} (prune=${PRUNE})."
    exit 0
  fi
  echo "Sync request refused (attempt ${attempt} of 6): ${answer}"
  sleep "$((attempt * 10))"
done
echo "::error::Argo CD did not sync ${APP}. Its token needs the sync action: p, ROLE, applications, sync, PROJECT/${APP}, allow."
exit 1
`

// soakWatchScript polls the previous environment's Application every
// POLL_SECONDS for SOAK_SECONDS. It fails at once when the Application is
// not Healthy or no longer runs every promoted repository@digest in
// status.summary.images, and when Argo CD does not answer 5 times in a row
// (nobody could vouch for the soak).
const soakWatchScript = `set -euo pipefail
server="${ARGOCD_SERVER#https://}"
url="https://${server%/}/api/v1/applications/${APP}?appNamespace=${APP_NAMESPACE}"
read -r -a images <<< "${IMAGES}"
end="$(( $(date +%s) + SOAK_SECONDS ))"
unanswered=0
while :; do
  if body="$(curl -fsS --max-time 30 -H "Authorization: Bearer ${ARGOCD_AUTH_TOKEN}" "${url}")"; then
    unanswered=0
    health="$(jq -r '.status.health.status // "Unknown"' <<< "${body}")"
    if [ "${health}" != Healthy ]; then
      echo "::error::${APP} is ${health} during the soak; promotion stops."
      exit 1
    fi
    for image in "${images[@]}"; do
      if ! jq -e --arg i "${image}" '(.status.summary.images // []) | index($i) != null' <<< "${body}" > /dev/null; then
        echo "::error::${APP} no longer runs ${image}; promotion stops."
        exit 1
      fi
    done
    echo "${APP}: Healthy on the promoted version; $(( end - $(date +%s) ))s of soak left."
  else
    unanswered="$((unanswered + 1))"
    if [ "${unanswered}" -ge 5 ]; then
      echo "::error::Argo CD did not answer 5 times in a row, so nothing watched ${APP} during the soak."
      exit 1
    fi
    echo "Argo CD did not answer; retrying."
  fi
  left="$(( end - $(date +%s) ))"
  if [ "${left}" -le 0 ]; then
    break
  fi
  sleep "$(( left < POLL_SECONDS ? left : POLL_SECONDS ))"
done
echo "${APP} stayed Healthy on the promoted version for ${SOAK_SECONDS}s."
`

// cloneScript clones a GitOps repository outside github.com; the
// credential helper in the step's GIT_CONFIG_* env supplies the token.
// An unset secret expands to "", which would end in an opaque
// authentication failure, so it is named here instead.
const cloneScript = `set -euo pipefail
if [ -z "${GITOPS_TOKEN}" ]; then
  echo "::error::The GitOps token secret is empty or not set: add it under Settings → Secrets and variables → Actions (this workflow's header names it)."
  exit 1
fi
git clone --quiet --depth 1 --single-branch --branch "${GITOPS_REVISION}" -- "${GITOPS_URL}" gitops
echo "Checked out ${GITOPS_URL} at $(git -C gitops rev-parse HEAD) (${GITOPS_REVISION})."
`
