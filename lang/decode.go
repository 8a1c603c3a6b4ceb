package lang

import (
	"cmp"
	"fmt"
	"github.com/pipec-dev/pipec/internal/lazyre"
	"slices"
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
	if blk.AnyAttrs {
		attrs, ds := body.JustAttributes()
		diags = append(diags, diag.Tag(ds, diag.UnsupportedBlock)...)
		n.Attrs = make(map[string]*hcl.Attribute, len(attrs))
		for name, a := range attrs {
			n.Attrs[name] = a
		}
		return diags
	}
	var blocks []*hcl.Block
	var syntaxBlocks []*hclsyntax.Block
	var ds hcl.Diagnostics
	if sb, ok := body.(*hclsyntax.Body); ok {
		syntaxBlocks, ds = syntaxContent(sb, blk, n)
	} else {
		var content *hcl.BodyContent
		content, ds = body.Content(blk.BodySchema())
		n.Attrs = make(map[string]*hcl.Attribute, len(content.Attributes))
		for name, a := range content.Attributes {
			n.Attrs[name] = a
		}
		blocks = content.Blocks
	}
	for _, name := range suggest(ds, blk) {
		if n.Misspelt == nil {
			n.Misspelt = map[string]bool{}
		}
		n.Misspelt[name] = true
	}
	for _, d := range ds {
		if d.Summary == "Unsupported argument" || d.Summary == "Unsupported block type" || d.Summary == "Extraneous JSON object property" {
			n.Unknown++
		}
	}
	diags = append(diags, diag.Tag(ds, diag.InvalidValue)...)
	for _, sb := range syntaxBlocks {
		// As sb.AsHCLBlock(), but on the stack: only its fields are kept.
		b := hcl.Block{Type: sb.Type, Labels: sb.Labels, Body: sb.Body,
			DefRange: sb.DefRange(), TypeRange: sb.TypeRange, LabelRanges: sb.LabelRanges}
		diags = append(diags, decodeChild(n, &b, blk)...)
	}
	for _, b := range blocks {
		diags = append(diags, decodeChild(n, b, blk)...)
	}
	if n.Type != "" { // top-level counts span files; index checks them on the merged spec
		for _, cs := range blk.Blocks {
			diags = append(diags, checkCount(n, cs)...)
		}
	}
	for _, a := range blk.Attrs {
		if a.Required && n.Attrs[a.Name] == nil && !n.Misspelt[a.Name] {
			diags = append(diags, diag.Error(diag.MissingAttribute, n.DefRange,
				fmt.Sprintf("Missing required attribute %q", a.Name),
				fmt.Sprintf("%s must set %s (%s): %s", describeParent(n), a.Name, a.TypeString(), a.Doc)))
		}
	}
	return diags
}

// decodeChild decodes b, a block in the body of n (whose schema is blk),
// into a new child of n. A block type blk does not have is skipped.
func decodeChild(n *Node, b *hcl.Block, blk *schema.Block) hcl.Diagnostics {
	cs := blk.Block(b.Type)
	if cs == nil {
		return nil
	}
	child := &Node{
		Schema: cs, Type: b.Type, Labels: b.Labels, LabelRanges: b.LabelRanges,
		DefRange: b.DefRange, TypeRange: b.TypeRange, Range: blockRange(b), Parent: n,
	}
	diags := decodeBody(child, b.Body, cs)
	n.Children = append(n.Children, child)
	return diags
}

// checkCount reports n having fewer or more blocks of type cs than the
// schema allows.
func checkCount(n *Node, cs *schema.Block) hcl.Diagnostics {
	if cs.Max == 0 && cs.Min == 0 {
		return nil
	}
	count := 0
	for _, c := range n.Children {
		if c.Type == cs.Type {
			count++
		}
	}
	var diags hcl.Diagnostics
	if cs.Max > 0 && count > cs.Max {
		got := n.ChildrenOf(cs.Type)
		for _, extra := range got[cs.Max:] {
			diags = append(diags, diag.Error(diag.BlockCount, extra.DefRange,
				fmt.Sprintf("Too many %s blocks", cs.Type),
				fmt.Sprintf("%s allows at most %d %s block; the first is at %s. Merge them or remove this one.",
					describeParent(n), cs.Max, cs.Type, where(got[0].DefRange))))
		}
	}
	if cs.Min > 0 && count < cs.Min {
		diags = append(diags, diag.Error(diag.BlockCount, n.DefRange,
			fmt.Sprintf("Missing %s block", cs.Type),
			fmt.Sprintf("%s needs at least %d %s block. Add one, for example:\n%s", describeParent(n), cs.Min, cs.Type, exampleOf(cs))))
	}
	return diags
}

var namedProperty = lazyre.New(`named "([^"]+)"`)

var quotedName = lazyre.New(`named "([^"]+)"|type "([^"]+)"`)

