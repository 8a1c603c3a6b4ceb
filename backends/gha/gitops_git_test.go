package gha

import (
	"encoding/pem"
	"io/fs"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/compiler/ir/irtest"
)

func TestParseRemote(t *testing.T) {
	type result struct {
		URL, Origin, Username string
		Problem               string
	}
	tests := map[string]result{
		"https://gitlab.example.com/acme/deploy.git":         {"https://gitlab.example.com/acme/deploy.git", "https://gitlab.example.com", "x-access-token", ""},
		"https://ghe.example.com/org/repo.git":               {"https://ghe.example.com/org/repo.git", "https://ghe.example.com", "x-access-token", ""},
		"https://git.example.com:8443/group/sub/deploy":      {"https://git.example.com:8443/group/sub/deploy", "https://git.example.com:8443", "x-access-token", ""},
		"https://oauth2@gitlab.example.com/acme/deploy.git":  {"https://gitlab.example.com/acme/deploy.git", "https://gitlab.example.com", "oauth2", ""},
		"https://bot:pw@gitlab.example.com/acme/deploy.git":  {Problem: "GitOps repository URL holds a password"},
		"ssh://git@gitlab.example.com:2222/acme/deploy.git":  {Problem: "GitOps repository over SSH is not supported"},
		"git@gitlab.example.com:acme/deploy.git":             {Problem: "GitOps repository over SSH is not supported"},
		"http://gitlab.example.com/acme/deploy.git":          {Problem: "GitOps repository is not an HTTPS clone URL"},
		"https://gitlab.example.com/":                        {Problem: "GitOps repository is not an HTTPS clone URL"},
		"https://gitlab.example.com/acme/deploy.git?ref=x":   {Problem: "GitOps repository is not an HTTPS clone URL"},
		"https://gitlab.example.com/acme/deploy.git#history": {Problem: "GitOps repository is not an HTTPS clone URL"},
	}
	got := map[string]result{}
	for raw := range tests {
		r, bad := parseRemote(raw)
		res := result{URL: r.URL, Origin: r.Origin, Username: r.Username}
		if bad != nil {
			res.Problem = bad.summary
		}
		got[raw] = res
	}
	if diff := cmpDiff(tests, got); diff != "" {
		t.Errorf("parseRemote (-want +got):\n%s", diff)
	}
}

// TestSSHRemoteSuggestion: the SSH error proposes the HTTPS URL of the same
// repository, without the SSH port.
func TestSSHRemoteSuggestion(t *testing.T) {
	tests := map[string]string{
		"ssh://git@gitlab.example.com:2222/acme/deploy.git": `"https://gitlab.example.com/acme/deploy.git"`,
		"git@gitlab.example.com:acme/deploy.git":            `"https://gitlab.example.com/acme/deploy.git"`,
		"ssh://gitea.example.com/~ops/deploy":               `"https://gitea.example.com/ops/deploy"`,
	}
	for raw, want := range tests {
		_, bad := parseRemote(raw)
		if bad == nil || !strings.Contains(bad.detail, "repository = "+want) {
			t.Errorf("%s: detail %v does not propose %s", raw, bad, want)
		}
	}
}

// TestPlainGitSecretScope: outside github.com, deploy and rollback jobs
// have no actions/checkout of the GitOps repository, and the token is in
// the env of exactly the clone and the push steps, never in a run: script
// or in the credential helper's text.
func TestPlainGitSecretScope(t *testing.T) {
	const secret = "${{ secrets.GITLAB }}"
	for _, f := range emitFixture(t, fixture{name: "gitlab_gitops", prog: gitlabGitOps}) {
		if !isWorkflowPath(f.Path) {
			continue
		}
		w := parseWorkflow(t, f.Path, f.Data)
		for id, j := range w.Jobs {
			if !strings.HasPrefix(id, "deploy-") && id != "rollback" {
				continue
			}
			var withToken []string
			for _, s := range j.Steps {
				if strings.HasPrefix(s.Uses, "actions/checkout@") && s.With["path"] == "gitops" {
					t.Errorf("%s %s: the GitOps repository is checked out with actions/checkout", f.Path, id)
				}
				for k, v := range s.Env {
					if strings.Contains(v, "secrets.GITLAB") {
						if k != "GITOPS_TOKEN" || v != secret {
							t.Errorf("%s %s step %q: %s=%s", f.Path, id, s.Name, k, v)
						}
						withToken = append(withToken, s.Name)
					}
				}
				if strings.Contains(s.Run, "secrets.") || strings.Contains(s.Env["GIT_CONFIG_VALUE_1"], "secrets.") {
					t.Errorf("%s %s step %q names a secret outside env", f.Path, id, s.Name)
				}
			}
			if diff := cmpDiff([]string{"Check out the GitOps repository", "Commit and push"}, withToken); diff != "" {
				t.Errorf("%s %s: steps with the token (-want +got):\n%s", f.Path, id, diff)
			}
		}
	}
}

// gitServer is an HTTPS git server (git http-backend behind basic auth)
// that accepts one user name and token, as a GitLab or Gitea would.
type gitServer struct {
	srv  *httptest.Server
	ca   string
	mu   sync.Mutex
	asks int      // 401 challenges sent
	seen []string // "user:password" of every authenticated request
}

func newGitServer(t *testing.T, root, user, token string) *gitServer {
	t.Helper()
	gitBin, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	backend := &cgi.Handler{Path: gitBin, Args: []string{"http-backend"}, Root: "/",
		Env: []string{"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1"}}
	s := &gitServer{}
	s.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		s.mu.Lock()
		if ok {
			s.seen = append(s.seen, u+":"+p)
		}
		if !ok || u != user || p != token {
			s.asks++
			s.mu.Unlock()
			w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		s.mu.Unlock()
		backend.ServeHTTP(w, r)
	}))
	t.Cleanup(s.srv.Close)
	s.ca = filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(s.ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.srv.Certificate().Raw}), 0o644); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPublishPerEnvironmentPlainGit runs the generated clone, publish and
