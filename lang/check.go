package lang

import (
	"fmt"
	"github.com/pipec-dev/pipec/internal/lazyre"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
)

// checker holds the semantic rules that need the whole evaluated module.
type checker struct {
	m     *Module
	diags hcl.Diagnostics
	// broken is set when earlier errors may hide blocks or references.
	broken bool
}

func (c *checker) errf(code diag.Code, rng hcl.Range, summary string, args ...any) func(string, ...any) {
	return func(detail string, dargs ...any) {
		c.diags = append(c.diags, diag.Error(code, rng, fmt.Sprintf(summary, args...), fmt.Sprintf(detail, dargs...)))
	}
}

func (c *checker) warnf(code diag.Code, rng hcl.Range, summary string, args ...any) func(string, ...any) {
	return func(detail string, dargs ...any) {
		c.diags = append(c.diags, diag.Warning(code, rng, fmt.Sprintf(summary, args...), fmt.Sprintf(detail, dargs...)))
	}
}

// check runs the semantic rules. Unused-block warnings are skipped while
// the spec has errors that may hide a reference (a misspelt or mistyped
// reference, a broken block): they would report the intended target as
// unused too.
func check(m *Module, earlier hcl.Diagnostics) hcl.Diagnostics {
	c := &checker{m: m, broken: hasReferenceErrors(earlier)}
	c.counts()
	c.names()
	c.pipeline()
	c.images()
	c.tests()
	c.needsGraph()
	c.environments()
	c.envGraph()
	c.analyses()
	c.gitops()
	c.workloads()
	if !hasReferenceErrors(earlier) && !hasReferenceErrors(c.diags) {
		c.unused()
	}
	return c.diags
}

// KubeName is the form a block name takes in generated files and
// Kubernetes objects: lower case, with '_' as '-'. Labels may be written
// "unit_tests" or "Prod"; they become "unit-tests" and "prod".
func KubeName(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", "-"))
}

