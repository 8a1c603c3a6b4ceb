package yamlout

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// isSpecial reports whether s is a plain scalar that YAML 1.1 or 1.2
// reads as something other than a string (null, booleans, infinities,
// merge keys), ignoring case; that quotes a few harmless spellings too.
// It lowers s into an array rather than with strings.ToLower, which
// allocates for "True" or "ON", and matches with switches, which cost a
// few comparisons where a map lookup hashed every short string.
func isSpecial(s string) bool {
	if len(s) == 0 || len(s) > 5 {
		return false
	}
	// Most short strings are ruled out by their first byte, lowered if a
	// letter (the bytes | 0x20 turns into these are ruled out below).
	switch s[0] | 0x20 {
	case '~', 'n', 't', 'f', 'y', 'o', '.', '-', '+', '<', '=':
	default:
		return false
	}
	var lower [5]byte
	for i := range len(s) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	switch string(lower[:len(s)]) {
	case "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n",
		".inf", "-.inf", "+.inf", ".nan", "<<", "=":
		return true
	}
	return false
}

// signedNumber reports whether s, which starts with a sign, is a number
// to a YAML 1.1 reader: yaml.v2 drops every "_" from a plain scalar that
// starts with a sign and reads it as a number when Go's parsers take the
// rest, so "+_.00", "-inf", "+Infinity" and "-0x_1f" are numbers there.
// (FuzzRoundTrip found "+_.00".)
func signedNumber(s string) bool {
	plain := strings.ReplaceAll(s, "_", "")
	if _, err := strconv.ParseInt(plain, 0, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		return true
	}
	_, err := strconv.ParseFloat(plain, 64)
	return err == nil || errors.Is(err, strconv.ErrRange)
}

// printable reports whether r may appear unescaped in a YAML 1.1 or 1.2
// stream (tab and line breaks are handled by the callers). U+0085, the
// line and paragraph separators and the byte order mark are line breaks or
// invisible to some readers, so they are escaped too.
func printable(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7e:
		return true
	case r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
		return false
	case r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd, r >= 0x10000 && r <= 0x10ffff:
		return true
	}
	return false
}

// plainOK reports whether s, written unquoted as a value or key in block
// context, reads back as exactly the string s.
func plainOK(s string) bool {
	if s == "" || isSpecial(s) {
		return false
	}
	c0 := s[0]
	switch c0 {
	case ' ', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '-', '?', ':':
		// "-x", "?x" and ":x" are plain; "- x", a lone "-" and "---" are not.
		if len(s) == 1 || s[1] == ' ' || strings.HasPrefix(s, "---") {
			return false
		}
	}
	// Anything that starts like a number, a date or a base-60 integer is
	// quoted rather than classified: "8080", "1.0", "2026-01-01", "-1",
	// ".5", "+1", "0x1f", "1_000", "12:30".
	if c0 >= '0' && c0 <= '9' {
		return false
	}
	if (c0 == '-' || c0 == '+' || c0 == '.') && len(s) > 1 && (s[1] == '.' || (s[1] >= '0' && s[1] <= '9')) {
		return false
	}
	if (c0 == '-' || c0 == '+') && signedNumber(s) {
		return false
	}
	if last := s[len(s)-1]; last == ' ' || last == ':' {
		return false
	}
	for i := plainSafe.skip(s, 0); i < len(s); i = plainSafe.skip(s, i+1) {
		switch c := s[i]; {
		case c >= 0x80:
			// Decoded only here: most strings are ASCII.
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || !printable(r) {
				return false
			}
			i += size - 1
		case c < 0x20 || c == 0x7f:
			return false
		case c == ':':
			// ": " starts a value; ":" at the end was refused above.
			if i+1 < len(s) && s[i+1] == ' ' {
				return false
			}
		case c == '#':
			// " #" starts a comment.
			if s[i-1] == ' ' {
				return false
			}
		}
	}
	return true
}

// literalOK reports whether s can be a literal block scalar ("|"): it has
// a line break, every character is printable or a tab, no line ends in
// white space (readers disagree on trailing blanks) and its first line
// does not start with white space (which would be read as indentation).
// It checks all that in one pass, decoding only non-ASCII text.
func literalOK(s string) bool {
	if strings.IndexByte(s, '\n') < 0 {
		return false
	}
	first := 0
	for first < len(s) && s[first] == '\n' {
		first++
	}
	if first == len(s) {
		return false // only line breaks
	}
	if c := s[first]; c == ' ' || c == '\t' {
		return false
	}
	for i := printableASCII.skip(s, 0); i < len(s); i = printableASCII.skip(s, i+1) {
		switch c := s[i]; {
		case c == '\t':
		case c == '\n':
			// The byte before a line break is a blank only if the line
			// ends in one: the bytes of a wider character are all >= 0x80.
			if i > 0 && (s[i-1] == ' ' || s[i-1] == '\t') {
				return false
			}
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || !printable(r) {
				return false
			}
			i += size - 1
		default:
			return false
		}
	}
	last := s[len(s)-1]
	return last != ' ' && last != '\t'
}

// commentOK reports whether c can follow "# " on a line: it is valid UTF-8
// and every character is printable.
func commentOK(c string) bool {
	if !utf8.ValidString(c) {
		return false
	}
	for _, r := range c {
		if !printable(r) {
			return false
		}
	}
	return true
}

// appendLiteral writes s as "|", "|-" or "|+" with its lines at ind, and
// comment, if any, after the indicator.
func appendLiteral(out []byte, s string, ind int, comment string) []byte {
	body := strings.TrimRight(s, "\n")
	switch trailing := len(s) - len(body); {
	case trailing == 0:
		out = append(out, "|-"...)
	case trailing == 1:
		out = append(out, '|')
	default:
		out = append(out, "|+"...)
	}
	out = appendComment(out, comment)
	out = append(out, '\n')
	for line := range strings.SplitSeq(body, "\n") {
		if line != "" {
			out = appendSpaces(out, ind)
			out = append(out, line...)
		}
		out = append(out, '\n')
	}
	// Kept trailing line breaks beyond the first are empty lines.
	for i := len(body) + 1; i < len(s); i++ {
		out = append(out, '\n')
	}
	return out
}

const hexDigits = "0123456789abcdef"

// appendDoubleQuoted writes s in double quotes with YAML escapes, which
// every reader takes literally.
func appendDoubleQuoted(out []byte, s string) []byte {
	out = append(out, '"')
	for i := 0; i < len(s); {
		// Printable ASCII is copied a run at a time.
		if quoteSafe.in[s[i]] {
			j := quoteSafe.skip(s, i+1)
			out = append(out, s[i:j]...)
			i = j
			continue
		}
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
			// Invalid UTF-8 becomes U+FFFD, as encoding/json would write it.
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
