package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// TestActionMetadata guards the composite action at the repository root:
// pinned actions, inputs passed through env, and the two checks it exists
// to run.
func TestActionMetadata(t *testing.T) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Name   string
		Inputs map[string]struct {
			Default *string
		}
		Runs struct {
			Using string
			Steps []struct {
				Uses  string
				Run   string
				Shell string
				Env   map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	if action.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", action.Runs.Using)
	}
	for _, in := range []string{"path", "version"} {
		if _, ok := action.Inputs[in]; !ok {
			t.Errorf("input %q missing", in)
		}
	}
	pinned := regexp.MustCompile(`^[\w.-]+/[\w.-]+@[0-9a-f]{40}$`)
	var runs []string
	for _, s := range action.Runs.Steps {
		if s.Uses != "" && !pinned.MatchString(s.Uses) {
			t.Errorf("uses %q is not pinned to a full commit SHA", s.Uses)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("run script expands an expression; pass it through env:\n%s", s.Run)
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("composite run step without shell:\n%s", s.Run)
		}
		runs = append(runs, s.Run)
	}
	all := strings.Join(runs, "\n")
	for _, want := range []string{"go install \"github.com/pipec-dev/pipec/cmd/pipec@", "pipec validate", "pipec build --check"} {
		if !strings.Contains(all, want) {
			t.Errorf("no step runs %q", want)
		}
	}
}

// TestPreCommitHooks checks the hook definitions and that their file
// patterns match spec files (and only them, for validate and fmt).
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string `json:"id"`
		Name          string `json:"name"`
		Entry         string `json:"entry"`
		Language      string `json:"language"`
		Files         string `json:"files"`
		PassFilenames *bool  `json:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	entries := map[string]string{}
	for _, h := range hooks {
		entries[h.ID] = h.Entry
		if h.Language != "golang" || h.PassFilenames == nil || *h.PassFilenames || h.Name == "" {
			t.Errorf("hook %s: language %q, pass_filenames %v; want golang and false", h.ID, h.Language, h.PassFilenames)
		}
		re, err := regexp.Compile(h.Files)
		if err != nil {
			t.Errorf("hook %s: files: %v", h.ID, err)
			continue
		}
		for _, f := range []string{"pipec.hcl", "svc/pipec.hcl", "svc/api.pipec.hcl"} {
			if !re.MatchString(f) {
				t.Errorf("hook %s does not run for %s", h.ID, f)
			}
		}
		for _, f := range []string{"main.go", "notpipec.hcl", "docs/pipec.hcl.md"} {
			if re.MatchString(f) {
				t.Errorf("hook %s runs for %s", h.ID, f)
			}
		}
	}
	want := map[string]string{"pipec-validate": "pipec validate", "pipec-fmt": "pipec fmt", "pipec-build-check": "pipec build --check"}
	for id, entry := range want {
		if entries[id] != entry {
			t.Errorf("hook %s entry = %q, want %q", id, entries[id], entry)
		}
	}
}
