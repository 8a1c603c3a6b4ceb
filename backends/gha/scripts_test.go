package gha

import (
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pipec-dev/pipec/compiler/ir"
)

// The tests in this file run the generated run: scripts under bash, as
// GitHub runs them, against real tools (git, kustomize, curl, jq) and a
// fake Argo CD API, so a script that lints clean but does the wrong thing
// fails here.

// needTool skips the test when tool is not installed, or fails it when
// PIPEC_REQUIRE_TOOLS is set (.ci/checks/gha-scripts.sh installs them all).
func needTool(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("PIPEC_REQUIRE_TOOLS") != "" {
			t.Fatalf("%s is not installed", tool)
		}
		t.Skipf("%s is not installed; .ci/checks/gha-scripts.sh runs this test", tool)
	}
}

// workflowStep returns the first step of job whose name starts with name,
// from the workflow file of prog's output.
func workflowStep(t *testing.T, prog func() *ir.Program, file, job, name string) stepDoc {
	t.Helper()
	p := prog()
	files, diags := New().Emit(p, ir.Options{Source: "pipec.hcl"})
	if diags.HasErrors() {
		t.Fatalf("Emit: %v", diags)
	}
	for _, f := range files {
		if f.Path != ".github/workflows/"+file {
			continue
		}
		for _, s := range parseWorkflow(t, f.Path, f.Data).Jobs[job].Steps {
			if strings.HasPrefix(s.Name, name) {
				return s
			}
		}
	}
	t.Fatalf("%s: no job %s with a step %q", file, job, name)
	return stepDoc{}
}

// runStep runs s's script with bash -eo pipefail in dir. The environment is
// the step's env with set replacing entries (every ${{ }} entry must be
// replaced), plus PATH and HOME.
func runStep(t *testing.T, s stepDoc, dir string, set map[string]string) (string, error) {
	t.Helper()
	needTool(t, "bash")
	env := map[string]string{"PATH": os.Getenv("PATH"), "HOME": t.TempDir()}
	for k, v := range s.Env {
		env[k] = v
	}
	for k, v := range set {
		env[k] = v
	}
	var list []string
	for k, v := range env {
		if strings.Contains(v, "${{") {
			t.Fatalf("step %q: env %s=%s is an expression the test does not set", s.Name, k, v)
		}
		list = append(list, k+"="+v)
	}
	sort.Strings(list)
	script := filepath.Join(t.TempDir(), "step.sh")
	if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = dir
	cmd.Env = list
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return string(out), err
}

// fakeArgo is an HTTPS server standing in for the Argo CD API. Its
// certificate is trusted through CURL_CA_BUNDLE.
type fakeArgo struct {
	mu   sync.Mutex
	reqs []string // "METHOD path?query body"
	srv  *httptest.Server
	ca   string
}

func newFakeArgo(t *testing.T, answer func(n int, r *http.Request) (int, string)) *fakeArgo {
	t.Helper()
	needTool(t, "curl")
	needTool(t, "jq")
	f := &fakeArgo{}
	f.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := make([]byte, 4096)
		n, _ := r.Body.Read(body)
		f.mu.Lock()
		f.reqs = append(f.reqs, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Authorization")+" "+string(body[:n]))
		count := len(f.reqs)
		f.mu.Unlock()
		code, text := answer(count, r)
		w.WriteHeader(code)
		_, _ = w.Write([]byte(text))
	}))
	t.Cleanup(f.srv.Close)
	f.ca = filepath.Join(t.TempDir(), "ca.pem")
	pemData := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.srv.Certificate().Raw})
	if err := os.WriteFile(f.ca, pemData, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

// env points a step at the fake server.
func (f *fakeArgo) env() map[string]string {
	return map[string]string{
		"ARGOCD_SERVER":     "https://" + f.srv.Listener.Addr().String(),
		"ARGOCD_AUTH_TOKEN": "t0ken",
		"CURL_CA_BUNDLE":    f.ca,
	}
}

func (f *fakeArgo) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string{}, f.reqs...)
}

// noSleep makes sleep a no-op in the script (bash imports functions from
// BASH_FUNC_name%% variables), so retries run at once.
const noSleep = "() { :; }"

// TestMatchBranchesScript: GitHub's filter rules decide the deploy-<env>
// outputs: * stops at /, !pattern excludes, tags match nothing.
func TestMatchBranchesScript(t *testing.T) {
	s := workflowStep(t, manualSync, "rel.yml", branchesID, "Match")
	tests := map[string]string{
		"refs/heads/release/1.2": "deploy-staging=true\ndeploy-production=true\n",
		"refs/heads/release/a/b": "deploy-staging=false\ndeploy-production=false\n",
		"refs/heads/release/old": "deploy-staging=false\ndeploy-production=false\n",
		"refs/heads/main":        "deploy-staging=false\ndeploy-production=false\n",
		"refs/tags/release/1":    "deploy-staging=false\ndeploy-production=false\n",
	}
	got := map[string]string{}
	for ref := range tests {
		out := filepath.Join(t.TempDir(), "output")
		if log, err := runStep(t, s, t.TempDir(), map[string]string{"GITHUB_REF": ref, "GITHUB_OUTPUT": out}); err != nil {
			t.Fatalf("%s: %v\n%s", ref, err, log)
		}
		data, _ := os.ReadFile(out)
		got[ref] = string(data)
	}
	if diff := cmpDiff(tests, got); diff != "" {
		t.Errorf("outputs by ref (-want +got):\n%s", diff)
	}
}

