package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/compiler"
	"github.com/pipec-dev/pipec/compiler/ir"
	"github.com/pipec-dev/pipec/lang"
)

func init() {
	register(&command{
		name:    "graph",
		summary: "Print the delivery graph (tests, images, scans, environments and their gates) as Mermaid or Graphviz.",
		usage:   "pipec graph [--format mermaid|dot] [-var NAME=VALUE] [-var-file FILE] [PATH]",
		run:     runGraph,
	})
}

func runGraph(args []string, e *env) int {
	fs := flagsFor("graph", e)
	format := fs.String("format", "mermaid", "output format: mermaid (paste into Markdown) or dot (Graphviz)")
	vars := fs.vars()
	path, code, ok := fs.parsePath(args)
	if !ok {
		return code
	}
	if *format != "mermaid" && *format != "dot" {
		fmt.Fprintf(e.stderr, "pipec graph: unknown --format %q (want mermaid or dot)\n", *format)
		return exitUsage
	}
	m, prog, diags := lowerSpec(path, vars, e)
	if len(diags) > 0 {
		writeDiags(e.stderr, m, diags)
	}
	if diags.HasErrors() {
		return exitSpec
	}
	g := buildGraph(prog)
	if *format == "dot" {
		g.writeDot(e.stdout)
	} else {
		g.writeMermaid(e.stdout)
	}
	return exitOK
}

// lowerSpec loads and lowers a spec without running any backend, for the
// commands that describe the pipeline rather than its files.
func lowerSpec(path string, vars *varFlags, e *env) (*lang.Module, *ir.Program, hcl.Diagnostics) {
	m, diags := load(path, vars, e)
	if diags.HasErrors() {
		return m, nil, diags
	}
	prog, ds := compiler.Lower(m, sourceName(path, m.FileNames))
	return m, prog, append(diags, ds...)
}

// graph is a small directed graph; nodes and edges keep insertion order so
// the output is deterministic.
type graph struct {
	name   string
	groups []*graphGroup
	edges  []graphEdge
	ids    map[string]bool
}

type graphGroup struct {
	id, label string
	nodes     []graphNode
}

type graphNode struct {
	id    string
	lines []string
	gate  bool // a gate (approval, analysis, soak, manual pause): drawn as a hexagon
}

type graphEdge struct{ from, to, label string }

func (g *graph) group(id, label string) *graphGroup {
	gr := &graphGroup{id: id, label: label}
	g.groups = append(g.groups, gr)
	return gr
}

func (g *graph) add(gr *graphGroup, id string, gate bool, lines ...string) string {
	id = nodeID(id)
	for base, n := id, 2; g.ids[id]; n++ {
		id = base + "_" + strconv.Itoa(n)
	}
	g.ids[id] = true
	gr.nodes = append(gr.nodes, graphNode{id: id, lines: lines, gate: gate})
	return id
}

func (g *graph) edge(from, to, label string) {
	if from != "" && to != "" {
		g.edges = append(g.edges, graphEdge{from, to, label})
	}
}

