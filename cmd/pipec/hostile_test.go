package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/zclconf/go-cty/cty"
	"sigs.k8s.io/yaml"
)

// hostileStrings are values that YAML, a shell, GitHub expressions or
// Tekton substitution would read as something other than text if pipec
// wrote them carelessly.
var hostileStrings = []string{
	"a\nb: c", "x: y", "# not a comment", "a #b",
	"${{ github.event.issue.title }}", "$(params.x)", "$(echo pwned)",
	"'quoted'", `"dq"`, "*alias", "&anchor", "!tag", "|block", ">folded",
	"- item", "? key", "[flow]", "{flow: map}", "%TAG", "@at", "`tick`",
	"yes", "null", "0x10", "012", "1e3", "  leading", "trailing  ",
	"tab\tinside", "\\backslash", "multi\nline\n  indented\n", "é✓🙂",
	longHostile(),
}

// longHostile is 2,000 characters with spaces and ": ", so an encoder
// that folds long lines or splits on ": " would show it.
func longHostile() string {
	s := strings.Repeat("long: text #x ", 143)
	return s[:1999] + "!"
}

// Fields the hostile spec fills. Map fields get one entry per string,
// list fields one element per string, and scalar fields one block per
// string, so every string reaches every field.
const (
	fTestRun     = "test.run"
	fTestEnv     = "test.env"
	fServiceEnv  = "test.service.env"
	fMatrix      = "test.matrix"
	fBuildArgs   = "image.build_args"
	fWorkloadEnv = "workload.env (variable default)"
	fEnvEnv      = "environment.env"
	fE2ERun      = "e2e.run"
	fE2EEnv      = "e2e.env"
	fSyncOptions = "sync.options"
	fPaths       = "pipeline.on.paths"
	fArgs        = "analysis.args"
	fMetric      = "analysis.metric (conditions and providers)"
	fHeaders     = "web.headers"
	fJobRun      = "job.run"
	fExternal    = "secret.external"
)

// ciFields reach the CI backends' steps (env and scripts); the rest reach
// only the GitOps tree, or a trigger.
var ciFields = map[string]bool{fTestRun: true, fTestEnv: true, fServiceEnv: true, fMatrix: true, fBuildArgs: true, fE2ERun: true, fE2EEnv: true}

// envKeys names each map field's entries, so a test can find the entry in
// the output whatever the backend prefixes it with.
var envKeys = map[string]string{
	fTestEnv: "TE", fServiceEnv: "SE", fBuildArgs: "BA", fWorkloadEnv: "WE",
	fEnvEnv: "EE", fE2EEnv: "XE", fArgs: "aa", fHeaders: "X-H",
}

// metricProviders fill one metric per string each; fields is how many of
// its attributes get the string (the two conditions, then the provider's).
var metricProviders = []struct {
	name   string
	fields int
	body   func(v string) string
}{
	{"prom", 3, func(v string) string {
		return "prometheus {\n      address = \"http://prometheus.monitoring:9090\"\n      query = " + v + "\n    }"
	}},
	{"web", 3, func(v string) string {
		return "web {\n      url = \"http://checks.example.com/ok\"\n      json_path = " + v + "\n    }"
	}},
	{"dd", 3, func(v string) string { return "datadog {\n      query = " + v + "\n    }" }},
	{"nr", 4, func(v string) string {
		return "newrelic {\n      query = " + v + "\n      profile = " + v + "\n    }"
	}},
	{"cw", 4, func(v string) string {
		return "cloudwatch {\n      expression = " + v + "\n      label = " + v + "\n    }"
	}},
}

// hclLiteral quotes s as an HCL string literal that evaluates to exactly s
// (escaping ${ and %{ as well as quotes and control characters).
func hclLiteral(s string) string {
	return string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
}

