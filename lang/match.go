package lang

import "strings"

// The name and reference syntaxes the checker validates, written as small
// scanners instead of regular expressions: compiling them (the image
// reference grammar above all) was a fifth of the page faults of a cold
// `pipec validate` on the seed. match_test.go holds the equivalent
// regular expressions and checks every matcher against its expression, on
// a table and under fuzzing.

// matcher lets the checker say dnsLabel.MatchString(s), as with a regexp.
type matcher func(string) bool

func (m matcher) MatchString(s string) bool { return m(s) }

var (
	dnsLabel   = matcher(isDNSLabel)
	k8sName    = matcher(isDNSSubdomain)
	hostname   = matcher(isHostname)
	envName    = matcher(isEnvName)
	secretName = matcher(isSecretName)
	imageTag   = matcher(isImageTag)
	intOrPct   = matcher(isIntOrPercent)
	quantity   = matcher(isQuantity)
	imageRef   = matcher(isImageRef)
	repoOnly   = matcher(isHostPath)
)

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isLower(c byte) bool      { return c >= 'a' && c <= 'z' }
func isLetter(c byte) bool     { return isLower(c) || c >= 'A' && c <= 'Z' }
func isLowerAlnum(c byte) bool { return isLower(c) || isDigit(c) }
func isAlnum(c byte) bool      { return isLetter(c) || isDigit(c) }

// label reports whether s is alphanumeric runs joined by '-', starting and
// ending alphanumeric: [a-z0-9]([-a-z0-9]*[a-z0-9])? with alnum deciding
// the case.
func label(s string, alnum func(byte) bool) bool {
	if s == "" || !alnum(s[0]) || !alnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if !alnum(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

func isDNSLabel(s string) bool { return label(s, isLowerAlnum) }

// labels reports whether s is one or more labels joined by '.'.
func labels(s string, alnum func(byte) bool) bool {
	for {
		part, rest, more := strings.Cut(s, ".")
		if !label(part, alnum) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

func isDNSSubdomain(s string) bool { return labels(s, isLowerAlnum) }

// isHostname is a DNS subdomain, optionally a wildcard "*.".
func isHostname(s string) bool {
	return isDNSSubdomain(strings.TrimPrefix(s, "*."))
}

// isEnvName is [A-Za-z_][A-Za-z0-9_]*.
func isEnvName(s string) bool {
	if s == "" || !(isLetter(s[0]) || s[0] == '_') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' {
			return false
		}
	}
	return true
}

// isSecretName is [a-zA-Z][a-zA-Z0-9_-]*.
func isSecretName(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' && s[i] != '-' {
			return false
		}
	}
	return true
}

// isImageTag is an OCI tag: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
func isImageTag(s string) bool {
	if s == "" || len(s) > 128 || !(isAlnum(s[0]) || s[0] == '_') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) && s[i] != '_' && s[i] != '.' && s[i] != '-' {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// isIntOrPercent is "25" or "25%".
func isIntOrPercent(s string) bool { return digits(strings.TrimSuffix(s, "%")) }

// quantitySuffixes are the Kubernetes quantity suffixes pipec accepts.
var quantitySuffixes = []string{"Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "m", "k", "M", "G", "T", "P", "E"}

// isQuantity is a decimal number with an optional unit: "500m", "1.5Gi".
func isQuantity(s string) bool {
	for _, suf := range quantitySuffixes {
		if t, ok := strings.CutSuffix(s, suf); ok {
			s = t
			break
		}
	}
	whole, frac, dot := strings.Cut(s, ".")
	return digits(whole) && (!dot || digits(frac))
}

// isPathComponent is a lower-case repository path component: alphanumeric
// runs joined by ".", "_", "__" or any number of "-".
func isPathComponent(s string) bool {
	i := 0
	run := func() bool {
		start := i
		for i < len(s) && isLowerAlnum(s[i]) {
			i++
		}
		return i > start
	}
	if !run() {
		return false
	}
	for i < len(s) {
		switch s[i] {
		case '.':
			i++
		case '_':
			i++
			if i < len(s) && s[i] == '_' {
				i++
			}
		case '-':
			for i < len(s) && s[i] == '-' {
				i++
			}
		default:
			return false
		}
		if !run() {
			return false
		}
	}
	return true
}

// isImageRef follows the distribution reference grammar: an optional
// registry host[:port]/, lower-case path components, an optional tag and
// an optional sha256 digest.
func isImageRef(s string) bool {
	if name, digest, ok := strings.Cut(s, "@"); ok {
		hex, ok := strings.CutPrefix(digest, "sha256:")
		if !ok || len(hex) != 64 {
			return false
		}
		for i := 0; i < len(hex); i++ {
			if !isDigit(hex[i]) && !(hex[i] >= 'a' && hex[i] <= 'f') {
				return false
			}
		}
		s = name
	}
	// A colon after the last slash starts the tag; a registry port is
	// always followed by a slash.
	if c := strings.LastIndexByte(s, ':'); c > strings.LastIndexByte(s, '/') {
		if !isImageTag(s[c+1:]) {
			return false
		}
		s = s[:c]
	}
	if pathComponents(s) {
		return true
	}
	host, path, ok := strings.Cut(s, "/")
	if !ok || !pathComponents(path) {
		return false
	}
	if h, port, ok := strings.Cut(host, ":"); ok {
		if !digits(port) {
			return false
		}
		host = h
	}
	return labels(host, isAlnum)
}

// pathComponents reports whether s is path components joined by '/'.
func pathComponents(s string) bool {
	for {
		part, rest, more := strings.Cut(s, "/")
		if !isPathComponent(part) {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// isHostPath is a repository without tag or digest: host[:port]/path,
// at least two segments, no '@' and no ':' except the port's.
func isHostPath(s string) bool {
	if strings.Contains(s, "@") {
		return false
	}
	head, tail, hasPort := strings.Cut(s, ":")
	if !hasPort {
		// Some '/' must have text on both sides.
		for p := 1; p < len(s)-1; p++ {
			if s[p] == '/' {
				return true
			}
		}
		return false
	}
	port, rest, ok := strings.Cut(tail, "/")
	return head != "" && ok && digits(port) && rest != "" && !strings.Contains(rest, ":")
}
