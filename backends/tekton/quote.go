package tekton

// quoteState is where shell text stands after a prefix of a run line:
// outside quotes, inside '...' or inside "...".
type quoteState int

const (
	quoteNone quoteState = iota
	quoteSingle
	quoteDouble
)

// scan advances q over shell text, following POSIX quoting (a backslash
// escapes the next character outside single quotes). Nested $(...) is not
// tracked, as in the GitHub Actions backend.
func (q quoteState) scan(s string) quoteState {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch q {
		case quoteNone:
			switch c {
			case '\\':
				i++
			case '\'':
				q = quoteSingle
			case '"':
				q = quoteDouble
			}
		case quoteSingle:
			if c == '\'' {
				q = quoteNone
			}
		case quoteDouble:
			switch c {
			case '\\':
				i++
			case '"':
				q = quoteNone
			}
		}
	}
	return q
}

// ref is the reference to variable name where q stands, expanded as one
// word with its text unchanged: "${X}" outside quotes (a value with a
// space or a * stays one word, unglobbed), ${X} inside "...", and inside
// '...' (where nothing expands) the quote is closed around "${X}".
func (q quoteState) ref(name string) string {
	switch q {
	case quoteDouble:
		return "${" + name + "}"
	case quoteSingle:
		return `'"${` + name + `}"'`
	}
	return `"${` + name + `}"`
}
