package tekton_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
)

// fakeKubectl answers the wait script's jsonpath queries from env: the
// first three calls (one poll) see SYNC/HEALTH/IMAGES, later ones the
// LATER_ values when set (what a soak sees).
const fakeKubectl = `#!/bin/sh
n=$(( $(cat "$CALLS" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$CALLS"
health="$HEALTH"; images="$IMAGES"
if [ "$n" -gt 3 ]; then
  health="${LATER_HEALTH:-$HEALTH}"; images="${LATER_IMAGES-$IMAGES}"
fi
case "$7" in
  *sync.status*) printf '%s' "$SYNC" ;;
  *health.status*) printf '%s' "$health" ;;
  *summary.images*) printf '%s' "$images" ;;
esac
`

// TestWaitScript runs the wait-healthy step against a stand-in kubectl:
// the Application must run every expected repository@digest (whatever
// GitOps revision it is synced to), Degraded on the new images fails at
// once, and a soak fails as soon as the previous environment is unhealthy
// or no longer runs the promoted images.
func TestWaitScript(t *testing.T) {
	for _, tool := range []string{"sh", "date"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	const (
		web   = "ghcr.io/acme/bank@sha256:1111111111111111111111111111111111111111111111111111111111111111"
		older = "ghcr.io/acme/bank@sha256:2222222222222222222222222222222222222222222222222222222222222222"
	)
	tests := []struct {
		name                     string
		sync, health, images     string
		laterHealth, laterImages string
		timeout, soak            string
		wantErr                  string // "" means success
	}{
		{"running the images", "Synced", "Healthy", "nginx:1 " + web, "", "", "0", "0", ""},
		{"old images only", "Synced", "Healthy", older, "", "", "0", "0", "was not Synced and Healthy"},
		{"degraded on the new images", "OutOfSync", "Degraded", web, "", "", "3600", "0", "is Degraded on the new images"},
		{"unhealthy during the soak", "Synced", "Healthy", web, "Progressing", "", "0", "3600", "became Progressing during the soak"},
		{"replaced during the soak", "Synced", "Healthy", web, "", older, "0", "3600", "no longer runs"},
	}
	st := list(byPath(t, emit(t, tektontest.ManualGate()), "tasks/wait-healthy.yaml"), "spec", "steps")[0]
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range map[string]string{"kubectl": fakeKubectl, "sleep": "#!/bin/sh\n"} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			env := []string{"PATH=" + dir + ":" + os.Getenv("PATH"), "CALLS=" + filepath.Join(dir, "calls"),
				"SYNC=" + tt.sync, "HEALTH=" + tt.health, "IMAGES=" + tt.images}
			if tt.laterHealth != "" {
				env = append(env, "LATER_HEALTH="+tt.laterHealth)
			}
			if tt.laterImages != "" {
				env = append(env, "LATER_IMAGES="+tt.laterImages)
			}
			for _, e := range list(st, "env") {
				v := strings.NewReplacer("$(params.application)", "bank-dev", "$(params.images)", web,
					"$(params.timeout-seconds)", tt.timeout, "$(params.soak-seconds)", tt.soak).Replace(str(e, "value"))
				env = append(env, str(e, "name")+"="+v)
			}
			cmd := exec.Command("sh", "-c", str(st, "script"))
			cmd.Env, cmd.Dir = env, dir
			out, err := cmd.CombinedOutput()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("failed: %v\n%s", err, out)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("succeeded, want failure %q:\n%s", tt.wantErr, out)
			case tt.wantErr != "" && !strings.Contains(string(out), tt.wantErr):
				t.Errorf("output lacks %q:\n%s", tt.wantErr, out)
			}
		})
	}
}

// The wait and the soak check the digests the run deployed, not a GitOps
// revision.
func TestWaitImagesParam(t *testing.T) {
	_, _, byName := pipelineTasks(byPath(t, emit(t, tektontest.GlobsSoak()), "bank-globs/pipeline.yaml"))
	want := "ghcr.io/acme/bank@$(tasks.push-web.results.IMAGE_DIGEST)"
	for _, n := range []string{"wait-dev", "soak-staging", "wait-staging"} {
		got := map[string]string{}
		for _, p := range list(byName[n], "params") {
			got[str(p, "name")] = str(p, "value")
		}
		if got["images"] != want {
			t.Errorf("%s images = %q, want %q", n, got["images"], want)
		}
		if _, ok := got["revision"]; ok {
			t.Errorf("%s still passes a revision", n)
		}
	}
}
