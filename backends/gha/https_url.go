package gha

import (
	"strings"

	"github.com/pipec-dev/pipec/internal/fileuri"
)

// httpsURL is an HTTPS clone URL taken apart: parseHTTPS does what
// net/url's Parse and URL.String did here, without linking net/url (it
// brings net/netip, whose package init and the goroutine package unique
// starts cost every pipec start, whatever the command, 0.05-0.12 ms).
type httpsURL struct {
	host     string // host[:port], as written
	path     string // as net/url writes it back: escapes kept, spaces escaped
	user     string // decoded; "" when none
	password bool   // the URL holds a password (even an empty one)
}

// parseHTTPS reads https://[user[:password]@]host[:port][/path]. It is
// stricter than net/url: a query or fragment (even an empty one), bytes
// outside the URL syntax in the user information (a second "@"), or a
// host that is not a DNS name or IPv4 address with an optional port make
// it fail, and the caller reports the
// URL as not an HTTPS clone URL. Whatever it
// accepts, net/url reads the same way (a test and a fuzz target compare
// them).
func parseHTTPS(raw string) (httpsURL, bool) {
	const scheme = "https://"
	if len(raw) < len(scheme) || !strings.EqualFold(raw[:len(scheme)], scheme) {
		return httpsURL{}, false
	}
	rest := raw[len(scheme):]
	if strings.ContainsAny(rest, "?#") {
		return httpsURL{}, false
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] < 0x20 || rest[i] == 0x7f {
			return httpsURL{}, false
		}
	}
	authority, path, hasPath := strings.Cut(rest, "/")
	var u httpsURL
	if hasPath {
		p, ok := fileuri.NormalPath("/" + path)
		if !ok {
			return httpsURL{}, false
		}
		u.path = p
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		info := authority[:i]
		authority = authority[i+1:]
		name, _, hasPassword := strings.Cut(info, ":")
		user, ok := unescapeUserinfo(name)
		if !ok || hasPassword && !userinfoOK(info) {
			return httpsURL{}, false
		}
		u.user, u.password = user, hasPassword
	}
	if !hostOK(authority) {
		return httpsURL{}, false
	}
	u.host = authority
	return u, true
}

// String is the URL without its user information.
func (u httpsURL) String() string { return "https://" + u.host + u.path }

// userinfoOK reports whether s is made of userinfo characters and valid
// percent-escapes (RFC 3986 3.2.1), as net/url requires.
func userinfoOK(s string) bool {
	_, ok := unescapeUserinfo(strings.ReplaceAll(s, ":", ""))
	return ok
}

// unescapeUserinfo decodes a user name, failing on characters userinfo
// cannot hold and on bad escapes.
func unescapeUserinfo(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !unreserved(c) && strings.IndexByte("!$&'()*+,;=%", c) < 0 {
			return "", false
		}
	}
	return fileuri.Unescape(s)
}

// hostOK accepts a DNS name or IPv4 address with an optional numeric
// port. IPv6 literals are refused: net/url checks them with net/netip.
func hostOK(h string) bool {
	name, port, hasPort := strings.Cut(h, ":")
	if name == "" || hasPort && !portOK(port) {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// portOK accepts what net/url does: digits, possibly none.
func portOK(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return true
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