// hostileSpec is the seed's pipeline with val(field, i) in every free-text
// field, for i over hostileStrings.
func hostileSpec(val func(field string, i int) string) []byte {
	n := len(hostileStrings)
	q := func(field string, i int) string { return hclLiteral(val(field, i)) }
	list := func(field string) string {
		var b []string
		for i := range n {
			b = append(b, q(field, i))
		}
		return "[\n    " + strings.Join(b, ",\n    ") + ",\n  ]"
	}
	// extra is more entries, already written.
	mapOf := func(field string, extra ...string) string {
		var b []string
		for i := range n {
			b = append(b, fmt.Sprintf("%q = %s", envKeys[field]+strconv.Itoa(i), q(field, i)))
		}
		return "{\n    " + strings.Join(b, "\n    ") + "\n" + strings.Join(extra, "") + "  }"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `pipeline "my-app" {
  repository = "github.com/myorg/my-app"
  ci         = ["github", "tekton"]

  on {
    push         = ["main"]
    pull_request = ["main"]
    tags         = ["v*"]
    paths        = %s
  }
}

variable "hostile" {
  type        = map(string)
  default     = %s
  description = %s
  validation {
    condition     = length(var.hostile) > 0
    error_message = %s
  }
}

locals {
  registry = "ghcr.io/myorg"
}

secret "registry" {
  github     = "GITHUB_TOKEN"
  kubernetes = "ghcr-push"
}

secret "manifests" {
  github     = "MANIFESTS_TOKEN"
  kubernetes = "manifests-deploy-key"
}
`, list(fPaths), mapOf(fWorkloadEnv), hclLiteral(longHostile()), hclLiteral("a\nb: c"))
	for i := range n {
		v := q(fExternal, i)
		fmt.Fprintf(&b, `
secret "ext-%d" {
  external {
    store    = "vault"
    key      = %s
    property = %s
  }
}
`, i, v, v)
	}
	fmt.Fprintf(&b, `
test "unit" {
  image  = "node:20"
  run    = %s
  env    = %s
  matrix = { hv = %s }
  service "db" {
    image = "postgres:16"
    env   = %s
  }
}

image "app" {
  repository = "${local.registry}/my-app"
  needs      = [test.unit]
  tags       = [git.sha, git.tag]
  build_args = %s

  login {
    username = git.actor
    password = secret.registry
  }
}

gitops {
  repository = "https://github.com/myorg/k8s-manifests.git"
  path       = "apps/my-app"
  token      = secret.manifests
}

workload "api" {
  image = image.app
  port  = 8080
  env   = var.hostile
}

analysis "hostile" {
  args = %s
`, list(fTestRun), mapOf(fTestEnv), list(fMatrix), mapOf(fServiceEnv), mapOf(fBuildArgs), mapOf(fArgs))
	var secretEnv strings.Builder
	for i := range n {
		fmt.Fprintf(&secretEnv, "    SECRET_%d = secret.ext-%d\n", i, i)
	}
	for _, p := range metricProviders {
		for i := range n {
			v := q(fMetric, i)
			fmt.Fprintf(&b, `
  metric "%s-%d" {
    success_condition = %s
    failure_condition = %s
    %s
  }
`, p.name, i, v, v, p.body(v))
		}
	}
	fmt.Fprintf(&b, `
  metric "headers" {
    web {
      url     = "http://checks.example.com/ok"
      headers = %s
    }
  }

  metric "job" {
    job {
      image = "alpine:3"
      run   = %s
    }
  }
}

environment "staging" {
  namespace = "staging"
  env       = %s

  e2e "smoke" {
    image = "mcr.microsoft.com/playwright:v1.48.0-jammy"
    run   = %s
    env   = %s
  }

  sync {
    options = %s
  }
}

environment "production" {
  namespace = "production"
  after     = environment.staging
  approval  = "manual"

  canary {
    step { weight = 10 }
    step { analysis = analysis.hostile }
    step { weight = 100 }
  }
}
`, mapOf(fHeaders), list(fJobRun), mapOf(fEnvEnv, secretEnv.String()), list(fE2ERun), mapOf(fE2EEnv), list(fSyncOptions))
	return []byte(b.String())
}

// hostileVariant builds the hostile spec for some targets. Each CI
// backend refuses, by design, one of the strings in its steps (GitHub
// evaluates ${{ }} anywhere in a workflow; Tekton substitutes $(params.x)
// anywhere in a Task): there it gets the benign value, and
// TestHostileRefusedOrIntact checks the refusal. Elsewhere the string
// must come through.
type hostileVariant struct {
	name    string
	targets string
	// excluded reports where the string would be refused or mangled;
	// each such case is a row of TestHostileRefusedOrIntact.
	excluded func(field, s string) bool
}

