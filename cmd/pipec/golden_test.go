package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestGolden compiles every end-to-end case and compares each generated
// file with the archive. A case is either testdata/golden/NAME.txtar with
// its spec inside (sections not under out/), or
// testdata/golden/examples/NAME.txtar for the spec in examples/NAME. The
// out/ sections hold every generated file and out/diagnostics.txt the
// warnings; `go test ./cmd/pipec -update` rewrites them. The conformance
// modules validate every out/ file with the targets' own validators.
func TestGolden(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/golden/*.txtar")
	examples, _ := filepath.Glob("../../examples/*/pipec.hcl")
	for _, ex := range examples {
		name := filepath.Base(filepath.Dir(ex))
		cases = append(cases, "../../testdata/golden/examples/"+name+".txtar")
	}
	if len(cases) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar := &txtar.Archive{}
			if data, err := os.ReadFile(file); err == nil {
				ar = txtar.Parse(data)
			} else if !*update || !strings.Contains(file, "/examples/") {
				t.Fatalf("read %s: %v", file, err)
			}
			dir := t.TempDir()
			var args []string
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "out/") {
					continue
				}
				if f.Name == "args" {
					args = strings.Fields(string(f.Data))
					continue
				}
				writeFile(t, filepath.Join(dir, f.Name), f.Data)
			}
			if strings.Contains(file, "/examples/") {
				src, err := os.ReadFile("../../examples/" + name + "/pipec.hcl")
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, filepath.Join(dir, "pipec.hcl"), src)
			}
			got := compileCase(t, dir, args)
			want := map[string]string{}
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "out/") {
					want[f.Name] = string(f.Data)
				}
			}
			if *update {
				var keep []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "out/") {
						keep = append(keep, f)
					}
				}
				for _, k := range sortedKeys(got) {
					keep = append(keep, txtar.File{Name: k, Data: []byte(got[k])})
				}
				ar.Files = keep
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(sortedKeys(want), sortedKeys(got)); diff != "" {
				t.Errorf("generated file set differs (-want +got):\n%s", diff)
			}
			for k, w := range want {
				if g, ok := got[k]; ok {
					if diff := cmp.Diff(w, g); diff != "" {
						t.Errorf("%s differs (-want +got):\n%s", k, diff)
					}
				}
			}
		})
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// compileCase compiles the spec in dir (with extra -var/-target args) and
// returns out/PATH -> content plus out/diagnostics.txt.
func compileCase(t *testing.T, dir string, args []string) map[string]string {
	t.Helper()
	var vars varFlags
	var targets []string
	for i := 0; i+1 < len(args); i += 2 {
		switch args[i] {
		case "-var":
			vars.args = append(vars.args, langVar(args[i+1]))
		case "--target":
			targets = parseTargets([]string{args[i+1]})
		default:
			t.Fatalf("unknown arg %q in args section", args[i])
		}
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	res := compileSpec(".", &vars, targets, &env{})
	out := map[string]string{}
	for _, f := range res.files {
		out["out/"+f.Path] = string(f.Data)
	}
	out["out/diagnostics.txt"] = renderDiags(res.diags)
	return out
}

// renderDiags is a stable, snippet-free rendering for golden files.
func renderDiags(diags hcl.Diagnostics) string {
	if len(diags) == 0 {
		return "(none)\n"
	}
	var b bytes.Buffer
	for _, d := range diags {
		sev := "error"
		if d.Severity == hcl.DiagWarning {
			sev = "warning"
		}
		loc := ""
		if d.Subject != nil {
			loc = fmt.Sprintf("%s:%d,%d: ", filepath.Base(d.Subject.Filename), d.Subject.Start.Line, d.Subject.Start.Column)
		}
		fmt.Fprintf(&b, "%s%s %s: %s\n  %s\n", loc, sev, diag.CodeOf(d), d.Summary, d.Detail)
	}
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
