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

// pointAtOpenLine moves "Missing item separator" errors that HCL reports
// on the first token of a line (the line after an unclosed [ or {, or a
// missing comma) to the end of the previous line, where the mistake is,
// and says what is likely missing.
func pointAtOpenLine(diags hcl.Diagnostics, src []byte) {
	for _, d := range diags {
		if d.Subject == nil || d.Summary != "Missing item separator" {
			continue
		}
		start := d.Subject.Start.Byte
		if start > len(src) {
			continue
		}
		lineStart := start
		for lineStart > 0 && src[lineStart-1] != '\n' {
			lineStart--
		}
		onlySpace := true
		for _, c := range src[lineStart:start] {
			if c != ' ' && c != '\t' {
				onlySpace = false
			}
		}
		if !onlySpace || lineStart == 0 {
			continue
		}
		// The end of the previous line that has code, before any comment.
		end := lineStart - 1
		for end > 0 && (src[end-1] == '\n' || src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
			end--
		}
		prevStart := end
		for prevStart > 0 && src[prevStart-1] != '\n' {
			prevStart--
		}
		line := src[prevStart:end]
		if i := indexComment(line); i >= 0 {
			end = prevStart + i
			for end > prevStart && (src[end-1] == ' ' || src[end-1] == '\t') {
				end--
			}
		}
		if end <= prevStart {
			continue
		}
		pos := posAt(src, end)
		d.Subject = &hcl.Range{Filename: d.Subject.Filename, Start: hcl.Pos{Line: pos.Line, Column: pos.Column - 1, Byte: end - 1}, End: pos}
		d.Detail += " The list or object that ends on this line is not closed, or a comma is missing before the next line."
	}
}

// indexComment returns where a # or // comment starts in line outside a
// string, or -1.
func indexComment(line []byte) int {
	inString := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"' && (i == 0 || line[i-1] != '\\'):
			inString = !inString
		case !inString && c == '#':
			return i
		case !inString && c == '/' && i+1 < len(line) && line[i+1] == '/':
			return i
		}
	}
	return -1
}
