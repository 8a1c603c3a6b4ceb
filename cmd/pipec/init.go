package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/pipec-dev/pipec/internal/lazyre"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/hclfmt"
)

func init() {
	register(&command{
		name:    "init",
		summary: "Write a starter pipec.hcl for the repository in DIR, from what it finds there.",
		usage:   "pipec init [--force] [--stdout] [DIR]",
		run:     runInit,
	})
}

func runInit(args []string, e *env) int {
	fs := flagsFor("init", e)
	force := fs.Bool("force", false, "overwrite an existing pipec.hcl")
	toStdout := fs.Bool("stdout", false, "print the spec instead of writing DIR/pipec.hcl")
	dir, code, ok := fs.parsePath(args)
	if !ok {
		return code
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(e.stderr, "pipec init: %s is not a directory\n", dir)
		return exitUsage
	}
	dest := filepath.Join(dir, "pipec.hcl")
	if _, err := os.Stat(dest); err == nil && !*force && !*toStdout {
		fmt.Fprintf(e.stderr, "pipec init: %s already exists; pass --force to replace it\n", dest)
		return exitSpec
	}
	r := detectRepo(dir)
	src := r.spec()
	// The starter must load clean: a first `pipec validate` that fails
	// would be a poor welcome. This only fails on a bug in init.
	m, diags := lang.LoadSources([]lang.Source{{Name: dest, Data: src}}, lang.Options{Environ: e.environ})
	if len(diags) > 0 {
		writeDiags(e.stderr, m, diags)
		fmt.Fprintln(e.stderr, "pipec init: the starter spec does not validate; please report this as a bug")
		return exitSpec
	}
	if *toStdout {
		e.stdout.Write(src)
		return exitOK
	}
	if err := writeAtomic(dest, src); err != nil {
		fmt.Fprintf(e.stderr, "pipec init: %v\n", err)
		return exitSpec
	}
	found := "nothing to build from"
	if len(r.found) > 0 {
		found = strings.Join(r.found, ", ")
	}
	fmt.Fprintf(e.stdout, "pipec: wrote %s (found: %s)\n", dest, found)
	for _, n := range r.notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n)
	}
	fmt.Fprintln(e.stdout, "Next: read the comments in pipec.hcl, then run 'pipec validate' and 'pipec build'.")
	return exitOK
}

// repoFacts is what init learns from a repository.
type repoFacts struct {
	name       string // pipeline name: a DNS label
	repository string // host/owner/name, e.g. github.com/acme/web
	owner      string // "" when unknown
	fromRemote bool
	branch     string
	tests      []starterTest
	dockerfile bool
	port       int
	workflows  []string // existing .github/workflows files
	found      []string // what was detected, for the summary
	notes      []string
}

type starterTest struct {
	name     string
	comment  []string
	image    string
	imageVar *starterVar // the image is "prefix${var.x}" when set
	run      []string
}

type starterVar struct {
	name, def, desc, prefix string
}

func detectRepo(dir string) *repoFacts {
	r := &repoFacts{branch: "main"}
	abs, _ := filepath.Abs(dir)
	r.name = dnsLabel(filepath.Base(abs))
	if host, owner, name, ok := gitRemote(dir); ok {
		r.repository = host + "/" + owner + "/" + name
		r.owner = strings.ToLower(owner)
		r.name = dnsLabel(name)
		r.fromRemote = true
		r.found = append(r.found, "git remote "+r.repository)
	}
	if b := gitHead(dir); b != "" {
		r.branch = b
	}
	if r.repository == "" {
		r.repository = "github.com/your-org/" + r.name
	}
	r.detectNode(dir)
	r.detectGo(dir)
	r.detectPython(dir)
	r.detectRust(dir)
	r.detectMaven(dir)
	if data, err := os.ReadFile(filepath.Join(dir, "Dockerfile")); err == nil {
		r.dockerfile = true
		r.port = exposedPort(data)
		r.found = append(r.found, "Dockerfile")
	}
	if ents, err := os.ReadDir(filepath.Join(dir, ".github", "workflows")); err == nil {
		for _, ent := range ents {
			n := ent.Name()
			if ent.IsDir() || !(strings.HasSuffix(n, ".yml") || strings.HasSuffix(n, ".yaml")) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, ".github", "workflows", n))
			if _, gen := isGenerated(data); err != nil || gen {
				continue // pipec's own output is not a workflow to migrate
			}
			r.workflows = append(r.workflows, n)
			if n == r.name+".yml" || n == r.name+"-rollback.yml" {
				r.notes = append(r.notes, fmt.Sprintf(".github/workflows/%s is not pipec's and has the name pipec will write; rename it (or the pipeline) before 'pipec build'", n))
			}
		}
		sort.Strings(r.workflows)
		if len(r.workflows) > 0 {
			r.found = append(r.found, fmt.Sprintf("%d existing workflows", len(r.workflows)))
		}
	}
	return r
}

