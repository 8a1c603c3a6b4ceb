package hclfmt

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/rogpeppe/go-internal/txtar"
)

// repoRoot is where the corpus is collected from; the package lives at
// lang/hclfmt.
const repoRoot = "../.."

type sample struct {
	name string
	src  []byte
}

var mdHCLBlock = regexp.MustCompile("(?s)```hcl\n(.*?)```")

// corpus gathers every piece of HCL the repository carries: standalone
// .hcl files, *.hcl sections of txtar archives (golden tests, LSP and CLI
// scripts) and hcl code blocks in the documentation. Real files are the
// inputs most worth being byte-identical on.
func corpus(tb testing.TB) []sample {
	tb.Helper()
	var out []sample
	err := filepath.WalkDir(repoRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != repoRoot && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(repoRoot, path)
		switch {
		case strings.HasSuffix(path, ".hcl"):
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			out = append(out, sample{rel, src})
		case strings.HasSuffix(path, ".txtar"):
			ar, err := txtar.ParseFile(path)
			if err != nil {
				return err
			}
			for _, f := range ar.Files {
				if strings.HasSuffix(f.Name, ".hcl") {
					out = append(out, sample{rel + ":" + f.Name, f.Data})
				}
			}
		case strings.HasSuffix(path, ".md"):
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for i, m := range mdHCLBlock.FindAllSubmatch(src, -1) {
				out = append(out, sample{rel + ":block" + strconv.Itoa(i), m[1]})
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(out) < 50 {
		tb.Fatalf("corpus suspiciously small: %d samples", len(out))
	}
	return out
}

// mangle derives whitespace-damaged variants of src, the kind of input a
// formatter actually sees: hand-edited indentation, tabs, missing or
// doubled spaces, Windows line endings, no final newline.
func mangle(src []byte) map[string][]byte {
	s := string(src)
	lines := strings.Split(s, "\n")

	stripped := make([]string, len(lines))
	tabbed := make([]string, len(lines))
	deep := make([]string, len(lines))
	for i, ln := range lines {
		body := strings.TrimLeft(ln, " \t")
		stripped[i] = body
		tabbed[i] = strings.Repeat("\t", i%3) + body
		deep[i] = strings.Repeat(" ", (i*7)%13) + body + strings.Repeat(" ", i%4)
	}

	return map[string][]byte{
		"stripped":     []byte(strings.Join(stripped, "\n")),
		"tabbed":       []byte(strings.Join(tabbed, "\n")),
		"deep":         []byte(strings.Join(deep, "\n")),
		"tight-eq":     []byte(regexp.MustCompile(` *= *`).ReplaceAllString(s, "=")),
		"wide-eq":      []byte(strings.ReplaceAll(s, "=", "  =\t ")),
		"spaces":       []byte(strings.ReplaceAll(s, " ", "   ")),
		"tabs":         []byte(strings.ReplaceAll(s, " ", "\t")),
		"crlf":         []byte(strings.ReplaceAll(s, "\n", "\r\n")),
		"no-eol":       []byte(strings.TrimRight(s, "\n")),
		"tokens-far":   respace(src, func(int) string { return "  " }),
		"tokens-mix":   respace(src, func(i int) string { return []string{"", " ", "\t ", "   "}[i%4] }),
		"tokens-tight": respace(src, func(int) string { return "" }),
	}
}

// respace rebuilds src from its tokens with gaps chosen by gap, so every
// inter-token space (including ones the formatter must remove) varies.
func respace(src []byte, gap func(int) string) []byte {
	toks, _ := hclsyntax.LexConfig(src, "", hcl.InitialPos)
	var b bytes.Buffer
	for i, t := range toks {
		if i > 0 && toks[i-1].Type != hclsyntax.TokenNewline && !bytes.HasSuffix(toks[i-1].Bytes, []byte("\n")) {
			b.WriteString(gap(i))
		}
		b.Write(t.Bytes)
	}
	return b.Bytes()
}

func checkSame(t *testing.T, name string, src []byte) {
	t.Helper()
	want := string(hclwrite.Format(bytes.Clone(src)))
	got := string(Format(bytes.Clone(src)))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: Format mismatch (-want +got):\n%s\ninput: %q", name, diff, src)
	}
}

func TestFormatCorpus(t *testing.T) {
	for _, s := range corpus(t) {
		t.Run(s.name, func(t *testing.T) {
			checkSame(t, "original", s.src)
			for kind, src := range mangle(s.src) {
				checkSame(t, kind, src)
			}
		})
	}
}

// TestFormatIdempotentOnCorpus guards the property callers rely on for
// "pipec fmt --check": formatting formatted output changes nothing.
func TestFormatIdempotentOnCorpus(t *testing.T) {
	for _, s := range corpus(t) {
		once := Format(s.src)
		if diff := cmp.Diff(string(once), string(Format(once))); diff != "" {
			t.Errorf("%s: not idempotent (-want +got):\n%s", s.name, diff)
		}
	}
}

var tricky = []struct {
	name string
	src  string
}{
	{"empty", ""},
	{"only spaces", "   \t "},
	{"only newlines", "\n\n\n"},
	{"bom", "\xef\xbb\xbfa=1\n"},
	{"bom only", "\xef\xbb\xbf"},
	{"no trailing newline", "a=1\nb   =   2"},
	{"trailing spaces at eof", "a = 1\n   "},
	{"heredoc", "a = <<EOF\n  keep   this\n    ${x}   and %{ if y }z%{ endif }\nEOF\nbb = 2\n"},
	{"indented heredoc", "block {\nscript = <<-EOT\n    echo  hi\n      nested\n    EOT\nafter=1\n}\n"},
	{"heredoc in call", "x = join(\"\", [<<EOF\na\nEOF\n, \"b\"])\n"},
	{"heredoc with braces", "a {\nb = <<EOF\n{ [ (\nEOF\nc = 1\n}\n"},
	{"nested objects", "a = {\nb = {\nc = [\n1,\n2,\n]\n}\nd = [{ e = 1 }, { f = 2 }]\n}\n"},
	{"nested tuples", "a = [\n[1, 2],\n[\n3,\n4\n],\n]\n"},
	{"multi open one line", "a = [{\nb = 1\n}]\nc = 2\n"},
	{"close more than opened", "a {\n}}}\nb = 1\n"},
	{"comments trailing", "a = 1 # one\nbbb = 22 // two\ncc = 3 /* three */\n"},
	{"comments alone", "# head\n  // other\n/* block\n   comment */\na = 1\n"},
	{"comment chain broken", "a = 1 # x\n\nbbbbb = 2 # y\nc = 3 # z\n"},
	{"comment after block opener", "block { # open\n  x = 1 # in\n} # close\n"},
	{"two comments", "a = 1 /* x */ # y\n"},
	{"comment without newline at eof", "a = 1 # end"},
	{"aligned chain", "a = 1\nbbb = 2\ncc = 3\n"},
	{"chain broken by blank", "a = 1\n\nbbbbbb = 2\nc = 3\n"},
	{"chain broken by block", "a = 1\nb {\n  ccccc = 2\n}\ndd = 4\ne = 5\n"},
	{"chain broken by multiline", "a = 1\nbbbbb = [\n  1,\n]\nc = 3\n"},
	{"unicode alignment", "é = 1\nnaïve = 2\n\"日本\" = 3\n"},
	{"combining marks", "a\u0301 = 1\nbb = 2\n"},
	{"template interp", "a = \"${ var.x }-${  lower( y ) }\"\nb = \"${ {a=1} }\"\n"},
	{"template directives", "a = \"%{ if x }yes%{ else }no%{ endif }\"\nb = \"%{for i in l}${i}, %{endfor}\"\n"},
	{"strip markers", "a = \"${~ x ~}\"\nb = \"%{~ if c ~}d%{~ endif ~}\"\n"},
	{"unary minus", "a = -1\nb = 2 - -3\nc = [-1, - 2]\nd = f(-x)\ne = x-1\ng = (a)-1\nh = !x\ni = !  -x\n"},
	{"minus after ops", "a = b * -c\nd = e == -f\ng = h && -i\nj = k ? -l : -m\n"},
	{"conditional", "a = b?c:d\ne = f ? {x=1} : {}\n"},
	{"splat", "a = b[*].c\nd = e.*.f\ng = h[ * ]\ni = j[0][1]\nk = {}[0]\n"},
	{"for tuple", "a = [for x in y : x]\nb = [for x in [1,2]: x if x>1]\nc = [for i, v in l: v]\n"},
	{"for object", "a = {for k, v in m : k => v}\nb = {for k, v in m : k => v...}\n"},
	{"ellipsis", "a = f(x...)\nb = f(a, b ...)\n"},
	{"provider function", "a = provider::foo::bar(1)\nb = foo :: bar\n"},
	{"crlf", "a = 1\r\nbbb = {\r\nc = 2\r\n}\r\n# c\r\n"},
	{"crlf heredoc", "a = <<EOF\r\nx\r\nEOF\r\nb = 1\r\n"},
	{"lone cr", "a = 1\rb = 2\n"},
	{"unterminated string", "a = \"abc\nb = 1\n"},
	{"unterminated brace", "a {\nb = 1\n"},
	{"unterminated interp", "a = \"${x\"\n"},
	{"unterminated heredoc", "a = <<EOF\nxx\n"},
	{"stray closers", "}\n]\n)\na = 1\n"},
	{"bad utf8", "a = \xff\xfe\nb = 1\n"},
	{"invalid chars", "a = 1 @ 2 ` ^\n"},
	{"empty braces", "a {}\nb = {}\nc = []\nd = ()\n"},
	{"one line block", "a { b = 1 }\nc \"d\" { e = [1] }\n"},
	{"labels", "resource   \"a\"    \"b\"   {\n}\n"},
	{"in as ident", "a = in[0]\nb = [for x in [y]: x]\n"},
	{"numbers", "a = 1.5e3\nb = x[1]\nc = 1 [2]\n"},
	{"equals in value", "a = b == c\nd = (e = f)\n"},
	{"equals first", "= 1\n  = 2\n"},
	{"object with commas", "a = {\nb = 1,\ncc = 2,\n}\n"},
	{"long token", "a = \"" + strings.Repeat("é", 3000) + "\" # c\nb = 1 # d\n"},
	{"long crlf comment", "a = 1 /*" + strings.Repeat("x\r\n", 2100) + "*/ # c\nbb = 1 # d\n"},
}

func TestFormatTricky(t *testing.T) {
	for _, tc := range tricky {
		t.Run(tc.name, func(t *testing.T) {
			checkSame(t, tc.name, []byte(tc.src))
		})
	}
}

// TestFormatExamples pins a few outputs literally, so a regression is
// visible even to a reader who never runs the oracle.
func TestFormatExamples(t *testing.T) {
	cases := []struct{ in, want string }{
		{"a=1\nbbb  =  2\n", "a   = 1\nbbb = 2\n"},
		{"x {\ny = [\n1,\n-2,\n]\n}\n", "x {\n  y = [\n    1,\n    -2,\n  ]\n}\n"},
		{"a = b[ * ].c # x\ndd = 1 # y\n", "a  = b[*].c # x\ndd = 1      # y\n"},
		{"v = {for k,v in m: k=>v}\n", "v = { for k, v in m : k => v }\n"},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, string(Format([]byte(c.in)))); diff != "" {
			t.Errorf("Format(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestFormatDoesNotModifyInput(t *testing.T) {
	src := []byte("a=1\n  b   =  2 # c\n")
	orig := bytes.Clone(src)
	Format(src)
	if !bytes.Equal(src, orig) {
		t.Fatalf("input modified: %q", src)
	}
}

func FuzzFormat(f *testing.F) {
	for _, s := range corpus(f) {
		f.Add(s.src)
	}
	for _, tc := range tricky {
		f.Add([]byte(tc.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		want := hclwrite.Format(bytes.Clone(src))
		got := Format(src)
		if diff := cmp.Diff(string(want), string(got)); diff != "" {
			t.Errorf("Format mismatch (-want +got):\n%s\ninput: %q", diff, src)
		}
	})
}

func benchInput(b *testing.B) []byte {
	src, err := os.ReadFile(filepath.Join(repoRoot, "examples", "seed", "pipec.hcl"))
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkFormat(b *testing.B) {
	src := benchInput(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Format(src)
	}
}

// BenchmarkHCLWriteFormat is the reference point for BenchmarkFormat.
func BenchmarkHCLWriteFormat(b *testing.B) {
	src := benchInput(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		hclwrite.Format(src)
	}
}
