package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// HCL's parser stops reporting after the first syntax error of a file, to
// avoid cascades. A user (and the LSP) wants every broken block at once and
// the good blocks decoded, so on a syntax error pipec re-parses the file
// block by block: each top-level block that starts in column 1 is parsed
// on its own, with its real position, and the bodies are joined.

// reparseByBlock returns a body made of every top-level block parsed
// separately, and the diagnostics of all of them.
func reparseByBlock(src []byte, filename string) (*hclsyntax.Body, hcl.Diagnostics) {
	body := &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{},
		SrcRange:   hcl.Range{Filename: filename, Start: hcl.InitialPos, End: endPos(src)},
		EndRange:   hcl.Range{Filename: filename, Start: endPos(src), End: endPos(src)},
	}
	var diags hcl.Diagnostics
	offsets := chunkOffsets(src)
	for i := 0; i+1 < len(offsets); i++ {
		from, to := offsets[i], offsets[i+1]
		if from == to {
			continue
		}
		f, ds := hclsyntax.ParseConfig(src[from:to], filename, posAt(src, from))
		diags = append(diags, ds...)
		if f == nil {
			continue
		}
		b, ok := f.Body.(*hclsyntax.Body)
		if !ok {
			continue
		}
		body.Blocks = append(body.Blocks, b.Blocks...)
		for k, a := range b.Attributes {
			body.Attributes[k] = a
		}
	}
	return body, diags
}

// posAt returns the HCL position of byte offset off.
func posAt(src []byte, off int) hcl.Pos {
	line, col := 1, 1
	for _, c := range src[:off] {
		if c == '\n' {
			line++
			col = 1
		} else if c&0xC0 != 0x80 {
			col++
		}
	}
	return hcl.Pos{Line: line, Column: col, Byte: off}
}

func endPos(src []byte) hcl.Pos { return posAt(src, len(src)) }
