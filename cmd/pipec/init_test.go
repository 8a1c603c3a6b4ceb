package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestInitValidatesClean runs init over several repositories and compiles
// each starter with every backend: no error and no warning. The
// commented-out deployment section must compile clean once uncommented,
// since the comment tells users to do exactly that.
func TestInitValidatesClean(t *testing.T) {
	repos := map[string]map[string]string{
		"empty": {},
		"node-docker": {
			"package.json": `{"scripts":{"test":"jest","build":"tsc"}}`, "yarn.lock": "",
			"Dockerfile": "FROM node:24\nEXPOSE 3000\n", ".nvmrc": "v22.3.0\n",
			".git/config": "[remote \"origin\"]\n\turl = git@github.com:Acme/My_Web.git\n",
		},
		"node-bare":  {"package.json": `not json`},
		"go-docker":  {"go.mod": "module x\n\ngo 1.26.1\n", "Dockerfile": "FROM scratch\n"},
		"everything": {"package.json": `{}`, "go.mod": "module x\n", "pyproject.toml": "", "Cargo.toml": "", "Cargo.lock": "", "pom.xml": "", "Dockerfile": ""},
		"gitlab": {
			"Dockerfile":  "FROM alpine\n",
			".git/config": "[remote \"upstream\"]\n\turl = https://gitlab.com/group/sub/proj.git\n",
		},
	}
	for name, files := range repos {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), name)
			for p, data := range files {
				writeTestFile(t, filepath.Join(dir, p), data)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			src := detectRepo(dir).spec()
			compileClean(t, dir, src)
			if deploy := uncommentDeploy(string(src)); deploy != "" {
				compileClean(t, filepath.Join(t.TempDir(), "deploy"), []byte(deploy))
			} else if _, ok := files["Dockerfile"]; ok {
				t.Error("a repository with a Dockerfile gets no deployment section")
			}
		})
	}
}

func compileClean(t *testing.T, dir string, src []byte) {
	t.Helper()
	writeTestFile(t, filepath.Join(dir, "pipec.hcl"), string(src))
	res := compileSpec(dir, &varFlags{}, nil, &env{})
	if len(res.diags) > 0 {
		t.Errorf("starter spec has diagnostics: %v\n%s", res.diags, src)
	}
	if !res.diags.HasErrors() && len(res.files) == 0 {
		t.Errorf("starter spec builds no file:\n%s", src)
	}
}

// uncommentDeploy returns the spec with the "# gitops {" section and what
// follows uncommented, or "" when there is none.
func uncommentDeploy(src string) string {
	i := strings.Index(src, "# gitops {")
	if i < 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(src[:i])
	for _, line := range strings.Split(src[i:], "\n") {
		line = strings.TrimPrefix(line, "#")
		b.WriteString(strings.TrimPrefix(line, " ") + "\n")
	}
	return b.String()
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestInitDetects(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // substrings of the spec
	}{
		{"pnpm", map[string]string{"package.json": `{"scripts":{"test":"vitest"}}`, "pnpm-lock.yaml": ""},
			[]string{`"corepack enable"`, `"pnpm install --frozen-lockfile"`, `"pnpm test"`}},
		{"npm default test script is skipped", map[string]string{"package.json": `{"scripts":{"test":"echo \"Error: no test specified\" && exit 1"}}`},
			[]string{`"npm install"`, "has no test, lint or build script yet"}},
		{"engines", map[string]string{"package.json": `{"engines":{"node":"^18.0.0 || >=20"}}`}, []string{`default     = "18"`}},
		{"go version", map[string]string{"go.mod": "module m\n\ngo 1.23.4\n\ntoolchain go1.24.0\n"}, []string{`image = "golang:1.23"`}},
		{"maven", map[string]string{"pom.xml": ""}, []string{`"mvn -B -ntp verify"`}},
		{"cargo locked", map[string]string{"Cargo.toml": "", "Cargo.lock": ""}, []string{`"cargo test --all-targets --locked"`}},
		{"expose", map[string]string{"Dockerfile": "FROM x\nexpose 9000/tcp\n"}, []string{"port  = 9000"}},
		{"branch from HEAD", map[string]string{".git/HEAD": "ref: refs/heads/develop\n"}, []string{`push         = ["develop"]`}},
		{"detached HEAD keeps main", map[string]string{".git/HEAD": "3f2a9c\n"}, []string{`push         = ["main"]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for p, data := range tt.files {
				writeTestFile(t, filepath.Join(dir, p), data)
			}
			src := string(detectRepo(dir).spec())
			for _, w := range tt.want {
				if !strings.Contains(src, w) {
					t.Errorf("spec lacks %q:\n%s", w, src)
				}
			}
		})
	}
}

func TestGitRemote(t *testing.T) {
	tests := []struct{ config, want string }{
		{"[remote \"origin\"]\n\turl = https://github.com/acme/web.git\n", "github.com acme web"},
		{"[remote \"origin\"]\n\turl = git@github.com:acme/web.git\n", "github.com acme web"},
		{"[remote \"origin\"]\n\turl = ssh://git@github.com:22/acme/web\n", "github.com acme web"},
		{"[remote \"origin\"]\n\turl = https://user@gitlab.com/group/sub/proj.git/\n", "gitlab.com group/sub proj"},
		{"[remote \"fork\"]\n\turl = https://github.com/me/web.git\n[remote \"origin\"]\n\turl = https://github.com/acme/web.git\n", "github.com acme web"},
		{"[remote \"fork\"]\n\turl = https://github.com/me/web.git\n", "github.com me web"},
		{"[core]\n\tbare = false\n", ""},
		{"[remote \"origin\"]\n\turl = /srv/git/web\n", ""},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		writeTestFile(t, filepath.Join(dir, ".git", "config"), tt.config)
		host, owner, name, ok := gitRemote(dir)
		got := ""
		if ok {
			got = host + " " + owner + " " + name
		}
		if got != tt.want {
			t.Errorf("gitRemote(%q) = %q, want %q", tt.config, got, tt.want)
		}
	}
}

func TestDNSLabel(t *testing.T) {
	got := []string{dnsLabel("My_Web.App"), dnsLabel("--x--"), dnsLabel("9lives"), dnsLabel(""), dnsLabel(strings.Repeat("a", 70))}
	want := []string{"my-web-app", "x", "app-9lives", "app", strings.Repeat("a", 40)}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("dnsLabel (-want +got):\n%s", d)
	}
}