var hostileVariants = []hostileVariant{
	{"github", "github,argo", func(field, s string) bool {
		if ciFields[field] && strings.Contains(s, "${{") {
			return true
		}
		return field == fBuildArgs && buildArgsLossy(s)
	}},
	{"tekton", "tekton,argo", func(field, s string) bool {
		if ciFields[field] && strings.Contains(s, "$(params.") {
			return true
		}
		return field == fPaths && strings.ContainsAny(s, "\r\n")
	}},
}

// buildArgsLossy reports a value docker/build-push-action cannot carry in
// its newline-separated, trimmed build-args input.
func buildArgsLossy(s string) bool {
	return strings.ContainsAny(s, "\r\n") || strings.TrimSpace(s) != s
}

func benign(field string, i int) string { return "benign" + strconv.Itoa(i) }

// compileText writes spec to a fresh folder and compiles it in process.
func compileText(t *testing.T, spec []byte, targets string) *compiled {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pipec.hcl"), spec, 0o644); err != nil {
		t.Fatal(err)
	}
	return compileSpec(dir, nil, parseTargets([]string{targets}), &env{})
}

// parsedFile is a generated YAML file decoded into generic values.
type parsedFile struct {
	path string
	doc  any
}

func parseFiles(t *testing.T, files []ir.File) []parsedFile {
	t.Helper()
	var out []parsedFile
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".yaml") && !strings.HasSuffix(f.Path, ".yml") {
			continue
		}
		if strings.Contains(string(f.Data), "\n---") {
			t.Fatalf("%s: several YAML documents; the test reads only one", f.Path)
		}
		var doc any
		if err := yaml.Unmarshal(f.Data, &doc); err != nil {
			t.Errorf("%s: not valid YAML: %v", f.Path, err)
			continue
		}
		// Kustomize patches are YAML inside a YAML string; user values
		// must survive both levels.
		walk("", doc, func(_ string, x any) {
			m, ok := x.(map[string]any)
			if !ok {
				return
			}
			if p, ok := m["patch"].(string); ok {
				var inner any
				if err := yaml.Unmarshal([]byte(p), &inner); err != nil {
					t.Errorf("%s: a patch is not valid YAML: %v\n%s", f.Path, err, p)
					return
				}
				m["patch"] = inner
			}
		})
		out = append(out, parsedFile{f.Path, doc})
	}
	if len(out) == 0 {
		t.Fatal("no YAML files generated")
	}
	return out
}

// walk calls fn for every node under v with its key path.
func walk(path string, v any, fn func(path string, v any)) {
	fn(path, v)
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			walk(path+"."+k, x, fn)
		}
	case []any:
		for i, x := range v {
			walk(path+"["+strconv.Itoa(i)+"]", x, fn)
		}
	}
}

// keyPaths lists every map key path (with list indexes) of v.
func keyPaths(v any) []string {
	var out []string
	walk("", v, func(path string, x any) {
		if _, ok := x.(map[string]any); !ok {
			out = append(out, path)
		}
	})
	sort.Strings(out)
	return out
}

// scalars lists every string value under v.
func scalars(v any) []string {
	var out []string
	walk("", v, func(_ string, x any) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	})
	return out
}

// namedValues collects name -> values from maps (env: {KEY: v}) and from
// list entries ({name: KEY, value: v}, {key: KEY, value: v}), the shapes
// env, args and headers take in the targets.
func namedValues(v any, into map[string][]string) {
	walk("", v, func(_ string, x any) {
		m, ok := x.(map[string]any)
		if !ok {
			return
		}
		for k, val := range m {
			if s, ok := val.(string); ok {
				into[k] = append(into[k], s)
			}
		}
		val, ok := m["value"].(string)
		if !ok {
			return
		}
		for _, nk := range []string{"name", "key"} {
			if name, ok := m[nk].(string); ok {
				into[name] = append(into[name], val)
			}
		}
	})
}

// findNamed returns the map under v whose "name" is name.
func findNamed(v any, name string) any {
	var found any
	walk("", v, func(_ string, x any) {
		if m, ok := x.(map[string]any); ok && found == nil && m["name"] == name {
			found = m
		}
	})
	return found
}

// workflowRuns returns every run: script of a workflow.
func workflowRuns(doc any) []string {
	var out []string
	jobs, _ := doc.(map[string]any)["jobs"].(map[string]any)
	for _, j := range jobs {
		steps, _ := j.(map[string]any)["steps"].([]any)
		for _, s := range steps {
			if r, ok := s.(map[string]any)["run"].(string); ok {
				out = append(out, r)
			}
		}
	}
	return out
}

