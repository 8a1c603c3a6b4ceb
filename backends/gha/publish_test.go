package gha

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/compiler/ir/irtest"
	"github.com/rogpeppe/go-internal/txtar"
)

// kustomizeBin is a real kustomize: $PIPEC_KUSTOMIZE or the one on PATH
// (go install sigs.k8s.io/kustomize/kustomize/v5@VERSION;
// .ci/checks/gha-scripts.sh installs the version the workflows pin).
func kustomizeBin(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("PIPEC_KUSTOMIZE"); p != "" {
		return p
	}
	needTool(t, "kustomize")
	p, _ := exec.LookPath("kustomize")
	return p
}

// git runs git in dir and returns its trimmed output.
func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func kustomizeBuild(t *testing.T, bin, dir string) string {
	t.Helper()
	out, err := exec.Command(bin, "build", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("kustomize build %s: %v\n%s", dir, err, out)
	}
	return string(out)
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// seedGitOps writes the seed's generated GitOps tree (from the end-to-end
// golden) to work/source/deploy and returns it with a bare GitOps
// repository, work/remote.git, as earlier deploys left it: the shared base
// and overlays on ../../base, plus a file staging's overlay no longer has.
func seedGitOps(t *testing.T, work string) (src, remote string) {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "golden", "examples", "seed.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	src = filepath.Join(work, "source")
	for _, f := range a.Files {
		if rest, ok := strings.CutPrefix(f.Name, "out/deploy/"+seedPath+"/"); ok {
			writeFile(t, filepath.Join(src, "deploy", seedPath, rest), string(f.Data))
		}
	}
	if _, err := os.Stat(filepath.Join(src, "deploy", seedPath, "overlays", "production", "kustomization.yaml")); err != nil {
		t.Fatalf("seed golden has no GitOps tree: %v", err)
	}
	remote = filepath.Join(work, "remote.git")
	git(t, work, "init", "-q", "--bare", "-b", "main", remote)
	old := filepath.Join(t.TempDir(), "old")
	git(t, work, "clone", "-q", remote, old)
	if out, err := exec.Command("cp", "-R", filepath.Join(src, "deploy", "apps"), filepath.Join(old, "apps")).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	writeFile(t, filepath.Join(old, seedPath, "overlays", "staging", "stale.yaml"), "kind: ConfigMap\n")
	git(t, old, "add", "-A")
	git(t, old, "commit", "-q", "-m", "old layout")
	git(t, old, "push", "-q", "origin", "HEAD:main")
	return src, remote
}

// seedPath is the seed's gitops.path.
const seedPath = "apps/my-app"

// runnerBin makes work/runner/bin/kustomize, where the generated steps
// expect the installed kustomize (${RUNNER_TEMP}/bin).
func runnerBin(t *testing.T, work, kz string) string {
	t.Helper()
	bin := filepath.Join(work, "runner", "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(kz, filepath.Join(bin, "kustomize")); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(work, "runner")
}

// TestPublishPerEnvironment runs the seed's generated publish and commit
// steps with real git and kustomize on a GitOps repository that still has
// the old shared layout. Deploying staging with a changed base must leave
// production (and the old shared base) untouched, and each overlay must
// build from its own copy of the base.
func TestPublishPerEnvironment(t *testing.T) {
	kz := kustomizeBin(t)
	needTool(t, "git")
	const path = seedPath
	work := t.TempDir()
	src, remote := seedGitOps(t, work)
	gitops := filepath.Join(work, "gitops")
	git(t, work, "clone", "-q", remote, gitops)

	runnerTemp := runnerBin(t, work, kz)
	digestA := "sha256:" + strings.Repeat("a", 64)
	digestB := "sha256:" + strings.Repeat("b", 64)
	deploy := func(env, digest string) {
		t.Helper()
		set := map[string]string{
			"RUNNER_TEMP": runnerTemp, "DIGEST_1": digest,
			"GITHUB_REPOSITORY": "myorg/my-app", "GITHUB_SHA": "0123456", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "1",
		}
		publish := workflowStep(t, irtest.Seed, "my-app.yml", deployID(env), "Publish")
		if log, err := runStep(t, publish, work, set); err != nil {
			t.Fatalf("publish %s: %v\n%s", env, err, log)
		}
		commit := workflowStep(t, irtest.Seed, "my-app.yml", deployID(env), "Commit and push")
		if log, err := runStep(t, commit, gitops, set); err != nil {
			t.Fatalf("commit %s: %v\n%s", env, err, log)
		}
	}

	deploy("production", digestA)
	prodTree := git(t, gitops, "rev-parse", "HEAD:"+path+"/overlays/production")
	baseTree := git(t, gitops, "rev-parse", "HEAD:"+path+"/base")
	before := git(t, gitops, "rev-parse", "HEAD")

	// A new commit adds a ConfigMap to the base; only staging deploys it.
	writeFile(t, filepath.Join(src, "deploy", path, "base", "settings.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: new\n")
	if out, err := exec.Command("sh", "-c", "cd "+filepath.Join(src, "deploy", path, "base")+" && "+kz+" edit add resource settings.yaml").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	deploy("staging", digestB)

	if got := git(t, gitops, "rev-parse", "HEAD:"+path+"/overlays/production"); got != prodTree {
		t.Errorf("deploying staging changed overlays/production")
	}
	if got := git(t, gitops, "rev-parse", "HEAD:"+path+"/base"); got != baseTree {
		t.Errorf("deploying staging changed the shared base")
	}
	if got := git(t, remote, "rev-parse", "main"); got != git(t, gitops, "rev-parse", "HEAD") {
		t.Errorf("the deploy was not pushed: remote main %s", got)
	}
	changed := git(t, gitops, "diff", "--name-only", before, "HEAD")
	for _, f := range strings.Split(changed, "\n") {
		if !strings.HasPrefix(f, path+"/overlays/staging/") {
			t.Errorf("deploying staging changed %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(gitops, path, "overlays", "staging", "stale.yaml")); !os.IsNotExist(err) {
		t.Errorf("a file removed from the generated overlay stayed: %v", err)
	}
	staging := kustomizeBuild(t, kz, filepath.Join(gitops, path, "overlays", "staging"))
	prod := kustomizeBuild(t, kz, filepath.Join(gitops, path, "overlays", "production"))
	for _, c := range []struct {
		name, out, want string
		present         bool
	}{
		{"staging runs the new digest", staging, "ghcr.io/myorg/my-app@" + digestB, true},
		{"staging has the new base", staging, "name: settings", true},
		{"production keeps its digest", prod, "ghcr.io/myorg/my-app@" + digestA, true},
		{"production keeps its base", prod, "name: settings", false},
		{"staging builds on its own base", staging, "namespace: staging", true},
	} {
		if strings.Contains(c.out, c.want) != c.present {
			t.Errorf("%s: %q present=%v", c.name, c.want, !c.present)
		}
	}
	k, err := os.ReadFile(filepath.Join(gitops, path, "overlays", "staging", "kustomization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(k), "../../base") || !strings.Contains(string(k), "- base\n") {
		t.Errorf("staging's kustomization still uses the shared base:\n%s", k)
	}
}
