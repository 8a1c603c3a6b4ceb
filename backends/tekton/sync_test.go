package tekton_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
)

// An environment whose Application does not sync by itself gets a sync
// task between its deploy and its health wait; one that syncs
// automatically does not.
func TestSyncTask(t *testing.T) {
	files := emit(t, tektontest.Hardening())
	names, runAfter, byName := pipelineTasks(byPath(t, files, "bank-hardening/pipeline.yaml"))
	if contains(names, "sync-dev") {
		t.Error("dev syncs automatically but has a sync task")
	}
	if !reaches(runAfter, "deploy-qa", "sync-qa") || !reaches(runAfter, "sync-qa", "wait-qa") {
		t.Errorf("sync-qa is not between deploy-qa and wait-qa: %v", runAfter)
	}
	got := map[string]string{}
	for _, p := range list(byName["sync-qa"], "params") {
		got[str(p, "name")] = str(p, "value")
	}
	want := map[string]string{"application": "bank-hardening-qa", "request": `{"name":"bank-hardening-qa","appNamespace":"argocd","prune":true}`}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sync-qa params (-want +got):\n%s", diff)
	}
	if w := whenOf(t, files, "bank-hardening/pipeline.yaml")["sync-qa"]; !strings.Contains(w, "deploy-dev") || !strings.Contains(w, "deploy-qa") {
		t.Errorf("sync-qa when = %q", w)
	}
	if hasPath(emit(t, tektontest.ManualGate()), "tasks/argocd-sync.yaml") {
		t.Error("argocd-sync Task written though every Application syncs automatically")
	}
}

// fakeCurl records its arguments and stdin, then answers with the status
// in CODE.
const fakeCurl = `#!/bin/sh
printf '%s\n' "$@" > "$ARGS"
cat > "$STDIN"
out=""
while [ $# -gt 0 ]; do
  if [ "$1" = -o ]; then out="$2"; fi
  shift
done
printf '{"message":"x"}' > "$out"
printf '%s' "$CODE"
`

// TestSyncScript runs the sync step with a stand-in curl: it posts the
// request to the Application's sync endpoint, passes the token on stdin
// (never as an argument), and gives up at once on 403.
func TestSyncScript(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	st := list(byPath(t, emit(t, tektontest.Hardening()), "tasks/argocd-sync.yaml"), "spec", "steps")[0]
	tests := []struct {
		code, server, url string
		ok                bool
	}{
		{"200", "argocd.example.com", "https://argocd.example.com/api/v1/applications/bank-qa/sync", true},
		{"200", "http://argocd-server.argocd.svc/", "http://argocd-server.argocd.svc/api/v1/applications/bank-qa/sync", true},
		{"403", "argocd.example.com", "https://argocd.example.com/api/v1/applications/bank-qa/sync", false},
	}
	for _, tt := range tests {
		t.Run(tt.code+" "+tt.server, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "curl"), []byte(fakeCurl), 0o755); err != nil {
				t.Fatal(err)
			}
			env := []string{"PATH=" + dir + ":" + os.Getenv("PATH"), "ARGS=" + filepath.Join(dir, "args"), "STDIN=" + filepath.Join(dir, "stdin"), "CODE=" + tt.code}
			for _, e := range list(st, "env") {
				name, v := str(e, "name"), str(e, "value")
				switch name {
				case "PIPEC_ARGOCD_SERVER":
					v = tt.server
				case "PIPEC_ARGOCD_TOKEN":
					v = "s3cret"
				case "PIPEC_APPLICATION":
					v = "bank-qa"
				case "PIPEC_SYNC_REQUEST":
					v = `{"name":"bank-qa","appNamespace":"argocd","prune":true}`
				}
				env = append(env, name+"="+v)
			}
			script := strings.ReplaceAll(str(st, "script"), "/tmp/sync-response", filepath.Join(dir, "response"))
			cmd := exec.Command("sh", "-c", script)
			cmd.Env, cmd.Dir = env, dir
			out, err := cmd.CombinedOutput()
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v\n%s", err, tt.ok, out)
			}
			args, _ := os.ReadFile(filepath.Join(dir, "args"))
			stdin, _ := os.ReadFile(filepath.Join(dir, "stdin"))
			if strings.Contains(string(args), "s3cret") {
				t.Errorf("token in curl's arguments:\n%s", args)
			}
			if string(stdin) != "Authorization: Bearer s3cret\n" {
				t.Errorf("stdin = %q", stdin)
			}
			lines := strings.Split(strings.TrimSpace(string(args)), "\n")
			if lines[len(lines)-1] != tt.url {
				t.Errorf("url = %q, want %q", lines[len(lines)-1], tt.url)
			}
			if !strings.Contains(string(args), "-X\nPOST\n") || !strings.Contains(string(args), "--data\n{\"name\":\"bank-qa\"") {
				t.Errorf("not a POST of the request:\n%s", args)
			}
		})
	}
}