var remoteURL = lazyre.New(`^(?:[a-z+]+://)?(?:[^@/]+@)?([^/:]+)(?::\d+)?[:/]+(.+?)/([^/]+?)(?:\.git)?/?$`)

// gitRemote reads the origin remote (or the first remote) from .git/config.
func gitRemote(dir string) (host, owner, name string, ok bool) {
	data, err := os.ReadFile(filepath.Join(dir, ".git", "config"))
	if err != nil {
		return "", "", "", false
	}
	var section, first, origin string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		k, v, found := strings.Cut(line, "=")
		if !found || strings.TrimSpace(k) != "url" || !strings.HasPrefix(section, "[remote ") {
			continue
		}
		v = strings.TrimSpace(v)
		if first == "" {
			first = v
		}
		if section == `[remote "origin"]` {
			origin = v
		}
	}
	u := origin
	if u == "" {
		u = first
	}
	m := remoteURL.FindStringSubmatch(u)
	if m == nil {
		return "", "", "", false
	}
	return strings.ToLower(m[1]), m[2], m[3], true
}

// gitHead returns the checked-out branch, which is the branch a new
// repository pushes to.
func gitHead(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, ".git", "HEAD"))
	if err != nil {
		return ""
	}
	ref, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "ref: refs/heads/")
	if !ok || ref == "" || strings.ContainsAny(ref, `"\${}`) {
		return ""
	}
	return ref
}

func (r *repoFacts) detectNode(dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return
	}
	var pkg struct {
		Scripts map[string]string `json:"scripts"`
		Engines struct {
			Node string `json:"node"`
		} `json:"engines"`
		PackageManager string `json:"packageManager"`
	}
	_ = json.Unmarshal(data, &pkg) // a broken package.json still means Node
	r.found = append(r.found, "package.json")
	version, why := "24", "the current Node.js LTS"
	if v := firstNumber(readFirstLine(filepath.Join(dir, ".nvmrc"))); v != "" {
		version, why = v, "from .nvmrc"
	} else if v := firstNumber(pkg.Engines.Node); v != "" {
		version, why = v, "from engines.node in package.json"
	}
	t := starterTest{name: "node", imageVar: &starterVar{name: "node_version", def: version, prefix: "node:",
		desc: "Node.js major version for the tests (" + why + ")."}}
	pm := "npm"
	switch {
	case exists(dir, "pnpm-lock.yaml") || strings.HasPrefix(pkg.PackageManager, "pnpm"):
		pm = "pnpm"
		t.run = []string{"corepack enable", "pnpm install --frozen-lockfile"}
	case exists(dir, "yarn.lock") || strings.HasPrefix(pkg.PackageManager, "yarn"):
		pm = "yarn"
		t.run = []string{"corepack enable", "yarn install --frozen-lockfile"}
	case exists(dir, "package-lock.json"):
		t.run = []string{"npm ci"}
	default:
		t.run = []string{"npm install"}
		t.comment = append(t.comment, "No lockfile was found: commit package-lock.json and use \"npm ci\" for repeatable installs.")
	}
	var scripts []string
	for _, s := range []string{"lint", "test", "build"} {
		cmd, ok := pkg.Scripts[s]
		if !ok || strings.Contains(cmd, "no test specified") {
			continue
		}
		scripts = append(scripts, s)
		if s == "test" {
			t.run = append(t.run, pm+" test")
		} else {
			t.run = append(t.run, pm+" run "+s)
		}
	}
	if len(scripts) == 0 {
		t.comment = append(t.comment, "package.json has no test, lint or build script yet: add your test command below.")
	} else {
		t.comment = append(t.comment, "Runs the package.json scripts found: "+strings.Join(scripts, ", ")+".")
	}
	r.tests = append(r.tests, t)
}

var goDirective = lazyre.New(`(?m)^go\s+(\d+\.\d+)`)