// taskScripts returns every step script of a Tekton Task.
func taskScripts(doc any) []string {
	var out []string
	m, _ := doc.(map[string]any)
	if m["kind"] != "Task" {
		return nil
	}
	spec, _ := m["spec"].(map[string]any)
	steps, _ := spec["steps"].([]any)
	for _, s := range steps {
		if r, ok := s.(map[string]any)["script"].(string); ok {
			out = append(out, r)
		}
	}
	return out
}

// quoteState is the POSIX shell quoting state at the end of s, as
// backends/internal/shell tracks it (that package is internal to the
// backends): 0 outside quotes, else the open quote character. Runtime values are
// spliced in by that state, so a user line must never leave a quote open
// for what follows.
func quoteState(s string) byte {
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q == 0 && c == '\\', q == '"' && c == '\\':
			i++
		case q == 0 && (c == '\'' || c == '"'):
			q = c
		case q != 0 && c == q:
			q = 0
		}
	}
	return q
}

var tektonVariable = regexp.MustCompile(`\$\((params|tasks|context|results|workspaces|steps|step|inputs|outputs|resources)\.`)

// TestHostileStrings puts every hostile string in every free-text field
// and checks that each comes out as text: whole, in one scalar, without
// adding a key, and never where a CI evaluates it.
func TestHostileStrings(t *testing.T) {
	for _, v := range hostileVariants {
		t.Run(v.name, func(t *testing.T) {
			placed := func(field string, i int) string {
				if s := hostileStrings[i]; !v.excluded(field, s) {
					return s
				}
				return benign(field, i)
			}
			res := compileText(t, hostileSpec(placed), v.targets)
			if res.diags.HasErrors() {
				t.Fatalf("the hostile spec does not build:\n%s", renderDiags(res.diags))
			}
			ref := compileText(t, hostileSpec(benign), v.targets)
			if ref.diags.HasErrors() {
				t.Fatalf("the benign spec does not build:\n%s", renderDiags(ref.diags))
			}
			tree := map[string][]byte{}
			for _, f := range res.files {
				tree[f.Path] = f.Data
			}
			checkLayout(t, tree)
			got, want := parseFiles(t, res.files), parseFiles(t, ref.files)

			t.Run("adds no keys", func(t *testing.T) {
				wantKeys, gotKeys := map[string][]string{}, map[string][]string{}
				for _, f := range want {
					wantKeys[f.path] = keyPaths(f.doc)
				}
				for _, f := range got {
					gotKeys[f.path] = keyPaths(f.doc)
				}
				if d := cmp.Diff(wantKeys, gotKeys); d != "" {
					t.Errorf("key paths with hostile values differ from benign ones (-want +got):\n%s", d)
				}
			})

			named := map[string][]string{}
			var all []string
			var runs, tasks []string
			for _, f := range got {
				namedValues(f.doc, named)
				all = append(all, scalars(f.doc)...)
				if strings.HasPrefix(f.path, ".github/workflows/") {
					runs = append(runs, workflowRuns(f.doc)...)
				}
				tasks = append(tasks, taskScripts(f.doc)...)
			}
			has := func(vals []string, s string) bool {
				for _, x := range vals {
					if x == s {
						return true
					}
				}
				return false
			}

			t.Run("map entries intact", func(t *testing.T) {
				for field, prefix := range envKeys {
					for i, s := range hostileStrings {
						if v.excluded(field, s) || field == fBuildArgs && v.name == "github" {
							continue
						}
						key := prefix + strconv.Itoa(i)
						ok := false
						for name, vals := range named {
							ok = ok || (name == key || strings.HasSuffix(name, "_"+key)) && has(vals, s)
						}
						if !ok {
							t.Errorf("%s %s = %q: no entry with that exact value; values under that name: %q", field, key, s, named[key])
						}
					}
				}
			})

			if v.name == "github" {
				t.Run("build-args intact", func(t *testing.T) {
					// docker/build-push-action reads one NAME=VALUE per line.
					var input string
					for _, f := range got {
						walk("", f.doc, func(_ string, x any) {
							if m, ok := x.(map[string]any); ok {
								if s, ok := m["build-args"].(string); ok {
									input = s
								}
							}
						})
					}
					gotArgs := strings.Split(strings.TrimSuffix(input, "\n"), "\n")
					var wantArgs []string
					for i := range hostileStrings {
						wantArgs = append(wantArgs, "BA"+strconv.Itoa(i)+"="+placed(fBuildArgs, i))
					}
					sort.Strings(wantArgs)
					sort.Strings(gotArgs)
					if d := cmp.Diff(wantArgs, gotArgs); d != "" {
						t.Errorf("build-args lines (-want +got):\n%s", d)
					}
				})
			}

			t.Run("list elements intact", func(t *testing.T) {
				for _, field := range []string{fMatrix, fSyncOptions, fPaths} {
					for i, s := range hostileStrings {
						if v.excluded(field, s) || field == fPaths && v.name == "tekton" {
							// Tekton turns path globs into a CEL filter.
							continue
						}
						if !has(all, s) {
							t.Errorf("%s[%d] = %q is not a whole scalar anywhere", field, i, s)
						}
					}
				}
			})

			t.Run("metrics intact", func(t *testing.T) {
				var tmpl any
				for _, f := range got {
					if strings.HasSuffix(f.path, "/analysistemplate-hostile.yaml") {
						tmpl = f.doc
					}
				}
				if tmpl == nil {
					t.Fatal("no analysistemplate-hostile.yaml")
				}
				for _, p := range metricProviders {
					for i, s := range hostileStrings {
						name := p.name + "-" + strconv.Itoa(i)
						m := findNamed(tmpl, name)
						if m == nil {
							t.Errorf("metric %s missing", name)
							continue
						}
						n := 0
						for _, x := range scalars(m) {
							if x == s {
								n++
							}
						}
						if n != p.fields {
							t.Errorf("metric %s: %q is %d whole scalars, want %d (one per attribute)", name, s, n, p.fields)
						}
					}
				}
			})

			t.Run("external secrets intact", func(t *testing.T) {
				for i, s := range hostileStrings {
					var doc any
					for _, f := range got {
						if strings.HasSuffix(f.path, "/ext-"+strconv.Itoa(i)+".yaml") || strings.HasSuffix(f.path, "-ext-"+strconv.Itoa(i)+".yaml") {
							doc = f.doc
						}
					}
					if doc == nil {
						t.Errorf("no ExternalSecret file for secret ext-%d", i)
						continue
					}
					n := 0
					for _, x := range scalars(doc) {
						if x == s {
							n++
						}
					}
					if n != 2 {
						t.Errorf("ExternalSecret ext-%d: key and property %q are %d whole scalars, want 2", i, s, n)
					}
				}
			})

			t.Run("scripts", func(t *testing.T) {
				// Run lines are embedded in scripts on lines of their own.
				for _, field := range []string{fTestRun, fE2ERun, fJobRun} {
					for i, s := range hostileStrings {
						if v.excluded(field, s) {
							continue
						}
						line := strings.TrimSuffix(s, "\n")
						found := false
						for _, x := range all {
							found = found || x == line || strings.Contains(x, "\n"+line+"\n") || strings.HasPrefix(x, line+"\n") || strings.HasSuffix(x, "\n"+line)
						}
						if !found {
							t.Errorf("%s[%d] = %q is not a whole line of any script", field, i, s)
						}
					}
				}
				for _, sc := range append(append([]string{}, runs...), tasks...) {
					if q := quoteState(sc); q != 0 {
						t.Errorf("script ends inside %c quotes:\n%s", q, sc)
					}
				}
				for _, sc := range runs {
					if strings.Contains(sc, "${{") {
						t.Errorf("run script contains ${{ (untrusted text must reach scripts through env):\n%s", sc)
					}
				}
				for _, sc := range tasks {
					if tektonVariable.MatchString(sc) {
						t.Errorf("Tekton step script contains a Tekton variable:\n%s", sc)
					}
				}
			})
		})
	}
}

