package gha

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
	"github.com/rogpeppe/go-internal/txtar"
)

// shellcheckPath is shellcheck when installed; actionlint then checks every
// run: script too. CI installs it (.ci/run), so a CI pass means both ran.
func shellcheckPath(t *testing.T) string {
	p, err := exec.LookPath("shellcheck")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("shellcheck is not installed; run apt-get install -y shellcheck")
		}
		t.Log("shellcheck not found: run: scripts are not checked")
		return ""
	}
	return p
}

func lint(t *testing.T, name string, data []byte) {
	t.Helper()
	for _, e := range lintRun(t, name, data) {
		t.Errorf("%s:%d:%d: %s [%s]", name, e.Line, e.Column, e.Message, e.Kind)
	}
}

// lintErrors returns the kinds of actionlint's findings.
func lintErrors(t *testing.T, name string, data []byte) []string {
	var kinds []string
	for _, e := range lintRun(t, name, data) {
		kinds = append(kinds, e.Kind)
	}
	return kinds
}

func lintRun(t *testing.T, name string, data []byte) []*actionlint.Error {
	t.Helper()
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{Shellcheck: shellcheckPath(t)})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(name, data, nil)
	if err != nil {
		t.Fatal(err)
	}
	return errs
}

func TestActionlintFixtures(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			files := emitFixture(t, f)
			if len(files) == 0 {
				t.Fatal("no files")
			}
			for _, file := range files {
				lint(t, file.Path, file.Data)
			}
		})
	}
}

// goldenWorkflows returns every workflow in the end-to-end golden archives
// (testdata/golden/**/*.txtar, sections out/.github/workflows/*).
func goldenWorkflows(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	root := filepath.Join("..", "..", "testdata", "golden")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".txtar") {
			return nil
		}
		a, err := txtar.ParseFile(path)
		if err != nil {
			return err
		}
		for _, f := range a.Files {
			if isWorkflowPath(f.Name) {
				out[path+":"+f.Name] = f.Data
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func isWorkflowPath(name string) bool {
	dir, file := filepath.Split(name)
	return strings.HasSuffix(dir, ".github/workflows/") && (strings.HasSuffix(file, ".yml") || strings.HasSuffix(file, ".yaml"))
}

// TestActionlintGolden lints the end-to-end golden output; none existing
// yet is fine, but each one found must be clean.
func TestActionlintGolden(t *testing.T) {
	wfs := goldenWorkflows(t)
	t.Logf("%d golden workflows", len(wfs))
	for name, data := range wfs {
		lint(t, filepath.Base(name), data)
		checkSecurity(t, name, data)
	}
}