// names checks that names used as Kubernetes and file names have a valid
// Kubernetes form, that no two blocks of a kind share it, and that
// labelled children are unique within their parent.
func (c *checker) names() {
	byKube := map[string]*Node{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if namesKubeObjects(n.Type) && len(n.Labels) > 0 {
			name := n.Name()
			kube := KubeName(name)
			if !dnsLabel.MatchString(kube) || len(kube) > 50 {
				c.errf(diag.InvalidName, n.NameRange(), "Invalid %s name %q", n.Type, name)("%s names become Kubernetes and file names: use at most 50 letters, digits, '-' and '_', starting and ending with a letter or digit, e.g. %q.", n.Type, suggestName(name))
			} else {
				scope := n.Type + "\x00" + kube
				if n.Parent != nil {
					scope = n.Parent.Path() + "\x00" + scope
				}
				if prev := byKube[scope]; prev != nil && prev.Name() != name {
					c.errf(diag.DuplicateName, n.NameRange(), "%s names %q and %q collide", n.Type, prev.Name(), name)("Both become %q in generated files (lower case, '_' as '-'); rename one. The other is at %s.", kube, where(prev.DefRange))
				} else if prev == nil {
					byKube[scope] = n
				}
			}
		}
		if n.Type == "secret" && !secretName.MatchString(n.Name()) {
			c.errf(diag.InvalidName, n.NameRange(), "Invalid secret name %q", n.Name())("Secret names start with a letter and use letters, digits, '_' and '-'.")
		}
		if n.Type == "secret" {
			if v := c.m.Val(n, "kubernetes"); v != nil && !k8sName.MatchString(v.Str.String()) {
				c.errf(diag.InvalidName, v.Attr.Expr.Range(), "Invalid Kubernetes Secret name %q", v.Str.String())("Kubernetes Secret names are lower-case DNS names: letters, digits, '-' and '.', e.g. %q.", suggestName(v.Str.String()))
			}
			if v := c.m.Val(n, "github"); v != nil && !envName.MatchString(v.Str.String()) {
				c.errf(diag.InvalidName, v.Attr.Expr.Range(), "Invalid GitHub secret name %q", v.Str.String())("GitHub secret names use letters, digits and '_' and do not start with a digit, e.g. %q.", strings.ToUpper(strings.ReplaceAll(suggestName(v.Str.String()), "-", "_")))
			}
		}
		seen := map[string]*Node{}
		for _, ch := range n.Children {
			if len(ch.Labels) == 0 {
				continue
			}
			key := ch.Type + " " + ch.Name()
			if prev := seen[key]; prev != nil {
				c.errf(diag.DuplicateName, ch.NameRange(), "Duplicate %s %q", ch.Type, ch.Name())("The %s block already has %s %s named %q at %s. Rename one.", n.Path(), strings.ToLower(article(ch.Type)), ch.Type, ch.Name(), where(prev.DefRange))
				continue
			}
			seen[key] = ch
		}
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	for _, n := range c.m.Blocks {
		walk(n)
	}
}

// namesKubeObjects reports whether the names of blocks of type typ become
// Kubernetes and file names.
func namesKubeObjects(typ string) bool {
	switch typ {
	case "pipeline", "test", "image", "workload", "analysis", "environment", "e2e", "service", "metric":
		return true
	}
	return false
}

func suggestName(s string) string {
	s = strings.ToLower(nonAlnum.ReplaceAllString(s, "-"))
	s = strings.Trim(s, "-")
	if s == "" {
		return "my-name"
	}
	if len(s) > 50 {
		s = strings.TrimRight(s[:50], "-")
	}
	return s
}

func (c *checker) pipeline() {
	p := c.m.Pipeline
	if p == nil {
		return
	}
	if v := c.m.Val(p, "repository"); v != nil {
		r := v.Str.String()
		if strings.Contains(r, "://") || strings.Count(strings.TrimSuffix(r, ".git"), "/") < 2 {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid repository %q", r)("repository is host/owner/name without a scheme, e.g. \"github.com/org/app\".")
		}
	}
	if v := c.m.Val(p, "ci"); v != nil {
		seen := map[string]bool{}
		for _, s := range v.Strings() {
			if seen[s] {
				c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Duplicate CI backend %q", s)("List each backend once.")
			}
			seen[s] = true
		}
		if len(v.List) == 0 && len(c.m.Order["environment"]) == 0 {
			c.warnf(diag.InvalidValue, v.Attr.Expr.Range(), "Nothing to build")("ci is empty and there are no environments, so pipec emits nothing. Add \"github\" or \"tekton\".")
		}
	}
	on := p.Child("on")
	if on != nil {
		for _, name := range []string{"push", "pull_request", "tags", "paths"} {
			v := c.m.Val(on, name)
			if v == nil {
				continue
			}
			for _, g := range v.Strings() {
				if _, err := path.Match(g, ""); err != nil || g == "" {
					c.errf(diag.InvalidGlob, v.Attr.Expr.Range(), "Invalid glob %q in on.%s", g, name)("Globs use *, ** and ? with balanced [ ]; for example \"release/*\".")
				}
			}
		}
	}
}

func (c *checker) checkImageRef(v *Val, repoOnlyRule bool) {
	if v == nil {
		return
	}
	s := v.Str.Render("x")
	if repoOnlyRule {
		if !imageRef.MatchString(s) || !repoOnly.MatchString(s) {
			c.errf(diag.InvalidImageRef, v.Attr.Expr.Range(), "Invalid image repository %q", v.Str.String())("repository is registry/path/name in lower case, without a tag or digest (pipec adds those), e.g. \"ghcr.io/org/app\".")
		}
		return
	}
	if !imageRef.MatchString(s) {
		c.errf(diag.InvalidImageRef, v.Attr.Expr.Range(), "Invalid image reference %q", v.Str.String())("An image reference is [registry/]path[:tag][@sha256:digest] in lower case, e.g. \"node:20\" or \"ghcr.io/org/tool:1.2\".")
	}
}

// Render renders t with runtime references replaced by placeholder.
func (t Template) Render(placeholder string) string {
	s := ""
	for _, p := range t.Parts {
		if p.Ref != nil {
			s += placeholder
		} else {
			s += p.Lit
		}
	}
	return s
}

func (c *checker) images() {
	for _, n := range c.m.Order["image"] {
		c.checkImageRef(c.m.Val(n, "repository"), true)
		if v := c.m.Val(n, "build_args"); v != nil {
			for _, e := range v.Map {
				if !envName.MatchString(e.Key) {
					c.errf(diag.InvalidName, e.Range, "Invalid build arg name %q", e.Key)("Build arg names use letters, digits and '_'.")
				}
			}
		}
		if v := c.m.Val(n, "tags"); v != nil {
			for _, t := range v.List {
				s := t.Render("x")
				if s == "" || !imageTag.MatchString(s) {
					c.errf(diag.InvalidImageRef, v.Attr.Expr.Range(), "Invalid image tag %q", t.String())("Tags use letters, digits, '_', '.' and '-' (at most 128), and may interpolate runtime values, e.g. \"${git.branch}-${git.short_sha}\".")
				}
			}
		}
		if sc := n.Child("scan"); sc != nil {
			if v := c.m.Val(sc, "severity"); v != nil && len(v.List) == 0 {
				c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Empty scan severity")("List at least one severity that fails the scan, or set enabled = false.")
			}
		}
	}
}

