package lang

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/pipec-dev/pipec/lang/diag"
	"github.com/pipec-dev/pipec/lang/didyoumean"
	"github.com/pipec-dev/pipec/lang/schema"
)

// decodeBody decodes body against blk's schema into n, reporting unknown
// attributes and blocks, duplicate attributes and block counts. It keeps
// whatever it could decode.
func decodeBody(n *Node, body hcl.Body, blk *schema.Block) hcl.Diagnostics {
	var diags hcl.Diagnostics
	n.Body = body
	n.Attrs = map[string]*hcl.Attribute{}
	if blk.AnyAttrs {
		attrs, ds := body.JustAttributes()
		diags = append(diags, diag.Tag(ds, diag.UnsupportedBlock)...)
		for name, a := range attrs {
			n.Attrs[name] = a
		}
		return diags
	}
	content, ds := body.Content(blk.BodySchema())
	suggest(ds, blk)
	diags = append(diags, diag.Tag(ds, diag.InvalidValue)...)
	for name, a := range content.Attributes {
		n.Attrs[name] = a
	}
	counts := map[string][]*Node{}
	for _, b := range content.Blocks {
		cs := blk.Block(b.Type)
		if cs == nil {
			continue
		}
		child := &Node{
			Schema: cs, Type: b.Type, Labels: b.Labels, LabelRanges: b.LabelRanges,
			DefRange: b.DefRange, TypeRange: b.TypeRange, Range: blockRange(b), Parent: n,
		}
		diags = append(diags, decodeBody(child, b.Body, cs)...)
		n.Children = append(n.Children, child)
		counts[b.Type] = append(counts[b.Type], child)
	}
	for _, cs := range blk.Blocks {
		got := counts[cs.Type]
		if cs.Max > 0 && len(got) > cs.Max {
			for _, extra := range got[cs.Max:] {
				diags = append(diags, diag.Error(diag.BlockCount, extra.DefRange,
					fmt.Sprintf("Too many %s blocks", cs.Type),
					fmt.Sprintf("%s allows at most %d %s block; the first is at %s. Merge them or remove this one.",
						describeParent(n), cs.Max, cs.Type, got[0].DefRange.String())))
			}
		}
		if cs.Min > 0 && len(got) < cs.Min && n.Type != "" {
			diags = append(diags, diag.Error(diag.BlockCount, n.DefRange,
				fmt.Sprintf("Missing %s block", cs.Type),
				fmt.Sprintf("%s needs at least %d %s block. Add one, for example:\n%s", describeParent(n), cs.Min, cs.Type, exampleOf(cs))))
		}
	}
	for _, a := range blk.Attrs {
		if a.Required && n.Attrs[a.Name] == nil {
			diags = append(diags, diag.Error(diag.MissingAttribute, n.DefRange,
				fmt.Sprintf("Missing required attribute %q", a.Name),
				fmt.Sprintf("%s must set %s (%s): %s", describeParent(n), a.Name, a.TypeString(), a.Doc)))
		}
	}
	return diags
}

var quotedName = regexp.MustCompile(`named "([^"]+)"|type "([^"]+)"`)

// suggest adds a did-you-mean to HCL's unknown-name diagnostics when HCL
// left it out (it skips names already set in the body, which is exactly
// when a typo is most confusing).
func suggest(ds hcl.Diagnostics, blk *schema.Block) {
	for _, d := range ds {
		var cands []string
		switch d.Summary {
		case "Unsupported argument":
			cands = blk.AttrNames()
		case "Unsupported block type":
			cands = blk.BlockTypes()
			if len(cands) == 0 {
				d.Detail = strings.TrimSuffix(d.Detail, ".") + ". The " + blockWord(blk) + " takes no nested blocks."
			}
		default:
			continue
		}
		if strings.Contains(d.Detail, "Did you mean") {
			continue
		}
		m := quotedName.FindStringSubmatch(d.Detail)
		if m == nil {
			continue
		}
		name := m[1] + m[2]
		if s := didyoumean.Suffix(name, cands); s != "" {
			d.Detail += s
		} else if len(cands) > 0 && len(cands) <= 12 {
			d.Detail += " Expected one of: " + strings.Join(cands, ", ") + "."
		}
	}
}

func blockWord(blk *schema.Block) string {
	if blk.Type == "" {
		return "file"
	}
	return blk.Type + " block"
}

func describeParent(n *Node) string {
	if n.Type == "" {
		return "A spec"
	}
	return "The " + n.Path() + " block"
}

func exampleOf(b *schema.Block) string {
	if b.Example != "" {
		return b.Example
	}
	s := b.Type
	for range b.Labels {
		s += ` "NAME"`
	}
	return s + " { ... }"
}

// blockRange returns the whole block's range for native syntax.
func blockRange(b *hcl.Block) hcl.Range {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		return hcl.RangeBetween(b.DefRange, sb.SrcRange)
	}
	return b.DefRange
}
