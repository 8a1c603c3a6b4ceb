package tekton_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
)

var tektonVar = regexp.MustCompile(`\$\((params|tasks|context|results|workspaces|steps)\.`)

// containers returns every step and sidecar of a Task.
func containers(d doc) []any {
	return append(list(d, "spec", "steps"), list(d, "spec", "sidecars")...)
}

func TestNoTektonVariablesInScripts(t *testing.T) {
	for _, fx := range tektontest.Fixtures() {
		for _, f := range emit(t, fx.Program) {
			d := parse(t, f)
			if str(d, "kind") != "Task" {
				continue
			}
			for _, c := range list(d, "spec", "steps") {
				if s := str(c, "script"); tektonVar.MatchString(s) {
					t.Errorf("%s: %s step %s script has a Tekton variable:\n%s", fx.Name, f.Path, str(c, "name"), s)
				}
			}
		}
	}
}

func TestRestrictedSecurityContext(t *testing.T) {
	want := map[string]any{
		"allowPrivilegeEscalation": false,
		"capabilities":             map[string]any{"drop": []any{"ALL"}},
		"runAsNonRoot":             true,
		"runAsUser":                float64(65532),
		"runAsGroup":               float64(65532),
		"seccompProfile":           map[string]any{"type": "RuntimeDefault"},
	}
	for _, fx := range tektontest.Fixtures() {
		for _, f := range emit(t, fx.Program) {
			d := parse(t, f)
			if str(d, "kind") != "Task" {
				continue
			}
			build := strings.Contains(f.Path, "/tasks/build-")
			for _, c := range containers(d) {
				sc := get(c, "securityContext")
				if strings.Contains(string(f.Data), "privileged: true") {
					t.Errorf("%s: privileged container", f.Path)
				}
				if build {
					if get(sc, "runAsUser") != float64(0) || get(sc, "allowPrivilegeEscalation") != false ||
						str(sc, "seccompProfile", "type") != "RuntimeDefault" {
						t.Errorf("%s: build exception changed: %v", f.Path, sc)
					}
					if str(d, "metadata", "annotations", "pipec.dev/pss-exception") == "" || !strings.Contains(string(f.Data), "# SECURITY EXCEPTION:") {
						t.Errorf("%s: build exception is not documented in the file", f.Path)
					}
					continue
				}
				if diff := cmp.Diff(want, sc); diff != "" {
					t.Errorf("%s: %s securityContext (-want +got):\n%s", f.Path, str(c, "name"), diff)
				}
			}
		}
	}
}

var digestPinned = regexp.MustCompile(`@sha256:[0-9a-f]{64}$`)

func TestToolImagesPinnedByDigest(t *testing.T) {
	// Images pipec chooses; user images (tests, e2e, services) are the spec's.
	userTask := regexp.MustCompile(`/tasks/(test|e2e)-`)
	for _, fx := range tektontest.Fixtures() {
		for _, f := range emit(t, fx.Program) {
			d := parse(t, f)
			if str(d, "kind") != "Task" || userTask.MatchString(f.Path) {
				continue
			}
			for _, c := range list(d, "spec", "steps") {
				if img := str(c, "image"); !digestPinned.MatchString(img) {
					t.Errorf("%s: step %s image %q is not pinned by digest", f.Path, str(c, "name"), img)
				}
			}
		}
	}
}

func TestChainsTypeHints(t *testing.T) {
	files := emit(t, tektontest.Seed())
	results := func(suffix string) []string {
		var out []string
		for _, r := range list(byPath(t, files, suffix), "spec", "results") {
			out = append(out, str(r, "name"))
		}
		return out
	}
	if diff := cmp.Diff([]string{"IMAGE_URL", "IMAGE_DIGEST"}, results("tasks/push-app.yaml")); diff != "" {
		t.Errorf("push results (-want +got):\n%s", diff)
	}
	clone := results("tasks/clone.yaml")
	if !contains(clone, "CHAINS-GIT_URL") || !contains(clone, "CHAINS-GIT_COMMIT") {
		t.Errorf("clone results %v lack the CHAINS-GIT hints", clone)
	}
}

