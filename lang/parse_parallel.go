package lang

import (
	"fmt"
	"runtime"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// parallelMin is the file size from which pipec parses top-level blocks
// on several cores. HCL's lexer dominates load time for big specs (the
// LSP re-checks a 5,000-line spec on every keystroke).
const parallelMin = 32 << 10

// parseNative parses a native-syntax file. Large files are split at
// top-level blocks and parsed in parallel; when any piece has an error
// (a split inside a heredoc, or a real syntax error) the whole file is
// parsed the ordinary way, with block-by-block recovery.
func parseNative(p *hclparse.Parser, src []byte, name string, cache *ParseCache) (*hcl.File, hcl.Diagnostics) {
	if cache != nil {
		if body, ok := cache.parse(src, name); ok {
			f := &hcl.File{Body: body, Bytes: src, Nav: navigation{body}}
			p.AddFile(name, f)
			return f, nil
		}
	} else if len(src) >= parallelMin && runtime.GOMAXPROCS(0) > 1 {
		if body, ok := parseChunks(src, name); ok {
			f := &hcl.File{Body: body, Bytes: src, Nav: navigation{body}}
			p.AddFile(name, f)
			return f, nil
		}
	}
	f, ds := p.ParseHCL(src, name)
	if ds.HasErrors() {
		body, more := reparseByBlock(src, name)
		ds = dedupe(append(ds, more...))
		f = &hcl.File{Body: body, Bytes: src, Nav: navigation{body}}
	}
	return f, ds
}

func parseChunks(src []byte, name string) (*hclsyntax.Body, bool) {
	offsets := chunkOffsets(src)
	n := len(offsets) - 1
	bodies := make([]*hclsyntax.Body, n)
	failed := make([]bool, n)
	workers := min(runtime.GOMAXPROCS(0), 4)
	var wg sync.WaitGroup
	per := (n + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*per, min((w+1)*per, n)
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Positions are computed incrementally within the worker's range.
			pos := posAt(src, offsets[lo])
			for i := lo; i < hi; i++ {
				from, to := offsets[i], offsets[i+1]
				f, ds := hclsyntax.ParseConfig(src[from:to], name, pos)
				pos = advance(pos, src[from:to])
				if ds.HasErrors() || f == nil {
					failed[i] = true
					continue
				}
				bodies[i], _ = f.Body.(*hclsyntax.Body)
			}
		}()
	}
	wg.Wait()
	body := &hclsyntax.Body{
		Attributes: hclsyntax.Attributes{},
		SrcRange:   hcl.Range{Filename: name, Start: hcl.InitialPos, End: endPos(src)},
		EndRange:   hcl.Range{Filename: name, Start: endPos(src), End: endPos(src)},
	}
	for i, b := range bodies {
		if failed[i] || b == nil {
			return nil, false
		}
		body.Blocks = append(body.Blocks, b.Blocks...)
		for k, a := range b.Attributes {
			if _, dup := body.Attributes[k]; dup {
				return nil, false // let the full parse report it
			}
			body.Attributes[k] = a
		}
	}
	return body, true
}

// chunkOffsets returns the byte offsets where top-level blocks start
// (a line beginning with an identifier, optional labels and "{"), with 0
// first and len(src) last. A hand scanner: this runs on every keystroke
// in the LSP, and a regexp here cost more than re-using the parse.
func chunkOffsets(src []byte) []int {
	offsets := []int{0}
	for i := 0; i < len(src); {
		if i > 0 && isBlockStart(src[i:]) {
			offsets = append(offsets, i)
		}
		j := i
		for j < len(src) && src[j] != '\n' {
			j++
		}
		i = j + 1
	}
	return append(offsets, len(src))
}

// isBlockStart reports whether line starts a top-level block header:
// IDENT (WS (IDENT | "STRING"))* WS* "{".
func isBlockStart(line []byte) bool {
	i := 0
	ident := func() bool {
		start := i
		for i < len(line) && (line[i] == '_' || line[i] == '-' || line[i] >= 'a' && line[i] <= 'z' || line[i] >= 'A' && line[i] <= 'Z' || i > start && line[i] >= '0' && line[i] <= '9') {
			i++
		}
		return i > start
	}
	if len(line) == 0 || !(line[0] == '_' || line[0] >= 'a' && line[0] <= 'z' || line[0] >= 'A' && line[0] <= 'Z') || !ident() {
		return false
	}
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			return false
		}
		switch c := line[i]; {
		case c == '{':
			return true
		case c == '"':
			i++
			for i < len(line) && line[i] != '"' && line[i] != '\n' {
				i++
			}
			if i >= len(line) || line[i] != '"' {
				return false
			}
			i++
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			ident()
		default:
			return false
		}
	}
}

// advance moves pos over text.
func advance(pos hcl.Pos, text []byte) hcl.Pos {
	for _, c := range text {
		if c == '\n' {
			pos.Line++
			pos.Column = 1
		} else if c&0xC0 != 0x80 {
			pos.Column++
		}
	}
	pos.Byte += len(text)
	return pos
}

// navigation names the top-level block around an offset, for the "in
// test "unit"" context line of rendered diagnostics (what HCL's own parser
// provides for files it parsed whole).
type navigation struct{ root *hclsyntax.Body }

func (n navigation) ContextString(offset int) string {
	for _, b := range n.root.Blocks {
		if b.Range().ContainsOffset(offset) {
			var parts []string
			parts = append(parts, b.Type)
			for _, l := range b.Labels {
				parts = append(parts, fmt.Sprintf("%q", l))
			}
			return strings.Join(parts, " ")
		}
	}
	return ""
}
