package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/diag"
)

// compiled is the result of loading, lowering and emitting a spec; a
// build cache hit fills in only source, published, files and targets.
type compiled struct {
	entry     uint64 // the build cache entry that holds files, or 0
	mod       *lang.Module
	prog      *ir.Program
	source    string   // the spec's name in headers
	published []string // folders published to the GitOps repository
	files     []ir.File
	targets   []string
	diags     hcl.Diagnostics
}

// compileSpec runs the whole pipeline; targets nil means what the spec asks.
func compileSpec(path string, vars *varFlags, targets []string, e *env) *compiled {
	srcs, diags := lang.ReadSources(path)
	return compileSources(path, srcs, diags, vars, targets, e)
}

// compileSources is compileSpec for sources already read, with the
// diagnostics of reading them.
func compileSources(path string, srcs []lang.Source, readDiags hcl.Diagnostics, vars *varFlags, targets []string, e *env) *compiled {
	c := &compiled{}
	m, diags := lang.LoadSources(srcs, loadOptions(vars, e))
	c.mod, c.diags = m, append(readDiags, diags...)
	if c.diags.HasErrors() {
		return c
	}
	prog, ds := compiler.Lower(c.mod, sourceName(path, c.mod.FileNames))
	c.diags = append(c.diags, ds...)
	c.prog = prog
	if ds.HasErrors() {
		return c
	}
	c.source, c.published = prog.Source, publishedTree(prog)
	reg := registry()
	if targets == nil {
		targets = compiler.DefaultTargets(prog)
	}
	for _, t := range targets {
		if reg.Lookup(t) == nil {
			c.diags = append(c.diags, diag.Error(diag.InvalidValue, prog.Pipeline.Range, fmt.Sprintf("Unknown target %q", t),
				fmt.Sprintf("--target takes a comma-separated list of %s.", strings.Join(reg.Names(), ", "))))
		}
	}
	if c.diags.HasErrors() {
		return c
	}
	c.targets = targets
	// An explicit --target tekton builds Tekton even when pipeline.ci
	// does not list it: the backends read pipeline.ci to decide.
	for _, t := range targets {
		if (t == "github" || t == "tekton") && !prog.HasCI(t) {
			prog.Pipeline.CI = append(prog.Pipeline.CI, t)
		}
	}
	files, ds := reg.Emit(prog, targets, ir.Options{Source: prog.Source})
	c.diags = append(c.diags, dropEchoes(c.diags, ds)...)
	c.files = files
	return c
}

// sourceName names the spec in generated headers: the spec's files
// relative to the repository root (the nearest folder with .git), else to
// the working directory, slash-separated, so the header, the drift check
// and orphan removal do not depend on where pipec runs from.
func sourceName(path string, fileNames []string) string {
	var names []string
	for _, f := range fileNames {
		names = append(names, relName(f))
	}
	if len(names) == 0 {
		return filepath.ToSlash(filepath.Base(path))
	}
	return strings.Join(names, ", ")
}

// repoRoot returns the nearest folder at or above path that holds .git,
// or "" outside a repository.
func repoRoot(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// relName names a file relative to its repository root (else the working
// directory), slash-separated: in headers, JSON, SARIF and annotations.
func relName(f string) string {
	abs, err := filepath.Abs(f)
	if err != nil {
		return filepath.ToSlash(filepath.Base(f))
	}
	base := repoRoot(abs)
	if base == "" {
		base, _ = os.Getwd()
	}
	if rel, err := filepath.Rel(base, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(filepath.Base(f))
}

// parseTargets splits --target values.
func parseTargets(vals []string) []string {
	if len(vals) == 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	for _, v := range vals {
		for _, t := range strings.Split(v, ",") {
			t = strings.TrimSpace(t)
			if t != "" && !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// dropEchoes drops backend warnings that repeat a checker warning: on the
// same line, or an environment "never deployed" the checker already
// reported (it points at the branches line, a backend at the block).
func dropEchoes(checked, backend hcl.Diagnostics) hcl.Diagnostics {
	warned := map[string]bool{}
	neverDeployed := map[string]bool{}
	for _, d := range checked {
		if d.Severity != hcl.DiagWarning || d.Subject == nil {
			continue
		}
		warned[fmt.Sprintf("%s:%d", d.Subject.Filename, d.Subject.Start.Line)] = true
		if diag.CodeOf(d) == diag.UnreachableEnv {
			if env := quotedName(d.Summary); env != "" {
				neverDeployed[env] = true
			}
		}
	}
	var out hcl.Diagnostics
	for _, d := range backend {
		if d.Severity == hcl.DiagWarning && d.Subject != nil {
			if warned[fmt.Sprintf("%s:%d", d.Subject.Filename, d.Subject.Start.Line)] {
				continue
			}
			if strings.Contains(d.Summary, "never deployed") && neverDeployed[quotedName(d.Detail)] {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// quotedName returns the first "quoted" word of s, or "".
func quotedName(s string) string {
	i := strings.IndexByte(s, '"')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i+1:], '"')
	if j < 0 {
		return ""
	}
	return s[i+1 : i+1+j]
}
