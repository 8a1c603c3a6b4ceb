package fileuri

import (
	"net/url"
	"strings"
	"testing"
)

var paths = []string{
	"/home/ann/app/pipec.hcl",
	"/home/ann/my app/pipec.hcl",
	"/C:/Users/ann/pipec.hcl",
	"/tmp/a#b?c%d",
	"/ünïcode/ファイル.hcl",
	"/a+b,c;d=e@f$g&h~i",
	"pipec.hcl",
	"deploy/a:b/pipec.hcl",
	"a:b",
	"",
	"/",
	"dir/sub dir/x.yaml",
	"/\x01ctl",
}

// TestEscapeMatchesNetURL holds EscapePath, Ref and FromPath to net/url.
func TestEscapeMatchesNetURL(t *testing.T) {
	for _, p := range paths {
		checkEscape(t, p)
	}
}

var uris = []string{
	"file:///home/ann/app/pipec.hcl",
	"file:///home/ann/my%20app/pipec.hcl",
	"file:///c%3A/Users/ann/pipec.hcl",
	"file:///C:/Users/ann/pipec.hcl",
	"FILE:///x",
	"file://localhost/etc/x",
	"file://host.example/share/x",
	"file:/x",
	"file:x",
	"file://",
	"file:///a%zz",
	"file:///a?q=1",
	"file:///a#frag",
	"file:///a#%zz",
	"file:///%E3%83%95",
	"untitled:Untitled-1",
	"https://example.com/x",
	"file:///a\nb",
	"file://ho st/x",
}

// TestToPathMatchesNetURL holds ToPath to net/url's reading.
func TestToPathMatchesNetURL(t *testing.T) {
	for _, u := range uris {
		checkToPath(t, u)
	}
}

func FuzzToPath(f *testing.F) {
	for _, u := range uris {
		f.Add(u)
	}
	f.Fuzz(func(t *testing.T, uri string) { checkToPath(t, uri) })
}

func FuzzEscape(f *testing.F) {
	for _, p := range paths {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) { checkEscape(t, p) })
}

func checkEscape(t *testing.T, p string) {
	t.Helper()
	if got, want := EscapePath(p), (&url.URL{Path: p}).EscapedPath(); got != want {
		t.Errorf("EscapePath(%q) = %q, net/url %q", p, got, want)
	}
	if strings.HasPrefix(p, "//") {
		return // not a relative reference net/url can write
	}
	if got, want := Ref(p), (&url.URL{Path: p}).String(); got != want {
		t.Errorf("Ref(%q) = %q, net/url %q", p, got, want)
	}
	if strings.HasPrefix(p, "/") {
		if got, want := FromPath(p), (&url.URL{Scheme: "file", Path: p}).String(); got != want {
			t.Errorf("FromPath(%q) = %q, net/url %q", p, got, want)
		}
	}
}

// TestNormalPathMatchesNetURL holds NormalPath to what net/url writes
// back for the path of https://h/PATH.
func TestNormalPathMatchesNetURL(t *testing.T) {
	for _, p := range append(paths, "/a%2Fb", "/a%2fb", "/a b/{c}", "/%zz", "/a%", "/[x]", "/a'(b)*!") {
		checkNormalPath(t, p)
	}
}

func FuzzNormalPath(f *testing.F) {
	for _, p := range paths {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) { checkNormalPath(t, p) })
}

func checkNormalPath(t *testing.T, p string) {
	t.Helper()
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "?#") || strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return // not a path: the callers refuse these first
	}
	got, ok := NormalPath(p)
	u, err := url.Parse("https://h" + p)
	switch {
	case ok != (err == nil):
		t.Errorf("NormalPath(%q) ok %v, net/url: %v", p, ok, err)
	case ok && got != u.EscapedPath():
		t.Errorf("NormalPath(%q) = %q, net/url %q", p, got, u.EscapedPath())
	}
}

// checkToPath: whatever ToPath reads, net/url reads the same; a file URI
// net/url reads with no host or a DNS one, ToPath reads too.
func checkToPath(t *testing.T, uri string) {
	t.Helper()
	got, ok := ToPath(uri)
	u, err := url.Parse(uri)
	refOK := err == nil && u.Scheme == "file"
	switch {
	case ok && !refOK:
		t.Errorf("ToPath(%q) = %q, but net/url: %v", uri, got, err)
	case ok && got != u.Path:
		t.Errorf("ToPath(%q) = %q, net/url %q", uri, got, u.Path)
	case !ok && refOK && u.Opaque == "" && hostOK(u.Host) && u.User == nil:
		t.Errorf("ToPath(%q) refused what net/url reads as %q", uri, u.Path)
	}
}
