package yamlout

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// The scanners in scalar.go take fast paths for ASCII. The reference
// versions below are their plain rune-by-rune statements; the two must
// agree on every string, or the output changes.

var specialRef = map[string]bool{
	"~": true, "null": true, "true": true, "false": true, "yes": true, "no": true,
	"on": true, "off": true, "y": true, "n": true, ".inf": true, "-.inf": true,
	"+.inf": true, ".nan": true, "<<": true, "=": true,
}

func plainOKRef(s string) bool {
	if s == "" || specialRef[strings.ToLower(s)] {
		return false
	}
	c0 := s[0]
	switch c0 {
	case ' ', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-', '?', ':':
		if len(s) == 1 || s[1] == ' ' || strings.HasPrefix(s, "---") {
			return false
		}
	}
	if c0 >= '0' && c0 <= '9' {
		return false
	}
	if (c0 == '-' || c0 == '+' || c0 == '.') && len(s) > 1 && (s[1] == '.' || (s[1] >= '0' && s[1] <= '9')) {
		return false
	}
	if (c0 == '-' || c0 == '+') && signedNumber(s) {
		return false // not the scanners' business: shared with plainOK
	}
	if last := s[len(s)-1]; last == ' ' || last == ':' {
		return false
	}
	if !utf8.ValidString(s) {
		return false
	}
	prev := rune(0)
	for i, r := range s {
		switch {
		case !printable(r):
			return false
		case r == ':' && i+1 < len(s) && s[i+1] == ' ':
			return false
		case r == '#' && prev == ' ':
			return false
		}
		prev = r
	}
	return true
}

func literalOKRef(s string) bool {
	if !strings.Contains(s, "\n") || strings.Trim(s, "\n") == "" || !utf8.ValidString(s) {
		return false
	}
	if c := strings.TrimLeft(s, "\n")[0]; c == ' ' || c == '\t' {
		return false
	}
	prev := rune(0)
	for _, r := range s {
		switch {
		case r == '\n':
			if prev == ' ' || prev == '\t' {
				return false
			}
		case r == '\t':
		case !printable(r):
			return false
		}
		prev = r
	}
	return prev != ' ' && prev != '\t'
}

func appendDoubleQuotedRef(out []byte, s string) []byte {
	out = append(out, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			out = append(out, '\\', '"')
		case r == '\\':
			out = append(out, '\\', '\\')
		case r == '\n':
			out = append(out, '\\', 'n')
		case r == '\t':
			out = append(out, '\\', 't')
		case r == '\r':
			out = append(out, '\\', 'r')
		case r == utf8.RuneError && size == 1:
			out = append(out, "\\ufffd"...)
		case printable(r):
			out = append(out, s[i:i+size]...)
		case r <= 0xffff:
			out = append(out, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		default:
			out = append(out, '\\', 'U', '0', '0', hexDigits[r>>20&0xf], hexDigits[r>>16&0xf], hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
		}
		i += size
	}
	return append(out, '"')
}

func checkScanners(t *testing.T, s string) {
	t.Helper()
	if got, want := plainOK(s), plainOKRef(s); got != want {
		t.Errorf("plainOK(%q) = %v, reference %v", s, got, want)
	}
	if got, want := literalOK(s), literalOKRef(s); got != want {
		t.Errorf("literalOK(%q) = %v, reference %v", s, got, want)
	}
	if got, want := string(appendDoubleQuoted(nil, s)), string(appendDoubleQuotedRef(nil, s)); got != want {
		t.Errorf("appendDoubleQuoted(%q) = %s, reference %s", s, got, want)
	}
}

func TestScannersAgree(t *testing.T) {
	more := []string{"True", "ON", "NuLl", "-.INF", "x\xffy", "a\xed\xa0\x80b\nc", "a\n\xef\xbf\xbd", "ab\t\nc",
		"a\n\tb", "é\nb ", "x #y", "x#y", "a:b", "a: b", "\x7f\nb", "q\"\\\n", "\U0001F600\n\u2029"}
	for _, s := range append(hostile, more...) {
		checkScanners(t, s)
	}
}

func FuzzScanners(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(checkScanners)
}

// TestASCIISkip puts every byte value at every place of a string longer
// than two words, and skips from every start, with each set.
func TestASCIISkip(t *testing.T) {
	for _, set := range []*asciiSet{printableASCII, plainSafe, quoteSafe} {
		for c := range 256 {
			for pos := range 19 {
				b := []byte(strings.Repeat("a~ ", 6) + "z")
				b[pos] = byte(c)
				s := string(b)
				for start := range len(s) + 1 {
					want := start
					for want < len(s) && s[want] >= 0x20 && s[want] < 0x7f && s[want] != set.x1 && s[want] != set.x2 {
						want++
					}
					if got := set.skip(s, start); got != want {
						t.Fatalf("set without %q %q: skip(%q, %d) = %d, want %d", set.x1, set.x2, s, start, got, want)
					}
				}
			}
		}
	}
}

func TestIsSpecial(t *testing.T) {
	for _, s := range []string{"", "a", "^", "N", "nO", "TRUE", "False", "~", ".INF", "-.inf", "+.Inf", ".NaN", "<<", "=", "yes", "Y", "oN", "OFF", "nul", "nulls", "\x0e", "^^"} {
		if got, want := isSpecial(s), specialRef[strings.ToLower(s)]; got != want {
			t.Errorf("isSpecial(%q) = %v, want %v", s, got, want)
		}
	}
}
