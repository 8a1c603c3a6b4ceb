package gha

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/backends/internal/yamlout"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// Backend emits GitHub Actions workflows.
type Backend struct{}

var (
	_ ir.Emitter  = (*Backend)(nil)
	_ ir.Preparer = (*Backend)(nil)
)

// New returns the GitHub Actions backend.
func New() *Backend { return &Backend{} }

// Name is the target name used by --target and pipeline.ci.
func (*Backend) Name() string { return "github" }

// Prepare works out how the workflow types are written (ir.Preparer);
// TestPrepareCoversEmit keeps the list whole.
func (*Backend) Prepare() {
	yamlout.Prepare(workflow{}, yamlout.Map{}, dispatchInput{}, service{})
}

// Emit returns .github/workflows/<pipeline>.yml, and the rollback workflow
// when the pipeline deploys, or nothing when the pipeline does not ask for
// github. Files are nil when any diagnostic is an error.
func (*Backend) Emit(p *ir.Program, opt ir.Options) ([]ir.File, hcl.Diagnostics) {
	if p == nil || p.Pipeline == nil || !p.HasCI("github") {
		return nil, nil
	}
	g := &gen{p: p, source: opt.Source}
	if g.source == "" {
		g.source = p.Source
	}
	g.header = ir.Header(g.source)
	files := g.files()
	if g.diags.HasErrors() {
		return nil, g.diags
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, g.diags
}

// gen holds one Emit call's state.
type gen struct {
	p      *ir.Program
	source string
	header string        // ir.Header(source), the first line of every file
	out    yamlout.Arena // holds the workflows' bytes
	diags  hcl.Diagnostics
	gates  map[*ir.Environment]refGate
	// deployed caches DeployedImages; images what deploy jobs set for them.
	deployed []*ir.Image
	images   *imageEnv
	// deployable names the environments some run of the main workflow
	// can deploy; the others get no jobs (planEnvironments).
	deployable map[string]bool
}

func (g *gen) errorf(rng hcl.Range, summary, detail string, args ...any) {
	g.diag(hcl.DiagError, rng, summary, detail, args...)
}

func (g *gen) warnf(rng hcl.Range, summary, detail string, args ...any) {
	g.diag(hcl.DiagWarning, rng, summary, detail, args...)
}

func (g *gen) diag(sev hcl.DiagnosticSeverity, rng hcl.Range, summary, detail string, args ...any) {
	r := rng
	g.diags = append(g.diags, &hcl.Diagnostic{
		Severity: sev,
		Summary:  summary,
		Detail:   fmt.Sprintf(detail, args...),
		Subject:  &r,
	})
}

func (g *gen) files() []ir.File {
	name := g.p.Pipeline.Name
	wf := g.mainWorkflow()
	if len(wf.Jobs) == 0 {
		g.warnf(g.p.Pipeline.Range, "Nothing for GitHub Actions to run",
			"The pipeline has no test, image or environment, and GitHub rejects a workflow without jobs, so no workflow is written. Add a test or an image block.")
		return nil
	}
	out := []ir.File{g.file(".github/workflows/"+name+".yml", g.mainHeader(), wf)}
	if len(g.p.Environments) > 0 && g.p.GitOps != nil {
		out = append(out, g.file(".github/workflows/"+name+"-rollback.yml", g.rollbackHeader(), g.rollbackWorkflow()))
	}
	return out
}

func (g *gen) file(path string, comments []string, wf *workflow) ir.File {
	g.out.WriteString(g.header)
	for _, c := range comments {
		if c == "" {
			g.out.WriteString("#\n")
			continue
		}
		g.out.WriteString("# ")
		g.out.WriteString(c)
		g.out.WriteString("\n")
	}
	if err := g.out.Encode(wf); err != nil {
		// Only our own structs are marshalled; this is a programming error,
		// reported rather than panicking.
		g.errorf(g.p.Pipeline.Range, "Internal error writing "+path, "%v", err)
	}
	return ir.File{Path: path, Data: g.out.Finish()}
}
