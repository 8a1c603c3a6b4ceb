package tekton

import (
	"encoding/json"
	"time"

	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// syncTimeout bounds argocd-sync: five requests of at most 30s each with
// back-off between them.
const syncTimeout = 5 * time.Minute

// argoCDSecret is the Kubernetes Secret (keys server and token) that the
// sync Task reads to call the Argo CD API.
func (e *emitter) argoCDSecret() string { return e.prefix + "-argocd" }

// syncRequest is Argo CD's ApplicationSyncRequest, the body of
// POST /api/v1/applications/{name}/sync. No revision is sent: the sync
// takes the Application's targetRevision, which needs no "override"
// permission and already holds the deploy commit.
type syncRequest struct {
	Name         string `json:"name"`
	AppNamespace string `json:"appNamespace"`
	Prune        bool   `json:"prune"`
}

// syncParams are the sync task's params for env.
func (e *emitter) syncParams(env *ir.Environment) []param {
	body, _ := json.Marshal(syncRequest{Name: e.application(env.Name), AppNamespace: e.argoNamespace(), Prune: env.Sync.Prune})
	return []param{
		{Name: "application", Value: e.application(env.Name)},
		{Name: "request", Value: string(body)},
	}
}

// syncTask starts a sync of an Application whose sync policy is not
// automated (sync { automated = false }): Argo CD would otherwise never
// apply the deploy commit, and the health wait after it would time out.
func (e *emitter) syncTask() *builtTask {
	bt := e.newTask("argocd-sync", "Ask the Argo CD API to sync an Application that does not sync automatically.")
	bt.header = []string{
		"Needs Secret " + e.argoCDSecret() + " with keys server (Argo CD host or URL) and token (an Argo CD API token",
		"allowed the applications/sync action on " + e.p.Pipeline.Name + "-*); see docs/backends/tekton.md.",
	}
	bt.obj.Spec.Params = []paramSpec{
		{Name: "application", Type: "string", Description: "Argo CD Application name."},
		{Name: "request", Type: "string", Description: "JSON body of POST /api/v1/applications/{name}/sync."},
	}
	env := []kube.EnvVar{
		homeEnv(),
		{Name: "PIPEC_APPLICATION", Value: "$(params.application)"},
		{Name: "PIPEC_SYNC_REQUEST", Value: "$(params.request)"},
		kube.SecretEnv("PIPEC_ARGOCD_SERVER", e.argoCDSecret(), "server"),
		kube.SecretEnv("PIPEC_ARGOCD_TOKEN", e.argoCDSecret(), "token"),
	}
	bt.obj.Spec.Steps = []step{{Name: "sync", Image: k8sImage, Env: env, SecurityContext: restricted(), Script: syncScript}}
	return bt
}

// syncScript posts the sync request, retrying while Argo CD refuses it
// (another operation still running, the server restarting). The token
// reaches curl on stdin, never in its argument list.
const syncScript = `#!/bin/sh
set -eu
case "$PIPEC_ARGOCD_SERVER" in
  http://* | https://*) server="$PIPEC_ARGOCD_SERVER" ;;
  *) server="https://$PIPEC_ARGOCD_SERVER" ;;
esac
url="${server%/}/api/v1/applications/$PIPEC_APPLICATION/sync"
attempt=1
while :; do
  code="$(printf 'Authorization: Bearer %s\n' "$PIPEC_ARGOCD_TOKEN" |
    curl -sS --max-time 30 -o /tmp/sync-response -w '%{http_code}' -X POST -H @- \
      -H 'Content-Type: application/json' --data "$PIPEC_SYNC_REQUEST" "$url" || true)"
  if [ "$code" = 200 ]; then
    echo "$PIPEC_APPLICATION: sync started"
    exit 0
  fi
  echo "$PIPEC_APPLICATION: sync request answered ${code:-nothing}: $(head -c 500 /tmp/sync-response 2>/dev/null || true)" >&2
  case "$code" in
    401 | 403) echo "check the token in the Secret and its Argo CD RBAC (applications, sync)" >&2; exit 1 ;;
  esac
  if [ "$attempt" -ge 5 ]; then
    exit 1
  fi
  sleep $((attempt * 10))
  attempt=$((attempt + 1))
done
`
