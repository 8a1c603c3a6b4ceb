package fileuri

import "strings"

// EscapePath percent-encodes a slash path as net/url's URL.EscapedPath
// does for a URL with that Path: every byte but letters, digits and
// -_.~$&+,/:;=@ is written %XX (and "*" alone is left as it is).
func EscapePath(p string) string {
	if p == "*" {
		return p
	}
	n := 0
	for i := 0; i < len(p); i++ {
		if !keep(p[i]) {
			n++
		}
	}
	if n == 0 {
		return p
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(p)+2*n)
	for i := 0; i < len(p); i++ {
		c := p[i]
		if keep(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', hex[c>>4], hex[c&15])
	}
	return string(b)
}

func keep(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~$&+,/:;=@", c) >= 0
}

// Ref is the relative URI reference of the slash path p, as
// (&url.URL{Path: p}).String() writes it: escaped, with "./" before a
// first segment that holds a colon (it would read as a scheme).
func Ref(p string) string {
	e := EscapePath(p)
	if first, _, _ := strings.Cut(e, "/"); strings.Contains(first, ":") {
		return "./" + e
	}
	return e
}

// FromPath is the file URI of the absolute slash path p ("/" is put in
// front of a Windows drive letter).
func FromPath(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + EscapePath(p)
}

// ToPath returns the slash path of a file URI (file:///p or
// file://host/p; the host is dropped, as pipec works on local files),
// and false for any other URI or one net/url would not parse.
func ToPath(uri string) (string, bool) {
	const scheme = "file:"
	if len(uri) < len(scheme) || !strings.EqualFold(uri[:len(scheme)], scheme) {
		return "", false
	}
	rest, frag, _ := strings.Cut(uri[len(scheme):], "#")
	for i := 0; i < len(rest); i++ {
		if rest[i] < 0x20 || rest[i] == 0x7f {
			return "", false // net/url refuses control bytes (outside the fragment)
		}
	}
	if _, ok := Unescape(frag); !ok {
		return "", false
	}
	rest, _, _ = strings.Cut(rest, "?")
	if rest == "" {
		return "", true
	}
	if !strings.HasPrefix(rest, "/") {
		return "", false // file:x is opaque: no path
	}
	if strings.HasPrefix(rest, "//") {
		host, path, found := strings.Cut(rest[2:], "/")
		if !hostOK(host) {
			return "", false
		}
		rest = ""
		if found {
			rest = "/" + path
		}
	}
	return Unescape(rest)
}

// NormalPath is the path p of a URL (as written, escapes included) as
// net/url's URL.String writes it back after parsing: as written when it
// holds only path characters and escapes, else decoded and escaped anew
// (a space becomes %20). It is false when an escape is malformed. p has
// no query, fragment or control bytes: callers refuse those first.
func NormalPath(p string) (string, bool) {
	decoded, ok := Unescape(p)
	if !ok {
		return "", false
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; !keep(c) && strings.IndexByte("!'()*[]%", c) < 0 {
			return EscapePath(decoded), true
		}
	}
	return p, true
}

// hostOK accepts the hosts a file URI names in practice: none,
// localhost, a DNS name.
func hostOK(h string) bool {
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// Unescape decodes %XX escapes, failing on a malformed one as net/url
// does.
func Unescape(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' {
			b = append(b, c)
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return "", false
		}
		b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
		i += 2
	}
	return string(b), true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
