package hclfmt

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// soupPieces are fragments chosen to collide in the places where the
// layout rules interact: openers and closers on the same line, heredocs
// and templates next to brackets, comments after "=", minus after every
// kind of operator. Byte-level fuzzing reaches these combinations slowly.
var soupPieces = []string{
	"a", "bb", "in", "for", "if", "1", "2.5", "é", "日本",
	"=", "==", "!=", "-", "+", "*", "/", "%", "!", "&&", "||", "<", ">=", "?", ":", "=>",
	".", ",", "...", "::", "[*]", ".*",
	"{", "}", "[", "]", "(", ")",
	"\"", "\"x\"", "\"${", "\"%{", "${", "%{", "~}", "}\"", "\"a ${b} c\"",
	"<<EOF\n", "<<-EOF\n", "EOF\n", "  EOF\n", "text ${x}\n",
	"# c\n", "// c\n", "/* c */", "/*\n*/",
	"\n", "\n", "\n", "\r\n", " ", "  ", "\t",
	"@", "\xff",
}

func TestFormatTokenSoup(t *testing.T) {
	n := 20000
	if testing.Short() {
		n = 2000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.Reset()
		for k := rng.IntN(40); k > 0; k-- {
			sb.WriteString(soupPieces[rng.IntN(len(soupPieces))])
			if rng.IntN(3) == 0 {
				sb.WriteByte(' ')
			}
		}
		checkSame(t, "soup", []byte(sb.String()))
		if t.Failed() {
			return
		}
	}
}
