package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pipec-dev/pipec/lang/diag"
)

// A directory's pipec.hcl, *.pipec.hcl and *.pipec.json files form one
// spec, and JSON syntax supports templates and references.
func TestLoadDirectoryMixedSyntax(t *testing.T) {
	m, diags := Load("testdata/dir", Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	var names []string
	for _, f := range m.FileNames {
		names = append(names, filepath.Base(f))
	}
	if diff := cmp.Diff([]string{"pipec.hcl", "images.pipec.json", "tests.pipec.hcl"}, names); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	img := m.Block("image", "app")
	if img == nil {
		t.Fatal("image from JSON file not loaded")
	}
	if got := m.Val(img, "needs").RefNames(); !cmp.Equal(got, []string{"unit"}) {
		t.Errorf("needs = %v", got)
	}
	tags := m.Val(img, "tags")
	if tags == nil || len(tags.List) != 2 || tags.List[0].IsLiteral() || tags.List[0].Parts[0].Ref.Addr() != "git.sha" {
		t.Errorf("tags = %+v", tags)
	}
}

func TestLoadMissingPath(t *testing.T) {
	_, diags := Load("testdata/nope", Options{})
	if len(diags) != 1 || diag.CodeOf(diags[0]) != diag.NoFiles {
		t.Errorf("diags = %v", diags)
	}
}

func TestVarFileAndPrecedence(t *testing.T) {
	dir := t.TempDir()
	varFile := filepath.Join(dir, "prod.hcl")
	if err := os.WriteFile(varFile, []byte("tier = \"file\"\nsize = 4\nunknown = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	src := `
pipeline "p" {
  repository = "github.com/o/p"
  on { push = ["main"] }
}
variable "tier" { default = "default" }
variable "size" { type = number }
test "t" {
  image = "alpine:3"
  run   = ["echo ${var.tier} ${var.size}"]
}
`
	for _, tc := range []struct {
		name string
		opt  Options
		want string
	}{
		{"file", Options{Vars: []VarArg{{File: true, Value: varFile}}}, "echo file 4"},
		{"flag after file wins", Options{Vars: []VarArg{{File: true, Value: varFile}, {Value: "tier=flag"}}}, "echo flag 4"},
		{"file after flag wins", Options{Vars: []VarArg{{Value: "tier=flag"}, {File: true, Value: varFile}}}, "echo file 4"},
		{"env is lowest", Options{Vars: []VarArg{{File: true, Value: varFile}}, Environ: []string{"PIPEC_VAR_tier=env"}}, "echo file 4"},
		{"env over default", Options{Vars: []VarArg{{Value: "size=1"}}, Environ: []string{"PIPEC_VAR_tier=env"}}, "echo env 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, diags := LoadSources([]Source{{Name: "pipec.hcl", Data: []byte(src)}}, tc.opt)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			got := m.Val(m.Block("test", "t"), "run").List[0].String()
			if got != tc.want {
				t.Errorf("run = %q, want %q", got, tc.want)
			}
		})
	}
	_, diags := LoadSources([]Source{{Name: "pipec.hcl", Data: []byte(src)}}, Options{Vars: []VarArg{{Value: "size=big"}, {Value: "tyer=x"}}})
	var codes []diag.Code
	for _, d := range diags {
		codes = append(codes, diag.CodeOf(d))
	}
	if diff := cmp.Diff([]diag.Code{diag.VariableValue, diag.VariableValue}, codes); diff != "" {
		t.Errorf("bad -var values (-want +got):\n%s\n%v", diff, diags)
	}
}

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		secs float64
	}{
		{"30s", true, 30}, {"5m", true, 300}, {"1h30m", true, 5400}, {"2d", true, 172800},
		{"1d12h", true, 129600}, {"", false, 0}, {"-5m", false, 0}, {"5", false, 0}, {"5 minutes", false, 0},
	} {
		d, err := ParseDuration(tc.in)
		if (err == nil) != tc.ok || (tc.ok && d.Seconds() != tc.secs) {
			t.Errorf("ParseDuration(%q) = %v, %v", tc.in, d, err)
		}
	}
}

// In JSON syntax a reference may be written "image.app" or "${image.app}".
func TestJSONInterpolatedReferences(t *testing.T) {
	m, diags := Load("testdata/json", Options{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	prod := m.Block("environment", "production")
	if got := m.Val(prod, "after").RefNames(); !cmp.Equal(got, []string{"staging"}) {
		t.Errorf("after = %v", got)
	}
	if got := m.Val(m.Block("workload", "api"), "image").RefNames(); !cmp.Equal(got, []string{"app"}) {
		t.Errorf("workload image = %v", got)
	}
}

// A sensitive variable's value never appears in a diagnostic.
func TestSensitiveValueHidden(t *testing.T) {
	src := `
pipeline "p" {
  repository = "github.com/o/p"
}
variable "token" {
  type      = number
  sensitive = true
}
test "t" {
  image = "alpine:3"
  run   = ["echo ${var.token}"]
}
`
	_, diags := LoadSources([]Source{{Name: "pipec.hcl", Data: []byte(src)}}, Options{Vars: []VarArg{{Value: "token=hunter2"}}})
	if !diags.HasErrors() {
		t.Fatal("no error for a non-number")
	}
	for _, d := range diags {
		if strings.Contains(d.Detail, "hunter2") || strings.Contains(d.Summary, "hunter2") {
			t.Errorf("sensitive value in %q", d.Detail)
		}
	}
}

// Input that would overflow the parser's stack is refused with a
// diagnostic instead of a fatal error.
func TestDeepNestingRefused(t *testing.T) {
	src := "pipeline \"x\" {\n  repository = \"github.com/o/x\"\n}\nlocals {\n  a = " +
		strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n}\n"
	for _, name := range []string{"pipec.hcl", "pipec.json"} {
		m, diags := LoadSources([]Source{{Name: name, Data: []byte(src)}}, Options{})
		if m == nil || !diags.HasErrors() || diags[0].Summary != "Nesting too deep" || diags[0].Subject.Start.Line != 5 {
			t.Errorf("%s: diags = %v", name, diags)
		}
	}
	// Ordinary nesting, brackets in strings and comments are fine.
	ok := "pipeline \"x\" {\n  repository = \"github.com/o/x\" # [[[[\n  on { push = [\"" + strings.Repeat("[", 300) + "\"] }\n}\n"
	if _, diags := LoadSources([]Source{{Name: "pipec.hcl", Data: []byte(ok)}}, Options{}); hasSummary(diags, "Nesting too deep") {
		t.Errorf("false positive: %v", diags)
	}
}
