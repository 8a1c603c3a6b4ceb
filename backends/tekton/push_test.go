package tekton_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/backends/tekton/tektontest"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// fakeSkopeo logs each call and acts as a registry that stores manifests
// unchanged: inspect --raw prints the layout's manifest, copy writes the
// digest file.
const fakeSkopeo = `#!/bin/sh
echo "$*" >> "$SKOPEO_LOG"
case "$1" in
  inspect) printf 'the manifest' ;;
  copy)
    if [ "$4" = --digestfile ]; then
      printf 'sha256:%s' "$(printf 'the manifest' | sha256sum | cut -d ' ' -f 1)" > "$5"
    fi
    ;;
esac
`

// TestPushScript runs the generated push step with a stand-in skopeo: the
// image is always pushed by digest, tags that need git.tag are left out
// on branch pushes (which still succeed, untagged), and a tag that renders
// invalid is skipped rather than mangled.
func TestPushScript(t *testing.T) {
	for _, tool := range []string{"sh", "sha256sum", "tr", "cut"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s", tool)
		}
	}
	versionTag := ir.Tag{Value: ir.Value{Parts: []ir.Part{{Lit: "v"}, {Ref: &ir.Ref{Kind: ir.GitTag}}}}, OnTagOnly: true}
	branchTag := ir.Tag{Value: ir.Value{Parts: []ir.Part{{Ref: &ir.Ref{Kind: ir.GitBranch}}, {Lit: "-"}, {Ref: &ir.Ref{Kind: ir.GitShortSHA}}}}}
	const repo = "registry.example.com/acme/api"
	tests := []struct {
		name, branch, tag string
		tags              []ir.Tag
		want              []string // skopeo calls after inspect and the digest push
	}{
		{"branch push", "main", "", []ir.Tag{versionTag, branchTag}, []string{"copy --all --preserve-digests docker://" + repo + "@DIGEST docker://" + repo + ":main-abc1234"}},
		// git.branch is empty on a tag event: "-abc1234" is skipped.
		{"tag push", "", "1.2.0", []ir.Tag{versionTag, branchTag}, []string{"copy --all --preserve-digests docker://" + repo + "@DIGEST docker://" + repo + ":v1.2.0"}},
		{"branch push, only tag-event tags", "main", "", []ir.Tag{versionTag}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tektontest.MultiImage()
			p.Images = p.Images[:1]
			p.Images[0].Login = nil
			p.Images[0].Tags = tt.tags
			st := list(byPath(t, emit(t, p), "tasks/push-api.yaml"), "spec", "steps")[0]
			dir := t.TempDir()
			bin := filepath.Join(dir, "bin")
			if err := os.MkdirAll(bin, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(bin, "skopeo"), []byte(fakeSkopeo), 0o755); err != nil {
				t.Fatal(err)
			}
			log := filepath.Join(dir, "log")
			env := []string{"PATH=" + bin + ":" + os.Getenv("PATH"), "SKOPEO_LOG=" + log}
			for _, e := range list(st, "env") {
				name, v := str(e, "name"), str(e, "value")
				v = strings.NewReplacer("$(params.git-tag)", tt.tag, "$(params.git-branch)", tt.branch, "$(params.git-short-sha)", "abc1234",
					"$(results.IMAGE_URL.path)", filepath.Join(dir, "url"), "$(results.IMAGE_DIGEST.path)", filepath.Join(dir, "digest")).Replace(v)
				env = append(env, name+"="+v)
			}
			script := strings.ReplaceAll(str(st, "script"), "/tmp/digest", filepath.Join(dir, "digestfile"))
			cmd := exec.Command("sh", "-c", script)
			cmd.Env, cmd.Dir = env, dir
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			got, _ := os.ReadFile(filepath.Join(dir, "digest"))
			digest := string(got)
			if !strings.HasPrefix(digest, "sha256:") || len(digest) != 71 {
				t.Fatalf("IMAGE_DIGEST = %q", digest)
			}
			calls, _ := os.ReadFile(log)
			lines := strings.Split(strings.TrimSpace(string(calls)), "\n")
			head := []string{
				"inspect --raw oci:$(workspaces.source.path)/images/api:image",
				"copy --all --preserve-digests --digestfile " + filepath.Join(dir, "digestfile") + " oci:$(workspaces.source.path)/images/api:image docker://" + repo + "@" + digest,
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, strings.ReplaceAll(w, "DIGEST", digest))
			}
			if diff := cmp.Diff(append(head, want...), lines); diff != "" {
				t.Errorf("skopeo calls (-want +got):\n%s\noutput:\n%s", diff, out)
			}
			if url, _ := os.ReadFile(filepath.Join(dir, "url")); string(url) != repo {
				t.Errorf("IMAGE_URL = %q", url)
			}
		})
	}
}
