package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pipec-dev/pipec/backends/gha"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/internal/buildcache"
	"github.com/pipec-dev/pipec/internal/fuzzseed"
	"github.com/pipec-dev/pipec/lang"
	"github.com/rhysd/actionlint"
	"sigs.k8s.io/yaml"
)

// FuzzBuild runs `pipec build --target github,tekton,argo`'s compile path
// on arbitrary specs. A failure must be explained by ranged diagnostics; a
// success must be something the targets accept: headed, parseable YAML,
// workflows actionlint finds nothing in, and the same bytes every time.
func FuzzBuild(f *testing.F) {
	seeds, err := fuzzseed.Seeds("../..")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s.Data, s.JSON)
	}
	// The same options as backends/gha/lint_test.go, minus shellcheck:
	// a user's own run script is the user's business, so shellcheck runs
	// separately on output whose user scripts are neutralized.
	plain, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		f.Fatal(err)
	}
	var withShellcheck *actionlint.Linter
	if sc, err := exec.LookPath("shellcheck"); err == nil {
		if withShellcheck, err = actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{Shellcheck: sc}); err != nil {
			f.Fatal(err)
		}
	} else if os.Getenv("CI") != "" {
		f.Fatal("shellcheck is not installed; run apt-get install -y shellcheck")
	}
	targets := []string{"github", "tekton", "argo"}
	// The test binary was linked moments ago, too recently to be told
	// from a rebuild by its times: it stands as one build for the cache.
	prev := executable
	executable = stubExecutable
	f.Cleanup(func() { executable = prev })
	f.Fuzz(func(t *testing.T, data []byte, json bool) {
		dir := t.TempDir()
		name := filepath.Join(dir, fuzzseed.FileName(json))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res := compileSpec(dir, nil, targets, &env{})
		if err := fuzzseed.CheckDiags(res.diags, name, data); err != nil {
			t.Fatalf("input %q:\n%v", data, err)
		}
		for _, d := range res.diags {
			if strings.HasPrefix(d.Summary, "Internal error") {
				t.Fatalf("a backend panicked: %s: %s\ninput %q", d.Summary, d.Detail, data)
			}
		}
		if res.diags.HasErrors() {
			return
		}
		for _, file := range res.files {
			if !bytes.HasPrefix(file.Data, []byte(ir.HeaderPrefix)) {
				t.Errorf("%s: no %q header\ninput %q", file.Path, ir.HeaderPrefix, data)
			}
			if isYAML(file.Path) {
				var v any
				if err := yaml.Unmarshal(file.Data, &v); err != nil {
					t.Errorf("%s: not YAML: %v\ninput %q", file.Path, err, data)
				}
			}
			if isWorkflow(file.Path) {
				lintClean(t, plain, file, data)
			}
		}
		again := compileSpec(dir, nil, targets, &env{})
		if !sameFiles(res.files, again.files) {
			t.Errorf("two builds of one spec differ\ninput %q", data)
		}
		// What the build cache stores is what a hit gives back.
		if len(res.diags) == 0 {
			cache := buildcache.New(filepath.Join(dir, "cache"))
			srcs, _ := lang.ReadSources(dir)
			key := buildKey(dir, srcs, nil, targets, &env{})
			if key == nil {
				t.Fatal("no cache key")
			}
			if id := remember(cache, key, res); id != 0 {
				hit := cachedBuild(cache, key)
				if hit == nil || hit.entry != id || !sameFiles(res.files, hit.files) || hit.source != res.source ||
					!slices.Equal(hit.targets, res.targets) || !slices.Equal(hit.published, res.published) {
					t.Errorf("a build cache hit differs from the compile it stored\ninput %q", data)
				}
			}
		}
		if withShellcheck != nil && res.prog != nil {
			neutralizeRuns(res.prog)
			files, diags := gha.New().Emit(res.prog, ir.Options{Source: res.prog.Source})
			if diags.HasErrors() {
				t.Fatalf("emit with neutral run scripts: %s\ninput %q", diags.Error(), data)
			}
			for _, file := range files {
				if isWorkflow(file.Path) {
					lintClean(t, withShellcheck, file, data)
				}
			}
		}
	})
}

func lintClean(t *testing.T, l *actionlint.Linter, file ir.File, input []byte) {
	t.Helper()
	errs, err := l.Lint(file.Path, file.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s:%d:%d: %s [%s]\ninput %q", file.Path, e.Line, e.Column, e.Message, e.Kind, input)
	}
}

// neutralizeRuns replaces every user run script with one that only echoes
// its runtime values, so shellcheck judges what pipec writes (its own
// scripts, and how it quotes runtime values and user values), not the
// user's shell.
func neutralizeRuns(p *ir.Program) {
	neutral := func(run []ir.Value) []ir.Value {
		out := make([]ir.Value, 0, len(run))
		for _, v := range run {
			parts := []ir.Part{{Lit: "echo x"}}
			for _, part := range v.Parts {
				if part.Ref != nil && part.Ref.Kind != ir.SecretValue {
					parts = append(parts, ir.Part{Lit: " "}, part)
				}
			}
			out = append(out, ir.Value{Parts: parts})
		}
		return out
	}
	for _, t := range p.Tests {
		t.Run = neutral(t.Run)
	}
	for _, e := range p.Environments {
		for _, t := range e.E2E {
			t.Run = neutral(t.Run)
		}
	}
}

func isYAML(path string) bool {
	return strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")
}

func isWorkflow(path string) bool {
	return strings.HasPrefix(path, ".github/workflows/") && isYAML(path)
}

func sameFiles(a, b []ir.File) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			return false
		}
	}
	return true
}