func (c *checker) tests() {
	for _, n := range c.m.Order["test"] {
		c.checkImageRef(c.m.Val(n, "image"), false)
		c.checkEnvKeys(c.m.Val(n, "env"))
		if v := c.m.Val(n, "run"); v != nil && len(v.List) == 0 {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "No commands")("run needs at least one command.")
		}
		for _, s := range n.ChildrenOf("service") {
			c.checkImageRef(c.m.Val(s, "image"), false)
			c.checkEnvKeys(c.m.Val(s, "env"))
			c.checkPorts(c.m.Val(s, "ports"))
		}
	}
}

func (c *checker) checkEnvKeys(v *Val) {
	if v == nil {
		return
	}
	for _, e := range v.Map {
		if !envName.MatchString(e.Key) {
			c.errf(diag.InvalidName, e.Range, "Invalid environment variable name %q", e.Key)("Environment variable names use letters, digits and '_' and do not start with a digit.")
		}
	}
}

func (c *checker) checkPorts(v *Val) {
	if v == nil {
		return
	}
	for _, p := range v.Nums {
		if p < 1 || p > 65535 {
			c.errf(diag.InvalidValue, v.Attr.Expr.Range(), "Invalid port %d", p)("Ports are between 1 and 65535.")
		}
	}
}

// needsGraph reports cycles among test needs.
func (c *checker) needsGraph() {
	edges := map[string][]*Reference{}
	for _, n := range c.m.Order["test"] {
		if v := c.m.Val(n, "needs"); v != nil {
			edges[n.Name()] = v.Refs
		}
	}
	c.cycles("test", c.m.Order["test"], edges, "needs")
}

// cycles finds cycles in a graph of named blocks and reports each once, on
// the reference that closes it, naming the path.
func (c *checker) cycles(kind string, nodes []*Node, edges map[string][]*Reference, attr string) []*Node {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var order []*Node
	var stack []string
	reported := map[string]bool{}
	var visit func(n *Node)
	visit = func(n *Node) {
		color[n.Name()] = grey
		stack = append(stack, n.Name())
		for _, r := range edges[n.Name()] {
			if r.Target == nil {
				continue
			}
			switch color[r.Name] {
			case grey:
				i := indexOf(stack, r.Name)
				cyc := append(append([]string(nil), stack[i:]...), r.Name)
				key := strings.Join(sortedCopy(cyc[:len(cyc)-1]), ",")
				if !reported[key] {
					reported[key] = true
					// Point at the cycle's first edge: the reference written
					// in the block the cycle starts from.
					at := r.Range
					if len(cyc) > 2 {
						for _, e := range edges[cyc[0]] {
							if e.Name == cyc[1] {
								at = e.Range
							}
						}
					}
					for j := range cyc {
						cyc[j] = kind + "." + cyc[j]
					}
					c.errf(diag.Cycle, at, "Cycle in %s", attr)("%s form a cycle: %s. Remove one of these %s references.", kind+"s", strings.Join(cyc, " -> "), attr)
				}
			case white:
				visit(r.Target)
			}
		}
		stack = stack[:len(stack)-1]
		color[n.Name()] = black
		order = append(order, n)
	}
	for _, n := range nodes {
		if color[n.Name()] == white {
			visit(n)
		}
	}
	return order
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sortStrings(out)
	return out
}

func hasReferenceErrors(diags hcl.Diagnostics) bool {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		switch diag.CodeOf(d) {
		case diag.UndefinedReference, diag.UnsupportedReference, diag.WrongType, diag.SelfReference,
			diag.Syntax, diag.MissingLabel, diag.ExtraLabel, diag.UnsupportedBlock, diag.InvalidExpression,
			diag.MissingAttribute:
			return true
		}
	}
	return false
}

var nonAlnum = lazyre.New(`[^a-zA-Z0-9]+`)