// commit steps of a deploy to a GitOps repository outside github.com
// against a real git server over HTTPS that requires the token. Another
// push lands between the clone and the commit, so the push is rejected
// once and retried after a rebase. The token must never reach .git/, HOME,
// a log line, or a command line (the helper's text only names the
// variable).
func TestPublishPerEnvironmentPlainGit(t *testing.T) {
	kz := kustomizeBin(t)
	needTool(t, "git")
	// The backslash would not survive a helper that used dash's echo.
	const user, token = "x-access-token", `glpat-canary\n7c1d0e`
	work := t.TempDir()
	_, remote := seedGitOps(t, work)
	git(t, remote, "config", "http.receivepack", "true")
	srv := newGitServer(t, work, user, token)
	// A runner whose git saves credentials (a self-hosted one, say): the
	// step must drop that helper, or the token lands in ~/.git-credentials.
	home := t.TempDir()
	writeFile(t, filepath.Join(home, ".gitconfig"), "[credential]\n\thelper = store\n")
	url := srv.srv.URL + "/remote.git"
	prog := func() *ir.Program {
		p := irtest.Seed()
		p.GitOps.Repository = url
		return p
	}
	set := map[string]string{
		"RUNNER_TEMP": runnerBin(t, work, kz), "DIGEST_1": "sha256:" + strings.Repeat("c", 64),
		"GITHUB_REPOSITORY": "myorg/my-app", "GITHUB_SHA": "0123456", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "1",
		"GIT_SSL_CAINFO": srv.ca, "GITOPS_TOKEN": token, "BASH_FUNC_sleep%%": noSleep,
		"HOME": home,
	}
	step := func(name string) stepDoc { return workflowStep(t, prog, "my-app.yml", deployID("staging"), name) }
	clone := step("Check out the GitOps repository")
	if clone.Uses != "" {
		t.Fatalf("%s uses %s, want plain git", url, clone.Uses)
	}

	for _, c := range []struct{ name, token, want string }{
		{"empty secret", "", "::error::The GitOps token secret is empty"},
		{"wrong token", "glpat-wrong", "Authentication failed"},
	} {
		bad := map[string]string{}
		for k, v := range set {
			bad[k] = v
		}
		bad["GITOPS_TOKEN"] = c.token
		if log, err := runStep(t, clone, t.TempDir(), bad); err == nil || !strings.Contains(log, c.want) {
			t.Errorf("clone with %s: err=%v, want a failure saying %q:\n%s", c.name, err, c.want, log)
		}
	}

	var logs []string
	run := func(s stepDoc, dir string) {
		t.Helper()
		log, err := runStep(t, s, dir, set)
		logs = append(logs, log)
		if err != nil {
			t.Fatalf("%s: %v\n%s", s.Name, err, log)
		}
	}
	run(clone, work)
	gitops := filepath.Join(work, "gitops")
	if got := git(t, gitops, "config", "--get", "remote.origin.url"); got != url {
		t.Errorf("remote.origin.url = %q, want %q", got, url)
	}
	if cfg, err := os.ReadFile(filepath.Join(gitops, ".git", "config")); err != nil || strings.Contains(string(cfg), "credential") {
		t.Errorf("the clone's .git/config holds credential settings (%v):\n%s", err, cfg)
	}

	// Someone else pushes first; the deploy's push must rebase and retry.
	other := filepath.Join(t.TempDir(), "other")
	git(t, work, "clone", "-q", remote, other)
	writeFile(t, filepath.Join(other, "apps", "other", "README"), "another app\n")
	git(t, other, "add", "-A")
	git(t, other, "commit", "-q", "-m", "another deploy")
	git(t, other, "push", "-q", "origin", "HEAD:main")
	racer := git(t, other, "rev-parse", "HEAD")

	run(step("Publish staging"), work)
	run(step("Commit and push"), gitops)

	if got, want := git(t, remote, "rev-parse", "main"), git(t, gitops, "rev-parse", "HEAD"); got != want {
		t.Errorf("remote main is %s, want the deploy %s", got, want)
	}
	if got := git(t, remote, "rev-parse", "main~1"); got != racer {
		t.Errorf("the deploy is not rebased on the other push: main~1 = %s, want %s", got, racer)
	}
	if got := git(t, remote, "diff", "--name-only", racer, "main"); !strings.HasPrefix(got, seedPath+"/overlays/staging/") {
		t.Errorf("the deploy changed %q, want only overlays/staging", got)
	}
	if !strings.Contains(strings.Join(logs, ""), "Push rejected (attempt 1 of 5)") {
		t.Errorf("the first push was not rejected; logs:\n%s", strings.Join(logs, ""))
	}

	srv.mu.Lock()
	asks, seen := srv.asks, append([]string{}, srv.seen...)
	srv.mu.Unlock()
	if asks == 0 || len(seen) == 0 {
		t.Errorf("git never authenticated: %d challenges, %d authenticated requests", asks, len(seen))
	}
	for _, s := range seen {
		if s != user+":"+token && s != user+":glpat-wrong" {
			t.Errorf("git sent credentials %q", s)
		}
	}
	for i, log := range logs {
		if strings.Contains(log, token) {
			t.Errorf("step %d printed the token:\n%s", i, log)
		}
	}
	for _, dir := range []string{gitops, home} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if data, err := os.ReadFile(path); err == nil && strings.Contains(string(data), token) {
				t.Errorf("%s holds the token", path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
