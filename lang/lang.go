package lang

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/pipec-dev/pipec/lang/schema"
	"github.com/zclconf/go-cty/cty"
)

// Load reads, decodes, evaluates and checks the spec at path (a file or a
// directory).
func Load(path string, opt Options) (*Module, hcl.Diagnostics) {
	srcs, diags := ReadSources(path)
	m, more := LoadSources(srcs, opt)
	return m, append(diags, more...)
}

func newModule() *Module {
	return &Module{
		Named:       map[string]map[string]*Node{},
		Order:       map[string][]*Node{},
		Locals:      map[string]*hcl.Attribute{},
		VarValues:   map[string]cty.Value{},
		LocalValues: map[string]cty.Value{},
		Uses:        map[string]int{},
	}
}

// LoadSources is Load for sources already in memory (the LSP's open
// documents). Sources form one spec, as the files of a directory do.
func LoadSources(srcs []Source, opt Options) (*Module, hcl.Diagnostics) {
	m := newModule()
	parser, files, diags := Parse(srcs, opt.Cache)
	m.Parser = parser
	m.Files = files
	for _, s := range srcs {
		m.FileNames = append(m.FileNames, s.Name)
	}
	for _, f := range files {
		root := &Node{Schema: schema.Root}
		diags = append(diags, decodeBody(root, f.Body, schema.Root)...)
		if sb, ok := f.Body.(*hclsyntax.Body); ok {
			for _, b := range sb.Blocks {
				if schema.Root.Block(b.Type) == nil && len(b.Labels) == 1 {
					if m.misspelt == nil {
						m.misspelt = map[string]hcl.Range{}
					}
					m.misspelt[b.Type+"\x00"+b.Labels[0]] = b.TypeRange
				}
			}
		}
		for _, c := range root.Children {
			c.Parent = nil
			m.Blocks = append(m.Blocks, c)
		}
	}
	m.Vals = make(map[*hcl.Attribute]*Val, countAttrs(m.Blocks))
	if !hasSummary(diags, "Nesting too deep") && !hasSummary(diags, "Spec file too large") {
		diags = append(diags, m.index(srcs)...)
	} else {
		m.index(nil) // a refused file: its missing pipeline is no news
	}
	e := newEvaluator(m)
	e.computeVars(opt)
	e.evalAll()
	diags = append(diags, e.diags...)
	diags = append(diags, check(m, diags)...)
	repairRanges(diags, srcs)
	return m, sortDiags(dedupe(diags))
}

// countAttrs counts the attributes of nodes and their descendants: about
// as many values as evaluation records, so Vals grows once.
func countAttrs(nodes []*Node) int {
	count := 0
	for _, n := range nodes {
		count += len(n.Attrs) + countAttrs(n.Children)
	}
	return count
}

// index fills Named, Order, Pipeline, GitOps and Locals, reporting
// duplicates and block-count problems across files.
func (m *Module) index(srcs []Source) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, n := range m.Blocks {
		switch n.Type {
		case "locals":
			for _, name := range sortedAttrNames(n) {
				a := n.Attrs[name]
				if prev := m.Locals[name]; prev != nil {
					diags = append(diags, diag.Error(diag.DuplicateName, a.NameRange, fmt.Sprintf("Duplicate local %q", name),
						fmt.Sprintf("local %q is already defined at %s. Rename or remove one.", name, where(prev.NameRange))))
					continue
				}
				m.Locals[name] = a
			}
			continue
		case "pipeline":
			if m.Pipeline != nil {
				diags = append(diags, diag.Error(diag.BlockCount, n.DefRange, "More than one pipeline block",
					fmt.Sprintf("A spec has exactly one pipeline block; the first is at %s. Merge them.", where(m.Pipeline.DefRange))))
				continue
			}
			m.Pipeline = n
		case "gitops":
			if m.GitOps != nil {
				diags = append(diags, diag.Error(diag.BlockCount, n.DefRange, "More than one gitops block",
					fmt.Sprintf("A spec has at most one gitops block; the first is at %s. Merge them.", where(m.GitOps.DefRange))))
				continue
			}
			m.GitOps = n
		}
		if len(n.Labels) == 0 {
			continue
		}
		byName := m.Named[n.Type]
		if byName == nil {
			byName = map[string]*Node{}
			m.Named[n.Type] = byName
		}
		if prev := byName[n.Name()]; prev != nil {
			diags = append(diags, diag.Error(diag.DuplicateName, n.NameRange(), fmt.Sprintf("Duplicate %s %q", n.Type, n.Name()),
				fmt.Sprintf("%s %s named %q is already declared at %s. Give this one another name or remove it.", article(n.Type), n.Type, n.Name(), where(prev.DefRange))))
			continue
		}
		byName[n.Name()] = n
		m.Order[n.Type] = append(m.Order[n.Type], n)
	}
	if m.Pipeline == nil && len(srcs) > 0 {
		rng := hcl.Range{Filename: srcs[0].Name, Start: hcl.InitialPos, End: hcl.InitialPos}
		diags = append(diags, diag.Error(diag.BlockCount, rng, "Missing pipeline block",
			"Every spec needs exactly one pipeline block, for example:\n"+schema.Root.Block("pipeline").Example))
	}
	return diags
}