// TestHostileRefusedOrIntact covers the strings a CI backend cannot carry
// literally in a field: it must refuse the spec with an error diagnostic,
// or carry the value intact. Silently evaluating, substituting or
// splitting it is the bug.
func TestHostileRefusedOrIntact(t *testing.T) {
	const ghExpr, tknVar = "${{ github.event.issue.title }}", "$(params.x)"
	evaluated := func(text string) func(t *testing.T, files []ir.File) {
		return func(t *testing.T, files []ir.File) {
			for _, f := range files {
				if strings.Contains(string(f.Data), text) {
					t.Errorf("%s carries %q where the CI evaluates it", f.Path, text)
				}
			}
		}
	}
	buildArgs := func(name, value string) func(t *testing.T, files []ir.File) {
		return func(t *testing.T, files []ir.File) {
			want := []string{name + "=" + value}
			for i := 1; i < len(hostileStrings); i++ {
				want = append(want, "BA"+strconv.Itoa(i)+"="+benign(fBuildArgs, i))
			}
			sort.Strings(want)
			for _, f := range parseFiles(t, files) {
				walk("", f.doc, func(_ string, x any) {
					m, ok := x.(map[string]any)
					if !ok {
						return
					}
					if s, ok := m["build-args"].(string); ok {
						// As docker/build-push-action reads the input.
						var got []string
						for _, l := range strings.Split(s, "\n") {
							if l = strings.TrimSpace(l); l != "" {
								got = append(got, l)
							}
						}
						sort.Strings(got)
						if d := cmp.Diff(want, got); d != "" {
							t.Errorf("%s: build-args as the action reads them (-want +got):\n%s", f.path, d)
						}
					}
				})
			}
		}
	}
	celFilters := func(t *testing.T, files []ir.File) {
		for _, f := range parseFiles(t, files) {
			walk("", f.doc, func(_ string, x any) {
				m, ok := x.(map[string]any)
				if !ok || m["name"] != "filter" {
					return
				}
				// CEL string literals cannot hold a raw line break.
				if s, ok := m["value"].(string); ok && strings.ContainsAny(s, "\r\n") {
					t.Errorf("%s: CEL filter has a raw line break, a CEL syntax error:\n%s", f.path, s)
				}
			})
		}
	}
	for _, tc := range []struct {
		name    string
		targets string
		field   string
		value   string
		check   func(t *testing.T, files []ir.File)
	}{
		{"github test.run ${{", "github", fTestRun, ghExpr, evaluated(ghExpr)},
		{"github test.env ${{", "github", fTestEnv, ghExpr, evaluated(ghExpr)},
		{"github service.env ${{", "github", fServiceEnv, ghExpr, evaluated(ghExpr)},
		{"github matrix ${{", "github", fMatrix, ghExpr, evaluated(ghExpr)},
		{"github build_args ${{", "github", fBuildArgs, ghExpr, evaluated(ghExpr)},
		{"github e2e.run ${{", "github", fE2ERun, ghExpr, evaluated(ghExpr)},
		{"github e2e.env ${{", "github", fE2EEnv, ghExpr, evaluated(ghExpr)},
		{"tekton test.run $(params", "tekton", fTestRun, tknVar, evaluated(tknVar)},
		{"tekton test.env $(params", "tekton", fTestEnv, tknVar, evaluated(tknVar)},
		{"tekton service.env $(params", "tekton", fServiceEnv, tknVar, evaluated(tknVar)},
		{"tekton matrix $(params", "tekton", fMatrix, tknVar, evaluated(tknVar)},
		{"tekton build_args $(params", "tekton", fBuildArgs, tknVar, evaluated(tknVar)},
		{"tekton e2e.run $(params", "tekton", fE2ERun, tknVar, evaluated(tknVar)},
		{"tekton e2e.env $(params", "tekton", fE2EEnv, tknVar, evaluated(tknVar)},
		{"github build_args newline", "github", fBuildArgs, "a\nb: c", buildArgs("BA0", "a\nb: c")},
		{"github build_args trailing blanks", "github", fBuildArgs, "trailing  ", buildArgs("BA0", "trailing  ")},
		{"tekton paths newline", "tekton", fPaths, "a\nb: c", celFilters},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Only entry 0 of the field is the value; the rest is benign.
			spec := hostileSpec(func(field string, i int) string {
				if field == tc.field && i == 0 {
					return tc.value
				}
				return benign(field, i)
			})
			res := compileText(t, spec, tc.targets)
			if res.diags.HasErrors() {
				// Refused: the diagnostic must come from the value, not
				// from the rest of the spec.
				if base := compileText(t, hostileSpec(benign), tc.targets); base.diags.HasErrors() {
					t.Fatalf("the benign spec does not build:\n%s", renderDiags(base.diags))
				}
				return
			}
			tc.check(t, res.files)
		})
	}
}
