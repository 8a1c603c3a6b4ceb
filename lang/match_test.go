package lang

import (
	"regexp"
	"testing"
)

// oracles are the regular expressions the matchers in match.go replace.
var oracles = []struct {
	name  string
	match matcher
	re    *regexp.Regexp
}{
	{"dnsLabel", dnsLabel, regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)},
	{"k8sName", k8sName, regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)},
	{"hostname", hostname, regexp.MustCompile(`^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)},
	{"envName", envName, regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)},
	{"secretName", secretName, regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_-]*$`)},
	{"imageTag", imageTag, regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)},
	{"intOrPct", intOrPct, regexp.MustCompile(`^[0-9]+%?$`)},
	{"quantity", quantity, regexp.MustCompile(`^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$`)},
	{"imageRef", imageRef, regexp.MustCompile(`^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`)},
	{"repoOnly", repoOnly, regexp.MustCompile(`^[^:@]+(?::[0-9]+)?(?:/[^:@]+)+$`)},
}

var matchInputs = []string{
	"", "a", "A", "-", "a-", "-a", "a-b", "a--b", "a.b", "a..b", ".a", "a.", "*.a.b", "*.", "*a", "a_b", "_a", "A_1",
	"1", "12", "12%", "%", "1%%", "1.5", "1.", ".5", "500m", "1.5Gi", "2Ki", "Gi", "1KI", "1e3",
	"ghcr.io/org/app", "ghcr.io/org/app:v1", "ghcr.io/org/app:v1@sha256:" + sixtyFour, "app@sha256:" + sixtyFour,
	"app@sha256:abc", "app@sha512:" + sixtyFour, "localhost:5000/app", "localhost:5000/app:tag", "localhost:x/app",
	"Host.Example/app", "host/App", "a/b/c", "a//b", "a/", "/a", "a:b:c", "a:5000", "a:5000/", "a__b", "a___b",
	"a_.b", "a-.b", "a.-b", "a---b", "app:", "app:.tag", "app:_tag", "app:-tag", "my-host.io:443/org/sub/app:1.2.3",
	"a@b", "a:1/b:c/d", "a:1/b/c:d", "-host/app", "host-/app", "ho-st/app", "ghcr.io:/app",
	"sha256:" + sixtyFour, "a:" + string(make([]byte, 129)),
}

const sixtyFour = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestMatchersAgreeWithRegexps(t *testing.T) {
	for _, o := range oracles {
		for _, s := range matchInputs {
			if got, want := o.match.MatchString(s), o.re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, the regexp says %v", o.name, s, got, want)
			}
		}
	}
}

func FuzzMatchers(f *testing.F) {
	for _, s := range matchInputs {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, o := range oracles {
			if got, want := o.match.MatchString(s), o.re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, the regexp says %v", o.name, s, got, want)
			}
		}
	})
}
