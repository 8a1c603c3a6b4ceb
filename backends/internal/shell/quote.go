package shell

// Quote is where shell text stands after a prefix of a script line:
// outside quotes, inside '...' or inside "...".
type Quote int

const (
	None Quote = iota
	Single
	Double
)

// Scan advances q over shell text, following POSIX quoting (a backslash
// escapes the next character outside single quotes). Nested $(...) is not
// tracked.
func (q Quote) Scan(s string) Quote {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch q {
		case None:
			switch c {
			case '\\':
				i++
			case '\'':
				q = Single
			case '"':
				q = Double
			}
		case Single:
			if c == '\'' {
				q = None
			}
		case Double:
			switch c {
			case '\\':
				i++
			case '"':
				q = None
			}
		}
	}
	return q
}

// Ref is the reference to variable name where q stands, expanded as one
// word with its text unchanged: "${X}" outside quotes (a value with a
// space or a * stays one word, unglobbed), ${X} inside "...", and inside
// '...' (where nothing expands) the quote is closed around "${X}".
func (q Quote) Ref(name string) string {
	switch q {
	case Double:
		return "${" + name + "}"
	case Single:
		return `'"${` + name + `}"'`
	}
	return `"${` + name + `}"`
}
