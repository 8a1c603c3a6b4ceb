package gha

import (
	"net/url"
	"strings"
	"testing"
)

// parseHTTPSRef is parseRemote's reading of a URL as it was written with
// net/url: the reference parseHTTPS is held to.
func parseHTTPSRef(raw string) (u httpsURL, ok bool) {
	p, err := url.Parse(raw)
	if err != nil || p.Scheme != "https" || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
		return httpsURL{}, false
	}
	_, u.password = p.User.Password()
	u.user = p.User.Username()
	u.host = p.Host
	p.User = nil
	u.path = strings.TrimPrefix(p.String(), "https://"+p.Host)
	return u, true
}

var httpsSamples = []string{
	"https://gitlab.example.com/acme/deploy.git",
	"HTTPS://GitLab.Example.com/Acme/Deploy.git",
	"https://git.example.com:8443/group/sub/deploy",
	"https://git.example.com:/x",
	"https://oauth2@gitlab.example.com/acme/deploy.git",
	"https://x-token-auth@bitbucket.org/team/repo.git",
	"https://us%40er@host.example/r",
	"https://bot:pw@gitlab.example.com/acme/deploy.git",
	"https://bot:@gitlab.example.com/acme/deploy.git",
	"https://a@b@host.example/r",
	"https://[2001:db8::1]:443/org/repo.git",
	"https://[::1]/r",
	"https://10.0.0.7/org/repo",
	"https://host.example/a%2Fb/c%20d",
	"https://host.example/a%2fb",
	"https://host.example/%zz",
	"https://host.example/a b",
	"https://git.example.com/${{ github.actor }}/deploy.git",
	"https://host.example/r?x=1",
	"https://host.example/r?",
	"https://host.example/r#frag",
	"https://host.example/r#",
	"https://host.example",
	"https:///r",
	"https://ho st/r",
	"https://host_name.example/r",
	"https://host.example:port/r",
	"https://host.example/r\n",
	"https://host.example/~user/r;v=1/@x",
	"http://host.example/r",
	"ftp://host.example/r",
	"https:/host.example/r",
	"",
}

// TestParseHTTPSMatchesNetURL checks parseHTTPS against net/url: what it
// accepts, net/url reads identically; what net/url accepts and it
// refuses is one of the forms it is stricter about on purpose.
func TestParseHTTPSMatchesNetURL(t *testing.T) {
	for _, raw := range httpsSamples {
		checkHTTPS(t, raw)
	}
}

func FuzzParseHTTPS(f *testing.F) {
	for _, s := range httpsSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if got, ok := parseHTTPS(raw); ok {
			want, refOK := parseHTTPSRef(raw)
			if !refOK || got != want {
				t.Fatalf("parseHTTPS(%q) = %+v, net/url reads %+v (ok %v)", raw, got, want, refOK)
			}
		}
	})
}

func checkHTTPS(t *testing.T, raw string) {
	t.Helper()
	got, ok := parseHTTPS(raw)
	want, refOK := parseHTTPSRef(raw)
	switch {
	case ok && (!refOK || got != want):
		t.Errorf("parseHTTPS(%q) = %+v, net/url reads %+v (ok %v)", raw, got, want, refOK)
	case !ok && refOK && !stricterOnPurpose(raw):
		t.Errorf("parseHTTPS(%q) refused what net/url reads as %+v", raw, want)
	}
}

// stricterOnPurpose names the URLs parseHTTPS refuses and net/url takes:
// an empty query or fragment, a second "@", host names with characters
// no DNS name has, IPv6 literals.
func stricterOnPurpose(raw string) bool {
	host := strings.TrimPrefix(strings.ToLower(raw), "https://")
	host, _, _ = strings.Cut(host, "/")
	return strings.ContainsAny(raw, "?#") || strings.Count(host, "@") > 1 || strings.ContainsAny(host, "_[ ")
}