// TestSyncScript: with automated sync off, the deploy asks Argo CD to sync
// the Application to its own targetRevision, retrying while Argo CD
// refuses (another operation running).
func TestSyncScript(t *testing.T) {
	argo := newFakeArgo(t, func(n int, r *http.Request) (int, string) {
		if n == 1 {
			return http.StatusBadRequest, `{"error":"another operation is already in progress"}`
		}
		return http.StatusOK, `{}`
	})
	s := workflowStep(t, manualSync, "rel.yml", deployID("staging"), "Ask Argo CD to sync")
	set := argo.env()
	set["BASH_FUNC_sleep%%"] = noSleep
	if log, err := runStep(t, s, t.TempDir(), set); err != nil {
		t.Fatalf("sync step failed: %v\n%s", err, log)
	}
	call := "POST /api/v1/applications/rel-staging/sync Bearer t0ken " +
		`{"name":"rel-staging","appNamespace":"argocd","revision":"main","prune":false}`
	if diff := cmpDiff([]string{call, call}, argo.requests()); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// TestSoakWatchScript: the soak polls the previous environment for its
// whole length and stops promotion as soon as it is unhealthy or runs other
// digests.
func TestSoakWatchScript(t *testing.T) {
	const digest = "sha256:" + "1111111111111111111111111111111111111111111111111111111111111111"
	app := func(health, image string) string {
		return `{"status":{"health":{"status":"` + health + `"},"summary":{"images":["` + image + `"]}}}`
	}
	good := app("Healthy", "ghcr.io/acme/bg@"+digest)
	tests := []struct {
		name    string
		answers []string // by poll; the last one repeats
		wantErr string   // "" means success
	}{
		{"healthy throughout", []string{good}, ""},
		{"turns degraded", []string{good, app("Degraded", "ghcr.io/acme/bg@"+digest)}, "bg-staging is Degraded during the soak"},
		{"other digest deployed", []string{good, app("Healthy", "ghcr.io/acme/bg@sha256:2222")}, "bg-staging no longer runs ghcr.io/acme/bg@" + digest},
	}
	s := workflowStep(t, blueGreen, "bg.yml", soakID("production"), "Soak 30m")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			argo := newFakeArgo(t, func(n int, r *http.Request) (int, string) {
				return http.StatusOK, tt.answers[min(n, len(tt.answers))-1]
			})
			set := argo.env()
			set["IMAGES"] = "ghcr.io/acme/bg@" + digest
			set["SOAK_SECONDS"] = "2"
			set["POLL_SECONDS"] = "1"
			log, err := runStep(t, s, t.TempDir(), set)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("soak failed: %v\n%s", err, log)
			case tt.wantErr != "" && (err == nil || !strings.Contains(log, "::error::"+tt.wantErr)):
				t.Fatalf("want failure %q, got %v\n%s", tt.wantErr, err, log)
			}
			reqs := argo.requests()
			if tt.wantErr == "" && len(reqs) < 2 {
				t.Errorf("a 2s soak polling every 1s asked Argo CD %d times, want at least 2", len(reqs))
			}
			if tt.wantErr != "" && len(reqs) != len(tt.answers) {
				t.Errorf("asked Argo CD %d times, want %d (stop at the first bad answer)", len(reqs), len(tt.answers))
			}
			for _, r := range reqs {
				if !strings.HasPrefix(r, "GET /api/v1/applications/bg-staging?appNamespace=argocd Bearer t0ken") {
					t.Errorf("unexpected request %q", r)
				}
			}
		})
	}
}

// TestAddTag: a rendered tag that is not a valid Docker tag is cleaned or
// skipped, never pushed broken: ${git.branch}-${git.short_sha} on a tag
// push renders as "-abc1234".
func TestAddTag(t *testing.T) {
	s := stepDoc{Name: "add_tag", Run: tagScriptHead + `add_tag "${TAG}"
if [ "${#tags[@]}" -gt 0 ]; then printf '%s\n' "${tags[@]}"; fi
`}
	tests := map[string]string{
		"-abc1234":               "",
		"main-abc1234":           "--tag\nghcr.io/acme/app:main-abc1234\n",
		"feature/x":              "--tag\nghcr.io/acme/app:feature-x\n",
		".hidden":                "",
		"v1.2.3":                 "--tag\nghcr.io/acme/app:v1.2.3\n",
		strings.Repeat("a", 200): "--tag\nghcr.io/acme/app:" + strings.Repeat("a", 128) + "\n",
	}
	got := map[string]string{}
	for tag := range tests {
		out, err := runStep(t, s, t.TempDir(), map[string]string{
			"IMAGE": "ghcr.io/acme/app", "TAG": tag,
			"DIGEST": "sha256:" + strings.Repeat("0", 64),
		})
		if err != nil {
			t.Fatalf("%q: %v\n%s", tag, err, out)
		}
		if strings.HasPrefix(out, "Skipping tag") {
			out = ""
		}
		got[tag] = out
	}
	if diff := cmpDiff(tests, got); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
}