// nodeID keeps letters, digits and underscores: both Mermaid and dot
// accept those unquoted.
func nodeID(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// buildGraph lays out the pipeline in run order: tests, then each image's
// build, scan and push, then environments in promotion order, each with
// the gates that hold it (soak, manual approval), its rollout and the
// analyses that judge it, and its e2e tests.
func buildGraph(p *ir.Program) *graph {
	g := &graph{name: p.Pipeline.Name, ids: map[string]bool{}}
	ci := g.group("ci", "CI: "+strings.Join(p.Pipeline.CI, ", "))
	tests := map[string]string{}
	for _, t := range p.Tests {
		lines := []string{"test " + t.Name, t.Image.String()}
		if len(t.Matrix) > 0 {
			var axes []string
			for _, a := range t.Matrix {
				axes = append(axes, a.Key+": "+strings.Join(a.Values, ", "))
			}
			lines = append(lines, "matrix "+strings.Join(axes, "; "))
		}
		tests[t.Name] = g.add(ci, "test_"+t.Name, false, lines...)
	}
	for _, t := range p.Tests {
		for _, n := range t.Needs {
			g.edge(tests[n], tests[t.Name], "")
		}
	}
	pushes := map[string]string{}
	for _, im := range p.Images {
		build := g.add(ci, "build_"+im.Name, false, "build image "+im.Name, im.Dockerfile)
		for _, n := range im.Needs {
			g.edge(tests[n], build, "")
		}
		last := build
		if im.Scan.Enabled {
			scan := g.add(ci, "scan_"+im.Name, true, "scan "+im.Name, im.Scan.Scanner+" fails on "+strings.Join(im.Scan.Severity, ", "))
			g.edge(last, scan, "")
			last = scan
		}
		push := g.add(ci, "push_"+im.Name, false, "push "+im.Repository, tagsLine(im.Tags))
		g.edge(last, push, "")
		pushes[im.Name] = push
	}
	// Environments start from the images they deploy; without images,
	// from the tests that gate every push.
	var starts []string
	for _, im := range p.DeployedImages() {
		starts = append(starts, pushes[im.Name])
	}
	if len(starts) == 0 {
		for _, im := range p.Images {
			starts = append(starts, pushes[im.Name])
		}
	}
	if len(starts) == 0 {
		for _, t := range p.Tests {
			starts = append(starts, tests[t.Name])
		}
	}
	ends := map[string][]string{}
	for _, env := range p.Environments {
		gr := g.group(nodeID("env_"+env.Name), "environment "+env.Name)
		froms := starts
		if env.After != "" {
			froms = ends[env.After]
		}
		var entry []string
		if env.Soak > 0 && env.After != "" {
			entry = append(entry, g.add(gr, "soak_"+env.Name, true, "soak "+env.Soak.String(), env.After+" healthy that long"))
		}
		if env.Manual {
			entry = append(entry, g.add(gr, "approve_"+env.Name, true, "manual approval"))
		}
		deploy := g.add(gr, "deploy_"+env.Name, false, deployLines(env)...)
		entry = append(entry, deploy)
		for _, f := range froms {
			g.edge(f, entry[0], "")
		}
		for i := 1; i < len(entry); i++ {
			g.edge(entry[i-1], entry[i], "")
		}
		addRolloutGates(g, gr, env, deploy)
		// E2E tests run side by side once the rollout is healthy; the
		// next environment waits for all of them.
		var end []string
		for _, x := range env.E2E {
			e2e := g.add(gr, "e2e_"+env.Name+"_"+x.Name, true, "e2e "+x.Name, x.Image)
			g.edge(deploy, e2e, "")
			end = append(end, e2e)
		}
		if len(end) == 0 {
			end = []string{deploy}
		}
		ends[env.Name] = end
	}
	return g
}

// addRolloutGates adds what holds a rollout: analyses of canary steps and
// blue-green promotion, indefinite canary pauses, background analysis.
func addRolloutGates(g *graph, gr *graphGroup, env *ir.Environment, deploy string) {
	prefix := "gate_" + env.Name + "_"
	if c := env.Canary; c != nil {
		for i, s := range c.Steps {
			step := fmt.Sprintf("step %d", i+1)
			if len(s.Analysis) > 0 {
				id := g.add(gr, prefix+"analysis", true, "analysis "+strings.Join(s.Analysis, ", "))
				g.edge(deploy, id, step)
			}
			if s.Pause != nil && s.Pause.Manual {
				id := g.add(gr, prefix+"promote", true, "manual promotion")
				g.edge(deploy, id, step)
			}
		}
		if b := c.Background; b != nil && len(b.Analyses) > 0 {
			id := g.add(gr, prefix+"background", true, "analysis "+strings.Join(b.Analyses, ", "))
			g.edge(deploy, id, "background")
		}
	}
	if bg := env.BlueGreen; bg != nil {
		if len(bg.PrePromotion) > 0 {
			g.edge(deploy, g.add(gr, prefix+"pre", true, "analysis "+strings.Join(bg.PrePromotion, ", ")), "pre-promotion")
		}
		if !bg.AutoPromote {
			g.edge(deploy, g.add(gr, prefix+"promote", true, "manual promotion"), "preview to active")
		}
		if len(bg.PostPromotion) > 0 {
			g.edge(deploy, g.add(gr, prefix+"post", true, "analysis "+strings.Join(bg.PostPromotion, ", ")), "post-promotion")
		}
	}
}

func deployLines(env *ir.Environment) []string {
	lines := []string{"deploy " + env.Name}
	if env.Namespace != env.Name {
		lines = append(lines, "namespace "+env.Namespace)
	}
	lines = append(lines, strategyLine(env))
	if env.Replicas > 0 {
		lines = append(lines, plural(env.Replicas, "replica"))
	}
	return lines
}

func strategyLine(env *ir.Environment) string {
	switch {
	case env.Canary != nil:
		var ws []string
		for _, s := range env.Canary.Steps {
			if s.Weight != nil {
				ws = append(ws, strconv.Itoa(*s.Weight)+"%")
			}
		}
		if len(ws) == 0 {
			return "canary"
		}
		return "canary " + strings.Join(ws, " > ")
	case env.BlueGreen != nil:
		return "blue-green"
	}
	return "rolling update"
}

func tagsLine(tags []ir.Tag) string {
	var ts []string
	for _, t := range tags {
		ts = append(ts, t.Value.String())
	}
	if len(ts) == 0 {
		return ""
	}
	return "tags " + strings.Join(ts, ", ")
}

func (g *graph) writeMermaid(w io.Writer) {
	fmt.Fprintf(w, "%%%% pipeline %s: generated by pipec graph\n", g.name)
	fmt.Fprintln(w, "flowchart LR")
	for _, gr := range g.groups {
		if len(gr.nodes) == 0 {
			continue
		}
		fmt.Fprintf(w, "  subgraph %s[\"%s\"]\n", gr.id, mermaidText(gr.label))
		for _, n := range gr.nodes {
			var lines []string
			for _, l := range n.lines {
				if l != "" {
					lines = append(lines, mermaidText(l))
				}
			}
			open, close := "[\"", "\"]"
			if n.gate {
				open, close = "{{\"", "\"}}"
			}
			fmt.Fprintf(w, "    %s%s%s%s\n", n.id, open, strings.Join(lines, "<br/>"), close)
		}
		fmt.Fprintln(w, "  end")
	}
	for _, e := range g.edges {
		if e.label != "" {
			fmt.Fprintf(w, "  %s -->|\"%s\"| %s\n", e.from, mermaidText(e.label), e.to)
		} else {
			fmt.Fprintf(w, "  %s --> %s\n", e.from, e.to)
		}
	}
}

// mermaidText escapes what would end a quoted label or be read as HTML.
func mermaidText(s string) string {
	return strings.NewReplacer("\"", "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ").Replace(s)
}

func (g *graph) writeDot(w io.Writer) {
	fmt.Fprintf(w, "// pipeline %s: generated by pipec graph\n", g.name)
	fmt.Fprintf(w, "digraph %s {\n", dotQuote(g.name))
	fmt.Fprintln(w, "  rankdir=LR;")
	fmt.Fprintln(w, "  node [shape=box, style=rounded];")
	for _, gr := range g.groups {
		if len(gr.nodes) == 0 {
			continue
		}
		fmt.Fprintf(w, "  subgraph cluster_%s {\n    label=%s;\n", gr.id, dotQuote(gr.label))
		for _, n := range gr.nodes {
			var lines []string
			for _, l := range n.lines {
				if l != "" {
					lines = append(lines, l)
				}
			}
			attrs := "label=" + dotQuote(strings.Join(lines, "\n"))
			if n.gate {
				attrs += ", shape=hexagon, style=solid"
			}
			fmt.Fprintf(w, "    %s [%s];\n", n.id, attrs)
		}
		fmt.Fprintln(w, "  }")
	}
	for _, e := range g.edges {
		if e.label != "" {
			fmt.Fprintf(w, "  %s -> %s [label=%s];\n", e.from, e.to, dotQuote(e.label))
		} else {
			fmt.Fprintf(w, "  %s -> %s;\n", e.from, e.to)
		}
	}
	fmt.Fprintln(w, "}")
}

// dotQuote quotes s as a dot string; a newline becomes dot's \n.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
