package lang

import "github.com/hashicorp/hcl/v2"

// repairRanges makes every diagnostic's ranges point inside its file.
// HCL's error recovery leaves some expressions with a zero end (an
// unclosed call), its JSON scanner can end a range past the input, and
// some function errors come without a subject at all: editors and SARIF
// readers reject such ranges, and the snippet would show nothing.
// Ranges that are already valid are left exactly as they are.
func repairRanges(diags hcl.Diagnostics, srcs []Source) {
	byName := map[string][]byte{}
	for _, s := range srcs {
		byName[s.Name] = s.Data
	}
	for _, d := range diags {
		if d.Subject != nil && d.Subject.Filename == "" && d.Context != nil && d.Context.Filename != "" {
			c := *d.Context
			d.Subject = &c
		}
		for _, r := range []*hcl.Range{d.Subject, d.Context} {
			if r == nil {
				continue
			}
			src, ok := byName[r.Filename]
			if !ok {
				continue
			}
			if r.Start.Byte < 0 || r.Start.Byte > len(src) || r.Start.Line < 1 {
				r.Start = posAt(src, min(max(r.Start.Byte, 0), len(src)))
			}
			if r.End.Byte < r.Start.Byte || r.End.Byte > len(src) || r.End.Line < r.Start.Line {
				r.End = posAt(src, min(max(r.End.Byte, r.Start.Byte), len(src)))
			}
		}
	}
}
