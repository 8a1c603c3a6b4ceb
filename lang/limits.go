package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang/diag"
)

// Limits on input that HCL's recursive-descent parser would otherwise
// turn into a fatal stack overflow (which no recover catches) or an
// out-of-memory: no real spec comes near them.
const (
	maxSpecBytes = 16 << 20
	maxNesting   = 256
)

// checkLimits reports a spec file too large or nested too deeply to
// parse safely, or nil.
func checkLimits(src []byte, filename string) *hcl.Diagnostic {
	if len(src) > maxSpecBytes {
		return diag.Error(diag.Syntax, hcl.Range{Filename: filename, Start: hcl.InitialPos, End: hcl.InitialPos}, "Spec file too large",
			fmt.Sprintf("%s is %d bytes; pipec reads spec files up to %d MiB. Split the spec into several *.pipec.hcl files.", filename, len(src), maxSpecBytes>>20))
	}
	depth := 0
	inString, lineComment, blockComment := false, false, false
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case lineComment:
			lineComment = c != '\n'
		case blockComment:
			if c == '*' && i+1 < len(src) && src[i+1] == '/' {
				blockComment = false
				i++
			}
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' || c == '\n' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '#':
			lineComment = true
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			lineComment = true
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			blockComment = true
			i++
		case c == '(' || c == '[' || c == '{':
			depth++
			if depth > maxNesting {
				p := posAt(src, i)
				return diag.Error(diag.Syntax, hcl.Range{Filename: filename, Start: p, End: hcl.Pos{Line: p.Line, Column: p.Column + 1, Byte: p.Byte + 1}},
					"Nesting too deep", fmt.Sprintf("Brackets and braces nest more than %d levels here; pipec stops reading such a file rather than risk running out of stack. A spec needs a handful of levels: look for unclosed brackets.", maxNesting))
			}
		case c == ')' || c == ']' || c == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// Counts beyond which a spec is refused. They are far above any real
// delivery (the generated 500-environment benchmark is a tenth of them)
// and keep one spec from asking for millions of generated files.
const (
	// maxMatrix is GitHub's and Tekton's limit on runs per matrix.
	maxMatrix = 256
	// maxBlocks bounds the blocks of one type.
	maxBlocks = 10_000
	// maxDeployments bounds environments x workloads: each pair is a set
	// of generated Kubernetes objects.
	maxDeployments = 500_000
)

// counts reports block types past maxBlocks and specs whose GitOps tree
// would pass maxDeployments, at the first block over the limit.
func (c *checker) counts() {
	for _, t := range keysOf(c.m.Order) {
		if ns := c.m.Order[t]; len(ns) > maxBlocks {
			n := ns[maxBlocks]
			c.errf(diag.BlockCount, n.DefRange, "Too many %s blocks", t)("This spec has %d %s blocks; pipec accepts at most %d of one type. Split the delivery into several specs.", len(ns), t, maxBlocks)
		}
	}
	envs, workloads := c.m.Order["environment"], c.m.Order["workload"]
	if len(workloads) > 0 && len(envs)*len(workloads) > maxDeployments {
		n := envs[min(len(envs)-1, maxDeployments/len(workloads))]
		c.errf(diag.BlockCount, n.DefRange, "Too many deployments")("%d environments each deploy %d workloads: %d deployments, over pipec's limit of %d. Split the delivery into several specs.", len(envs), len(workloads), len(envs)*len(workloads), maxDeployments)
	}
}
