package tekton_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
)

// The GitOps tree the source repository carries (deploy/bank, as the argo
// backend writes it): a base and one overlay per environment on ../../base.
const (
	baseKustomization = "resources:\n- web.yaml\n"
	baseWorkloadOld   = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/acme/bank\n"
	baseWorkloadNew   = baseWorkloadOld + "        env:\n        - name: FEATURE\n          value: \"on\"\n"
	zeroDigest        = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
	newDigest         = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
)

func overlayKustomization(env string) string {
	return "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n- digest: " + zeroDigest +
		"\n  name: ghcr.io/acme/bank\n  newName: ghcr.io/acme/bank\nnamespace: bank-" + env + "\nresources:\n- ../../base\n"
}

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// kustomizeOrSkip finds kustomize; .ci/checks/tekton-conformance.sh
// installs it and sets PIPEC_REQUIRE_KUSTOMIZE so the test cannot skip there.
func kustomizeOrSkip(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"git", "sh", "kustomize"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("PIPEC_REQUIRE_KUSTOMIZE") != "" {
				t.Fatalf("%s not on PATH", tool)
			}
			t.Skipf("%s not on PATH (go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.2)", tool)
		}
	}
}

// TestPublishEnvironment runs the generated gitops-update steps with real
// git and kustomize on a temporary GitOps repository: deploying dev
// replaces dev's overlay (stale files go), gives it its own copy of the
// new base, pins the digest, and leaves prod's overlay and the shared
// base exactly as they were.
func TestPublishEnvironment(t *testing.T) {
	kustomizeOrSkip(t)
	tmp := t.TempDir()
	home := filepath.Join(tmp, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	gitEnv := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com"}

	// The GitOps repository as earlier deploys left it.
	seed := filepath.Join(tmp, "seed")
	writeTree(t, seed, map[string]string{
		"bank/base/kustomization.yaml":               baseKustomization,
		"bank/base/web.yaml":                         baseWorkloadOld,
		"bank/overlays/prod/kustomization.yaml":      strings.Replace(overlayKustomization("prod"), "resources:\n- ../../base", "resources:\n- base", 1),
		"bank/overlays/prod/base/web.yaml":           baseWorkloadOld,
		"bank/overlays/prod/base/kustomization.yaml": baseKustomization,
		"bank/overlays/dev/kustomization.yaml":       overlayKustomization("dev"),
		"bank/overlays/dev/stale.yaml":               "removed from the spec\n",
	})
	run(t, seed, gitEnv, "git", "init", "-q", "-b", "main")
	run(t, seed, gitEnv, "git", "add", "-A")
	run(t, seed, gitEnv, "git", "commit", "-q", "-m", "earlier deploys")
	remote := filepath.Join(tmp, "remote.git")
	run(t, tmp, gitEnv, "git", "clone", "-q", "--bare", seed, remote)
	before := run(t, tmp, gitEnv, "git", "--git-dir", remote, "ls-tree", "-r", "HEAD", "bank/base", "bank/overlays/prod")

	// The source checkout: a new base (an added env var) and both overlays.
	ws := filepath.Join(tmp, "ws")
	writeTree(t, filepath.Join(ws, "src/deploy/bank"), map[string]string{
		"base/kustomization.yaml":          baseKustomization,
		"base/web.yaml":                    baseWorkloadNew,
		"overlays/dev/kustomization.yaml":  overlayKustomization("dev"),
		"overlays/prod/kustomization.yaml": overlayKustomization("prod"),
	})

	task := byPath(t, emit(t, tektontest.ManualGate()), "tasks/gitops-update.yaml")
	gitops := filepath.Join(tmp, "gitops")
	if err := os.MkdirAll(gitops, 0o755); err != nil {
		t.Fatal(err)
	}
	result := filepath.Join(tmp, "commit")
	for _, st := range list(task, "spec", "steps") {
		env := []string{"PATH=" + os.Getenv("PATH")}
		for _, e := range list(st, "env") {
			name, v := str(e, "name"), str(e, "value")
			switch {
			case get(e, "valueFrom") != nil:
				continue // the token: a local file:// remote needs none
			case name == "HOME":
				v = home
			case name == "PIPEC_GITOPS_URL":
				v = "file://" + remote
			case v == "$(params.environment)":
				v = "dev"
			case v == "$(params.image-web-digest)":
				v = newDigest
			case v == "$(params.git-sha)":
				v = "0123456789abcdef0123456789abcdef01234567"
			case v == "$(results.commit.path)":
				v = result
			}
			env = append(env, name+"="+strings.ReplaceAll(v, "$(workspaces.source.path)", ws))
		}
		dir := strings.Replace(str(st, "workingDir"), "/gitops", gitops, 1)
		cmd := exec.Command("sh", "-c", str(st, "script"))
		cmd.Env, cmd.Dir = env, dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("step %s: %v\n%s", str(st, "name"), err, out)
		}
	}

	commit, err := os.ReadFile(result)
	if err != nil {
		t.Fatal(err)
	}
	head := strings.TrimSpace(run(t, tmp, gitEnv, "git", "--git-dir", remote, "rev-parse", "main"))
	if string(commit) != head {
		t.Errorf("commit result %q, remote main %q", commit, head)
	}
	if after := run(t, tmp, gitEnv, "git", "--git-dir", remote, "ls-tree", "-r", "HEAD", "bank/base", "bank/overlays/prod"); after != before {
		t.Errorf("deploying dev changed bank/base or bank/overlays/prod:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	check := filepath.Join(tmp, "check")
	run(t, tmp, gitEnv, "git", "clone", "-q", remote, check)
	if _, err := os.Stat(filepath.Join(check, "bank/overlays/dev/stale.yaml")); err == nil {
		t.Error("a file removed from the generated overlay stayed in the GitOps repository")
	}
	kz, err := os.ReadFile(filepath.Join(check, "bank/overlays/dev/kustomization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(kz), "../../base") {
		t.Errorf("dev still builds on the shared base:\n%s", kz)
	}
	built := run(t, check, gitEnv, "kustomize", "build", "bank/overlays/dev")
	for _, want := range []string{"image: ghcr.io/acme/bank@" + newDigest, "name: FEATURE", "namespace: bank-dev"} {
		if !strings.Contains(built, want) {
			t.Errorf("kustomize build bank/overlays/dev lacks %q:\n%s", want, built)
		}
	}
	// prod, untouched, still builds on its own older snapshot.
	if prod := run(t, check, gitEnv, "kustomize", "build", "bank/overlays/prod"); strings.Contains(prod, "FEATURE") {
		t.Errorf("prod picked up dev's base:\n%s", prod)
	}
}