func (r *repoFacts) detectGo(dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return
	}
	r.found = append(r.found, "go.mod")
	version := "1"
	if m := goDirective.FindSubmatch(data); m != nil {
		version = string(m[1])
	}
	r.tests = append(r.tests, starterTest{name: "go", image: "golang:" + version,
		comment: []string{"The Go version comes from the go directive in go.mod."},
		run:     []string{"go vet ./...", "go test ./..."}})
}

var requiresPython = lazyre.New(`requires-python\s*=\s*"[^"0-9]*(3\.\d+)`)

func (r *repoFacts) detectPython(dir string) {
	data, err := os.ReadFile(filepath.Join(dir, "pyproject.toml"))
	if err != nil {
		return
	}
	r.found = append(r.found, "pyproject.toml")
	version := "3.13"
	if m := requiresPython.FindSubmatch(data); m != nil {
		version = string(m[1])
	}
	r.tests = append(r.tests, starterTest{name: "python", image: "python:" + version,
		comment: []string{"Installs the project and runs pytest; adjust if you use another test runner."},
		run:     []string{"pip install .", "pip install pytest", "python -m pytest"}})
}

func (r *repoFacts) detectRust(dir string) {
	if !exists(dir, "Cargo.toml") {
		return
	}
	r.found = append(r.found, "Cargo.toml")
	run := []string{"cargo test --all-targets"}
	if exists(dir, "Cargo.lock") {
		run = []string{"cargo test --all-targets --locked"}
	}
	r.tests = append(r.tests, starterTest{name: "rust", image: "rust:1", run: run})
}

func (r *repoFacts) detectMaven(dir string) {
	if !exists(dir, "pom.xml") {
		return
	}
	r.found = append(r.found, "pom.xml")
	r.tests = append(r.tests, starterTest{name: "java", image: "maven:3-eclipse-temurin-21",
		comment: []string{"mvn verify compiles, runs the unit tests and the checks bound to the verify phase."},
		run:     []string{"mvn -B -ntp verify"}})
}

var exposeLine = lazyre.New(`(?mi)^\s*EXPOSE\s+(\d+)`)

func exposedPort(dockerfile []byte) int {
	if m := exposeLine.FindSubmatch(dockerfile); m != nil {
		var p int
		fmt.Sscanf(string(m[1]), "%d", &p)
		if p > 0 && p < 65536 {
			return p
		}
	}
	return 8080
}

func exists(dir, name string) bool {
	_, err := os.Stat(filepath.Join(dir, name))
	return !errors.Is(err, fs.ErrNotExist)
}

func readFirstLine(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(data), "\n")
	return strings.TrimSpace(line)
}

var digits = lazyre.New(`\d+`)

// firstNumber returns the major version in "v20.11", ">=18" or "lts/iron"
// ("" when there is none).
func firstNumber(s string) string {
	return digits.FindString(s)
}

// dnsLabel turns a folder or repository name into a valid block name.
func dnsLabel(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > 40 {
		out = strings.TrimRight(out[:40], "-")
	}
	if out == "" || out[0] < 'a' {
		out = "app" + map[bool]string{true: "", false: "-" + out}[out == ""]
	}
	return out
}

// hclString quotes s as an HCL string literal; "${" and "%{" are escaped
// so a name is never read as a template.
func hclString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "${", "$${", "%{", "%%{").Replace(s) + `"`
}

