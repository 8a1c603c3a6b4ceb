package main

import (
	"bytes"
	"fmt"
	"io"
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// snippetWriter prints diagnostics exactly as hcl.NewDiagnosticTextWriter
// does, but finds the source lines through a per-file line index. HCL's
// writer scans the whole file, grapheme by grapheme, for every diagnostic:
// 90 warnings on a 10,000-line spec took 2.5 s. The part after the snippet
// ("with var.x as ...", the wrapped detail) is still HCL's own, and
// snippet_test.go compares the whole output with HCL's writer.
type snippetWriter struct {
	w     io.Writer
	files map[string]*hcl.File
	width uint
	color bool
	lines map[string][]int // filename -> byte offset of each line start
}

func (sw *snippetWriter) write(d *hcl.Diagnostic) {
	var colorCode, highlightCode, resetCode string
	if sw.color {
		switch d.Severity {
		case hcl.DiagError:
			colorCode = "\x1b[31m"
		case hcl.DiagWarning:
			colorCode = "\x1b[33m"
		}
		resetCode = "\x1b[0m"
		highlightCode = "\x1b[1;4m"
	}
	severity := "Error"
	if d.Severity == hcl.DiagWarning {
		severity = "Warning"
	}
	head := fmt.Sprintf("%s%s%s: %s\n\n", colorCode, severity, resetCode, d.Summary)
	io.WriteString(sw.w, head)
	if d.Subject != nil {
		sw.snippet(d, highlightCode, resetCode)
	}
	// The rest is HCL's. Given a subject in a file it does not have, its
	// writer prints head again and a fixed "source code not available"
	// block, then the expression values (only shown with a subject) and
	// the detail.
	rest := *d
	var skip string
	if d.Subject != nil {
		rest.Subject = &hcl.Range{Filename: "\x00"}
		skip = "  on \x00 line 0:\n  (source code not available)\n\n"
	}
	var buf bytes.Buffer
	hcl.NewDiagnosticTextWriter(&buf, nil, sw.width, sw.color).WriteDiagnostic(&rest)
	sw.w.Write(bytes.TrimPrefix(buf.Bytes(), []byte(head+skip)))
}

func (sw *snippetWriter) snippet(d *hcl.Diagnostic, highlightCode, resetCode string) {
	snip := *d.Subject
	highlight := snip
	if d.Context != nil {
		snip = hcl.RangeOver(snip, *d.Context)
	}
	if snip.Empty() {
		snip.End.Byte++
		snip.End.Column++
	}
	if highlight.Empty() {
		highlight.End.Byte++
		highlight.End.Column++
	}
	f := sw.files[d.Subject.Filename]
	if f == nil || f.Bytes == nil {
		fmt.Fprintf(sw.w, "  on %s line %d:\n  (source code not available)\n\n", d.Subject.Filename, d.Subject.Start.Line)
		return
	}
	ctx := ""
	if cs, ok := f.Nav.(interface{ ContextString(int) string }); ok {
		if c := cs.ContextString(d.Subject.Start.Byte); c != "" {
			ctx = ", in " + c
		}
	}
	fmt.Fprintf(sw.w, "  on %s line %d%s:\n", d.Subject.Filename, d.Subject.Start.Line, ctx)
	src := f.Bytes
	starts := sw.lineStarts(d.Subject.Filename, src)
	// The first line that can overlap the snippet is the one holding its
	// start; lines are visited until one starts beyond its end.
	first := max(sort.SearchInts(starts, snip.Start.Byte+1)-1, 0)
	for i := first; i < len(starts) && starts[i] <= snip.End.Byte; i++ {
		line := lineRange(d.Subject.Filename, src, starts, i)
		if !line.Overlaps(snip) {
			continue
		}
		text := src[line.Start.Byte:line.End.Byte]
		before, hl, after := line.PartitionAround(highlight)
		if hl.Empty() {
			fmt.Fprintf(sw.w, "%4d: %s\n", line.Start.Line, text)
			continue
		}
		fmt.Fprintf(sw.w, "%4d: %s%s%s%s%s\n", line.Start.Line,
			before.SliceBytes(src), highlightCode, hl.SliceBytes(src), resetCode, after.SliceBytes(src))
	}
	io.WriteString(sw.w, "\n")
}

// lineStarts returns the offsets where bufio.ScanLines would start a
// line: after every "\n", but not at the very end of the file.
func (sw *snippetWriter) lineStarts(name string, src []byte) []int {
	if s, ok := sw.lines[name]; ok {
		return s
	}
	starts := []int{}
	for off := 0; off < len(src); {
		starts = append(starts, off)
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
	}
	sw.lines[name] = starts
	return starts
}

// lineRange is line i as HCL's RangeScanner reports it: without its line
// break (and without a "\r" before it).
func lineRange(name string, src []byte, starts []int, i int) hcl.Range {
	start := starts[i]
	end := len(src)
	if i+1 < len(starts) {
		end = starts[i+1] - 1
	} else if j := bytes.IndexByte(src[start:], '\n'); j >= 0 {
		end = start + j
	}
	if end > start && src[end-1] == '\r' {
		end--
	}
	return hcl.Range{
		Filename: name,
		Start:    hcl.Pos{Line: i + 1, Column: 1, Byte: start},
		End:      hcl.Pos{Line: i + 1, Column: 1 + end - start, Byte: end},
	}
}