// sortedAttrNames returns n's attribute names in source order, ties by
// name.
func sortedAttrNames(n *Node) []string {
	names := make([]string, 0, len(n.Attrs))
	for name := range n.Attrs {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		if c := cmp.Compare(n.Attrs[a].Range.Start.Byte, n.Attrs[b].Range.Start.Byte); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return names
}

// evalAll evaluates every attribute of every block, then any local no
// block used.
func (e *evaluator) evalAll() {
	var walk func(n *Node, matrix []string)
	walk = func(n *Node, matrix []string) {
		if n.Type == "test" {
			if a := n.Attr("matrix"); a != nil {
				if v := e.evalAttr(n, a, n.Schema.Attr("matrix"), nil); v != nil {
					e.m.Vals[a] = v
					matrix = []string{}
					for _, ax := range v.Matrix {
						matrix = append(matrix, ax.Key)
					}
				} else {
					matrix = []string{}
				}
			}
		}
		for _, name := range sortedAttrNames(n) {
			a := n.Attrs[name]
			sa := n.Schema.Attr(name)
			if sa == nil || (n.Type == "test" && name == "matrix") {
				continue
			}
			if n.Type == "variable" && (name == "default" || name == "type") {
				continue // handled by computeVars
			}
			if n.Type == "validation" {
				continue
			}
			if v := e.evalAttr(n, a, sa, matrix); v != nil {
				e.m.Vals[a] = v
			}
		}
		for _, c := range n.Children {
			walk(c, matrix)
		}
	}
	for _, n := range e.m.Blocks {
		if n.Type == "locals" {
			continue
		}
		walk(n, nil)
	}
	for _, name := range keysOf(e.m.Locals) {
		e.local(name, e.m.Locals[name].NameRange)
	}
}

func dedupe(diags hcl.Diagnostics) hcl.Diagnostics {
	seen := map[string]bool{}
	var out hcl.Diagnostics
	for _, d := range diags {
		key := d.Summary + "|" + d.Detail
		if d.Subject != nil {
			key += "|" + d.Subject.String()
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, d)
	}
	return out
}

// sortDiags orders diagnostics by file and position so output is stable.
func sortDiags(diags hcl.Diagnostics) hcl.Diagnostics {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		switch {
		case a == nil && b == nil:
			return false
		case a == nil:
			return true
		case b == nil:
			return false
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		case a.Start.Line != b.Start.Line:
			return a.Start.Line < b.Start.Line
		}
		return a.Start.Column < b.Start.Column
	})
	return diags
}

// article is "An" before a vowel sound, else "A".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "An"
	}
	return "A"
}

func hasSummary(diags hcl.Diagnostics, s string) bool {
	for _, d := range diags {
		if d.Summary == s {
			return true
		}
	}
	return false
}