func hclList(items []string) string {
	var q []string
	for _, s := range items {
		q = append(q, hclString(s))
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// spec renders the starter. Every block says what it is for and what to
// change, since the file is the user's first view of the language.
func (r *repoFacts) spec() []byte {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	p("# pipec.hcl: the delivery pipeline of %s, written by 'pipec init'.", r.name)
	p("#")
	p("# Edit this file, then run:")
	p("#   pipec validate   # check it (exit 1 on errors)")
	p("#   pipec plan       # what will run and deploy, and which files change")
	p("#   pipec build      # write .github/workflows/%s.yml (and the GitOps tree once you add environments)", r.name)
	p("# Commit this file together with what 'pipec build' writes; 'pipec build --check' in CI")
	p("# fails when they drift apart. Language reference: https://github.com/pipec-dev/pipec/blob/main/docs/language.md")
	if len(r.workflows) > 0 {
		p("#")
		p("# Existing workflows found: %s.", strings.Join(r.workflows, ", "))
		p("# pipec never touches files it did not write. Once this spec covers what they do,")
		p("# delete them (see https://github.com/pipec-dev/pipec/blob/main/docs/migrating.md).")
	}
	p("")
	p("pipeline %s {", hclString(r.name))
	if r.fromRemote {
		p("  # From the origin remote in .git/config.")
	} else {
		p("  # No git remote was found: set your repository here.")
	}
	p("  repository = %s", hclString(r.repository))
	p("  # CI backends to generate: \"github\" (GitHub Actions) and/or \"tekton\".")
	p("  ci = [\"github\"]")
	p("")
	p("  on {")
	p("    # Pushes to these branches run the tests and push images; pull requests only test.")
	p("    push         = [%s]", hclString(r.branch))
	p("    pull_request = [%s]", hclString(r.branch))
	p("  }")
	p("}")
	for _, t := range r.tests {
		if t.imageVar != nil {
			v := t.imageVar
			p("")
			p("# A variable: override with -var %s=VALUE or PIPEC_VAR_%s.", v.name, v.name)
			p("variable %s {", hclString(v.name))
			p("  type        = string")
			p("  default     = %s", hclString(v.def))
			p("  description = %s", hclString(v.desc))
			p("}")
		}
	}
	if len(r.tests) == 0 {
		r.tests = []starterTest{{name: "check", image: "alpine:3.22",
			comment: []string{"No package.json, go.mod, pyproject.toml, Cargo.toml or pom.xml was found:", "replace this with the commands that build and test your code."},
			run:     []string{"echo 'replace with your test command'"}}}
	}
	for _, t := range r.tests {
		p("")
		p("# A test runs its commands in a container on every push and pull request.")
		for _, c := range t.comment {
			p("# %s", c)
		}
		p("test %s {", hclString(t.name))
		if t.imageVar != nil {
			p("  image = \"%s${var.%s}\"", t.imageVar.prefix, t.imageVar.name)
		} else {
			p("  image = %s", hclString(t.image))
		}
		p("  run = [")
		for _, c := range t.run {
			p("    %s,", hclString(c))
		}
		p("  ]")
		p("}")
	}
	if r.dockerfile {
		r.writeImage(p)
	} else {
		p("")
		p("# No Dockerfile was found, so nothing is built or deployed yet. To ship a container,")
		p("# add a Dockerfile and an image block; see https://github.com/pipec-dev/pipec/blob/main/docs/cookbook.md (\"Build, scan and push\").")
	}
	return hclfmt.Format([]byte(b.String()))
}

func (r *repoFacts) writeImage(p func(string, ...any)) {
	registry := "ghcr.io/" + r.owner
	if r.owner == "" || !strings.HasPrefix(r.repository, "github.com/") {
		registry = "ghcr.io/your-org"
	}
	p("")
	p("# The registry credential: a reference to a secret held by the CI, never its value.")
	p("# GITHUB_TOKEN can push to ghcr.io when the workflow has packages: write (pipec sets it).")
	p("secret \"registry\" {")
	p("  github = \"GITHUB_TOKEN\"")
	p("}")
	p("")
	p("# The Dockerfile is built after the tests pass and scanned with Trivy (CRITICAL and HIGH")
	p("# findings fail the run). It is pushed on pushes to %s only, never on pull requests.", r.branch)
	p("image \"app\" {")
	p("  repository = %s", hclString(registry+"/"+r.name))
	p("  context    = \".\"")
	p("  dockerfile = \"Dockerfile\"")
	p("  # git.sha and git.branch are runtime values: each CI fills them in its own syntax.")
	p("  tags  = [git.sha, \"${git.branch}-${git.short_sha}\", \"latest\"]")
	p("  cache = true")
	p("")
	p("  login {")
	p("    username = git.actor")
	p("    password = secret.registry")
	p("  }")
	p("}")
	p("")
	p("# Next step, deploying: uncomment the blocks below to run the image in a staging")
	p("# environment through Argo CD. 'pipec build' then also writes the Kustomize tree and the")
	p("# Argo CD Applications under deploy/. Cookbook: multi-environment promotion, canary.")
	p("#")
	p("# gitops {")
	p("#   # Where the manifests live; this repository itself works too.")
	p("#   repository = %s", hclString("https://"+r.repository+".git"))
	p("#   path       = %s", hclString("apps/"+r.name))
	p("# }")
	p("#")
	p("# workload %s {", hclString(r.name))
	p("#   image = image.app")
	p("#   port  = %d # from EXPOSE in the Dockerfile, or 8080", r.port)
	p("# }")
	p("#")
	p("# environment \"staging\" {")
	p("#   namespace = \"staging\"")
	p("# }")
}
