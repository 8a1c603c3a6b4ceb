package lsp

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang"
	"github.com/pipec-dev/pipec/lang/schema"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// hover shows the schema's docs for block types and attribute names, and
// for references what they point to.
func hover(s *Server, v *view, p *protocol.HoverParams) (any, error) {
	doc, snap, ft := s.analyzed(v, p.TextDocument.URI)
	if ft == nil {
		return nil, nil
	}
	off := ft.m.offset(p.Position)
	text, rng := hoverAt(snap, doc.path, off)
	if text == "" {
		return nil, nil
	}
	r := ft.m.rng(rng)
	return protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: text}, Range: &r}, nil
}

func hoverAt(snap *snapshot, path string, off int) (string, hcl.Range) {
	m := snap.m
	if r := refAt(m, path, off); r != nil {
		return refDoc(snap, r), r.Range
	}
	n := innermost(m, path, off)
	if n == nil {
		return "", hcl.Range{}
	}
	if contains(n.TypeRange, off) || (len(n.LabelRanges) > 0 && contains(n.NameRange(), off)) {
		return blockDoc(n.Schema), n.DefRange
	}
	for _, a := range n.Attrs {
		if contains(a.NameRange, off) {
			if sa := n.Schema.Attr(a.Name); sa != nil {
				return attrDoc(sa), a.NameRange
			}
			if n.Type == "locals" {
				return "**local** `" + a.Name + "`\n\nRead it as `local." + a.Name + "`.", a.NameRange
			}
		}
	}
	return "", hcl.Range{}
}

// blockDoc renders a block type's schema entry.
func blockDoc(b *schema.Block) string {
	if b == nil {
		return ""
	}
	var sb strings.Builder
	header := b.Type
	for _, l := range b.Labels {
		header += ` "` + strings.ToUpper(l) + `"`
	}
	fmt.Fprintf(&sb, "**block** `%s`\n\n%s", header, b.Doc)
	switch {
	case b.Min == 1 && b.Max == 1:
		sb.WriteString("\n\nExactly one.")
	case b.Max == 1:
		sb.WriteString("\n\nAt most one.")
	case b.Min > 0:
		fmt.Fprintf(&sb, "\n\nAt least %d.", b.Min)
	}
	if b.Example != "" {
		sb.WriteString("\n\n```hcl\n" + b.Example + "\n```")
	}
	return sb.String()
}

// attrDoc renders an attribute's schema entry: type, required or default,
// allowed values, docs.
func attrDoc(a *schema.Attr) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**%s** `%s`", a.Name, a.TypeString())
	if a.Required {
		sb.WriteString(" (required)")
	}
	sb.WriteString("\n\n" + a.Doc)
	if a.Default != "" {
		sb.WriteString("\n\nDefault: " + codeOrText(a.Default))
	}
	if len(a.Enum) > 0 {
		sb.WriteString("\n\nAllowed values: `" + strings.Join(a.Enum, "`, `") + "`")
	}
	switch a.Runtime {
	case schema.GitRun:
		sb.WriteString("\n\nAccepts runtime values: `git.*`, `run.*`.")
	case schema.GitRunMatrix:
		sb.WriteString("\n\nAccepts runtime values: `git.*`, `run.*`, and `matrix.*` in a matrix test.")
	case schema.AfterBuild:
		sb.WriteString("\n\nAccepts runtime values: `git.*`, `run.*`, `image.NAME.ref`, `image.NAME.digest`.")
	}
	return sb.String()
}

// codeOrText keeps prose defaults ("the pipeline name") as text and
// literal ones as code.
func codeOrText(s string) string {
	if strings.ContainsAny(s, `"[`) || s == "true" || s == "false" || strings.Trim(s, "0123456789") == "" {
		return "`" + s + "`"
	}
	return s
}

// refDoc describes what a reference points to.
func refDoc(snap *snapshot, r *lang.Reference) string {
	m := snap.m
	addr := r.Root + "." + r.Name
	switch r.Root {
	case "git", "run":
		return fmt.Sprintf("**%s** (runtime value)\n\n%s\n\nKnown only when the pipeline runs; each backend renders it in its own syntax.", addr, schema.RuntimeDocs[addr])
	case "matrix":
		return fmt.Sprintf("**%s** (runtime value)\n\nThis run's value of the test's matrix key `%s`.", addr, r.Name)
	case "local":
		a := m.Locals[r.Name]
		if a == nil {
			return ""
		}
		return fmt.Sprintf("**local** `%s`\n\n```hcl\n%s = %s\n```\n\n%s", r.Name, r.Name, source(snap, a.Expr.Range()), where(r.Def))
	case "var":
		n := r.Target
		if n == nil {
			return ""
		}
		var sb strings.Builder
		fmt.Fprintf(&sb, "**variable** `%s`", r.Name)
		if a := n.Attr("type"); a != nil {
			sb.WriteString(" `" + source(snap, a.Expr.Range()) + "`")
		}
		if d := m.Val(n, "description"); d != nil {
			sb.WriteString("\n\n" + d.Str.String())
		}
		if a := n.Attr("default"); a != nil {
			sb.WriteString("\n\nDefault: `" + source(snap, a.Expr.Range()) + "`")
		} else {
			sb.WriteString("\n\nRequired: set it with `-var`, `-var-file` or `PIPEC_VAR_" + r.Name + "`.")
		}
		sb.WriteString("\n\n" + where(r.Def))
		return sb.String()
	}
	if r.Target == nil {
		return ""
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "**%s** `%s`", r.Root, r.Name)
	if r.Attr != "" {
		fmt.Fprintf(&sb, ", attribute `%s`", r.Attr)
		if r.Root == "image" && (r.Attr == "digest" || r.Attr == "ref") {
			sb.WriteString(" (runtime value: known after the image is pushed)")
		}
	}
	if r.Target.Schema != nil {
		sb.WriteString("\n\n" + r.Target.Schema.Doc)
	}
	if r.Root == "secret" {
		// Where the value lives in each system, with the defaults applied.
		gh := strings.ToUpper(strings.ReplaceAll(r.Name, "-", "_"))
		if v := m.Val(r.Target, "github"); v != nil {
			gh = v.Str.String()
		}
		k8s, key := lang.KubeName(r.Name), "token"
		if v := m.Val(r.Target, "kubernetes"); v != nil {
			k8s = v.Str.String()
		}
		if v := m.Val(r.Target, "key"); v != nil {
			key = v.Str.String()
		}
		fmt.Fprintf(&sb, "\n\nGitHub Actions: `secrets.%s` · Kubernetes: Secret `%s`, key `%s`", gh, k8s, key)
		if r.Target.Child("external") != nil {
			sb.WriteString(" (filled by an ExternalSecret)")
		}
	}
	sb.WriteString("\n\n" + where(r.Def))
	return sb.String()
}

func where(r hcl.Range) string {
	return fmt.Sprintf("Defined at %s:%d.", filepath.Base(r.Filename), r.Start.Line)
}

// source returns the text of rng in the snapshot.
func source(snap *snapshot, rng hcl.Range) string {
	ft := snap.file(rng.Filename)
	if ft == nil || rng.End.Byte > len(ft.text) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	s := string(ft.text[rng.Start.Byte:rng.End.Byte])
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}