// suggest adds a did-you-mean to HCL's unknown-name diagnostics when HCL
// left it out (it skips names already set in the body, which is exactly
// when a typo is most confusing).
func suggest(ds hcl.Diagnostics, blk *schema.Block) (meant []string) {
	for _, d := range ds {
		var cands []string
		switch d.Summary {
		case "Unsupported argument":
			cands = blk.AttrNames()
		case "Extraneous JSON object property":
			// JSON cannot tell an unknown block from an unknown attribute;
			// the closest known name decides which was meant.
			m := namedProperty.FindStringSubmatch(d.Detail)
			if m != nil && didyoumean.Suggest(m[1], blk.BlockTypes()) != "" {
				d.Extra = nil
				d.Summary = "Unsupported block type"
				diag.Tag(hcl.Diagnostics{d}, diag.UnsupportedBlock)
			}
			continue
		case "Unsupported block type":
			cands = blk.BlockTypes()
			if len(cands) == 0 {
				d.Detail = strings.TrimSuffix(d.Detail, ".") + ". The " + blockWord(blk) + " takes no nested blocks."
			}
		default:
			continue
		}
		m := quotedName.FindStringSubmatch(d.Detail)
		if m == nil {
			continue
		}
		name := m[1] + m[2]
		if d.Summary == "Unsupported argument" {
			if s := didyoumean.Suggest(name, cands); s != "" {
				meant = append(meant, s)
			}
		}
		if strings.Contains(d.Detail, "Did you mean") {
			continue
		}
		if s := didyoumean.Suffix(name, cands); s != "" {
			d.Detail += s
		} else if len(cands) > 0 && len(cands) <= 12 {
			d.Detail += " Expected one of: " + strings.Join(cands, ", ") + "."
		}
	}
	return meant
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

// syntaxContent is hclsyntax.Body.Content for pipec's schema, read
// straight from the syntax tree: Content's generic bookkeeping was a fifth
// of load time on large specs. Messages match HCL's own. It sets n.Attrs
// and returns the blocks of the schema's types with the right labels.
func syntaxContent(b *hclsyntax.Body, blk *schema.Block, n *Node) ([]*hclsyntax.Block, hcl.Diagnostics) {
	var diags hcl.Diagnostics
	var blocks []*hclsyntax.Block
	n.Attrs = make(map[string]*hcl.Attribute, len(b.Attributes))
	for name, a := range b.Attributes {
		if blk.Attr(name) == nil {
			detail := fmt.Sprintf("An argument named %q is not expected here.", name)
			if blk.Block(name) != nil {
				detail += fmt.Sprintf(" Did you mean to define a block of type %q?", name)
			}
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unsupported argument", Detail: detail, Subject: &a.NameRange})
			continue
		}
		n.Attrs[name] = a.AsHCLAttribute()
	}
	for _, sb := range b.Blocks {
		cs := blk.Block(sb.Type)
		if cs == nil {
			detail := fmt.Sprintf("Blocks of type %q are not expected here.", sb.Type)
			if blk.Attr(sb.Type) != nil {
				detail += fmt.Sprintf(" Did you mean to define argument %q? If so, use the equals sign to assign it a value.", sb.Type)
			}
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unsupported block type", Detail: detail, Subject: &sb.TypeRange})
			continue
		}
		switch {
		case len(sb.Labels) < len(cs.Labels):
			subject := sb.OpenBraceRange
			if len(sb.LabelRanges) > 0 {
				subject = sb.LabelRanges[len(sb.LabelRanges)-1]
			}
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError,
				Summary: fmt.Sprintf("Missing %s for %s", cs.Labels[len(sb.Labels)], sb.Type),
				Detail:  fmt.Sprintf("All %s blocks must have %d labels (%s).", sb.Type, len(cs.Labels), strings.Join(cs.Labels, ", ")),
				Subject: &subject, Context: hcl.RangeBetween(sb.TypeRange, sb.OpenBraceRange).Ptr()})
			continue
		case len(sb.Labels) > len(cs.Labels):
			subject := sb.LabelRanges[len(cs.Labels)]
			detail := fmt.Sprintf("No more labels are expected for %s.", sb.Type)
			if len(cs.Labels) > 0 {
				detail = fmt.Sprintf("Only %d labels (%s) are expected for %s.", len(cs.Labels), strings.Join(cs.Labels, ", "), sb.Type)
			} else {
				detail = fmt.Sprintf("No labels are expected for %s blocks.", sb.Type)
			}
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError,
				Summary: fmt.Sprintf("Extraneous label for %s", sb.Type), Detail: detail,
				Subject: &subject, Context: hcl.RangeBetween(sb.TypeRange, sb.OpenBraceRange).Ptr()})
			continue
		}
		if blocks == nil {
			blocks = make([]*hclsyntax.Block, 0, len(b.Blocks))
		}
		blocks = append(blocks, sb)
	}
	slices.SortStableFunc(diags, func(a, b *hcl.Diagnostic) int { return cmp.Compare(a.Subject.Start.Byte, b.Subject.Start.Byte) })
	return blocks, diags
}