func TestPipelineRunsUseFreshVolumes(t *testing.T) {
	for _, fx := range tektontest.Fixtures() {
		for _, f := range emit(t, fx.Program) {
			if !strings.Contains(string(f.Data), "kind: PipelineRun") {
				continue
			}
			if strings.Contains(string(f.Data), "persistentVolumeClaim:") || !strings.Contains(string(f.Data), "volumeClaimTemplate:") {
				t.Errorf("%s: workspace is not a per-run volumeClaimTemplate", f.Path)
			}
			sa := fx.Program.Pipeline.Name + "-pipeline"
			if strings.Contains(f.Path, "pull-request") {
				sa = fx.Program.Pipeline.Name + "-pull-request"
			}
			if !strings.Contains(string(f.Data), "serviceAccountName: "+sa+"\n") {
				t.Errorf("%s: serviceAccountName is not %s", f.Path, sa)
			}
		}
	}
}

func TestTriggers(t *testing.T) {
	files := emit(t, tektontest.Seed())
	el := byPath(t, files, "triggers/eventlistener.yaml")
	trig := list(el, "spec", "triggers")
	if len(trig) != 2 {
		t.Fatalf("triggers = %v", trig)
	}
	want := []struct{ name, event, filter, template string }{
		{"push", "push", `body.deleted == false && (body.ref.matches('^refs/heads/(main)$') || body.ref.matches('^refs/tags/(v[^/]*)$'))`, "my-app-push"},
		{"pull-request", "pull_request", `body.action in ['opened', 'synchronize', 'reopened'] && body.pull_request.head.repo.full_name == body.repository.full_name && body.pull_request.base.ref.matches('^(main)$')`, "my-app-pull-request"},
	}
	for i, w := range want {
		tr := trig[i]
		ic := list(tr, "interceptors")
		if str(ic[0], "ref", "name") != "github" {
			t.Errorf("%s: first interceptor %v", w.name, ic[0])
		}
		params := map[string]any{}
		for _, p := range list(ic[0], "params") {
			params[str(p, "name")] = get(p, "value")
		}
		if diff := cmp.Diff(map[string]any{"secretName": "my-app-github-webhook", "secretKey": "secret"}, params["secretRef"]); diff != "" {
			t.Errorf("%s secretRef (-want +got):\n%s", w.name, diff)
		}
		if diff := cmp.Diff([]any{w.event}, params["eventTypes"]); diff != "" {
			t.Errorf("%s eventTypes (-want +got):\n%s", w.name, diff)
		}
		if got := str(list(ic[1], "params")[0], "value"); got != w.filter {
			t.Errorf("%s filter\n got %s\nwant %s", w.name, got, w.filter)
		}
		if got := str(tr, "template", "ref"); got != w.template {
			t.Errorf("%s template = %q", w.name, got)
		}
	}
	pr := byPath(t, files, "triggers/triggertemplate-pull-request.yaml")
	if got := str(list(pr, "spec", "resourcetemplates")[0], "spec", "pipelineRef", "name"); got != "my-app-pull-request" {
		t.Errorf("pull request template runs %q", got)
	}
}

func TestGlobToCEL(t *testing.T) {
	files := emit(t, tektontest.MatrixSidecars())
	el := byPath(t, files, "triggers/eventlistener.yaml")
	f := str(list(list(list(el, "spec", "triggers")[0], "interceptors")[1], "params")[0], "value")
	for _, want := range []string{`^refs/heads/(main|release/.*)$`, `c.modified.exists(f, f.matches('^(src/.*|go\\.mod)$'))`} {
		if !strings.Contains(f, want) {
			t.Errorf("filter %s\nlacks %s", f, want)
		}
	}
}
