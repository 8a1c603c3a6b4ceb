package buildcache

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestDir(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"home", map[string]string{"HOME": "/home/u"}, "/home/u/.cache/pipec"},
		{"xdg", map[string]string{"HOME": "/home/u", "XDG_CACHE_HOME": "/c"}, "/c/pipec"},
		{"relative xdg is ignored", map[string]string{"HOME": "/home/u", "XDG_CACHE_HOME": "c"}, "/home/u/.cache/pipec"},
		{"explicit", map[string]string{"HOME": "/home/u", "PIPEC_CACHE": "/tmp/pc"}, "/tmp/pc"},
		{"off", map[string]string{"HOME": "/home/u", "PIPEC_CACHE": "off"}, ""},
		{"misspelt off", map[string]string{"HOME": "/home/u", "PIPEC_CACHE": "OFF"}, ""},
		{"relative", map[string]string{"HOME": "/home/u", "PIPEC_CACHE": "cache"}, ""},
		{"no home", map[string]string{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Dir(func(k string) string { return tc.env[k] })
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Dir (-want +got):\n%s", diff)
			}
		})
	}
}

func key(ident, content string) *Key {
	k := &Key{}
	k.Ident(ident)
	k.Content([]byte(content))
	return k
}

func TestPutGet(t *testing.T) {
	c := New(filepath.Join(t.TempDir(), "cache"))
	want := sampleEntry()
	if _, ok := c.Get(key("spec", "v1")); ok {
		t.Fatal("hit in an empty cache")
	}
	if err := c.Put(key("spec", "v1"), want); err != nil {
		t.Fatal(err)
	}
	got, ok := c.Get(key("spec", "v1"))
	if !ok {
		t.Fatal("miss after Put")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("entry (-want +got):\n%s", diff)
	}
	// Other content under the same ident misses, and a Put for it
	// replaces the entry instead of adding one.
	if _, ok := c.Get(key("spec", "v2")); ok {
		t.Fatal("hit for other content")
	}
	if err := c.Put(key("spec", "v2"), &Entry{Head: Head{Source: "v2"}}); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("spec", "v1")); ok {
		t.Fatal("the replaced entry still hits")
	}
	if e, ok := c.Get(key("spec", "v2")); !ok || e.Source != "v2" {
		t.Fatalf("Get(v2) = %v, %v", e, ok)
	}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".entry") {
			names = append(names, e.Name())
		}
	}
	if diff := cmp.Diff([]string{key("spec", "").name()}, names); diff != "" {
		t.Errorf("cache folder (-want +got):\n%s", diff)
	}
}

// Field boundaries are part of the key: moving bytes from one field to
// the next is another key.
func TestKeyFields(t *testing.T) {
	a, b := &Key{}, &Key{}
	a.Ident("ab")
	a.Ident("c")
	b.Ident("a")
	b.Ident("bc")
	if a.name() == b.name() || string(a.all) == string(b.all) {
		t.Errorf("keys of different fields are equal: %q %q", a.all, b.all)
	}
}

func TestDamagedEntryMisses(t *testing.T) {
	c := New(t.TempDir())
	k := key("spec", "v1")
	if err := c.Put(k, sampleEntry()); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(c.dir, k.name())
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x20
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(k); ok {
		t.Fatal("hit on a damaged entry")
	}
}

func TestNilCache(t *testing.T) {
	var c *Cache = New("")
	if err := c.Put(key("a", "b"), sampleEntry()); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("a", "b")); ok {
		t.Fatal("hit in a nil cache")
	}
}

func TestUnwritableCache(t *testing.T) {
	dir := t.TempDir()
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c := New(filepath.Join(blocker, "cache"))
	if err := c.Put(key("a", "b"), sampleEntry()); err == nil {
		t.Fatal("Put under a file succeeded")
	}
	if _, ok := c.Get(key("a", "b")); ok {
		t.Fatal("hit in an unwritable cache")
	}
}

// Head reads the head alone: it answers while the files are damaged
// (Get does not), and not when the head is.
func TestHead(t *testing.T) {
	c := New(t.TempDir())
	k := key("spec", "v1")
	want := sampleEntry()
	if err := c.Put(k, want); err != nil {
		t.Fatal(err)
	}
	h, ok := c.Head(k)
	if !ok {
		t.Fatal("no head after Put")
	}
	if diff := cmp.Diff(want.Head, *h); diff != "" {
		t.Errorf("head (-want +got):\n%s", diff)
	}
	if _, ok := c.Head(key("spec", "v2")); ok {
		t.Error("head for another key")
	}
	p := filepath.Join(c.dir, k.name())
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	damage := func(i int) {
		bad := append([]byte{}, data...)
		bad[i] ^= 1
		if err := os.WriteFile(p, bad, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	damage(len(data) - 10) // in the last file
	if _, ok := c.Head(k); !ok {
		t.Error("no head when only a file is damaged")
	}
	if _, ok := c.Get(k); ok {
		t.Error("Get of an entry with a damaged file")
	}
	damage(len(magic) + 5) // in the key
	if _, ok := c.Head(k); ok {
		t.Error("head of a damaged head")
	}
}

func TestPutTooLarge(t *testing.T) {
	c := New(t.TempDir())
	if err := c.Put(key("a", "small"), sampleEntry()); err != nil {
		t.Fatal(err)
	}
	big := &Entry{Files: []File{{Path: "big.yaml", Data: make([]byte, MaxEntry)}}}
	if err := c.Put(key("a", "b"), big); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Put of an entry over MaxEntry: %v, want ErrTooLarge", err)
	}
	if entries, _ := filepath.Glob(filepath.Join(c.dir, "*.entry")); len(entries) != 0 {
		t.Errorf("the cache holds %v after a refused Put; the old entry for these inputs should be gone", entries)
	}
}

// Put trims entries and stamps unused for trimAge, once per trimEvery; a
// hit keeps its entry.
func TestTrim(t *testing.T) {
	c := New(t.TempDir())
	start := time.Now()
	defer func() { now = time.Now }()
	at := func(d time.Duration) { now = func() time.Time { return start.Add(d) } }

	used, unused := key("used", "v"), key("unused", "v")
	// Files that are not the cache's, in a folder PIPEC_CACHE may share.
	foreign := []string{"notes.entry", "family.tree", "0123456789ABCDEF.entry"}
	for _, name := range foreign {
		p := filepath.Join(c.dir, name)
		if err := os.WriteFile(p, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		old := start.Add(-365 * 24 * time.Hour)
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range []*Key{used, unused} {
		if err := c.Put(k, sampleEntry()); err != nil {
			t.Fatal(err)
		}
		if err := c.PutStamp(k, "tree", sampleStamp()); err != nil {
			t.Fatal(err)
		}
	}
	// Every 20 days the used entry is read; the other is not.
	for day := 20; day <= 60; day += 20 {
		at(time.Duration(day) * 24 * time.Hour)
		if _, ok := c.Head(used); !ok {
			t.Fatalf("day %d: the used entry is gone", day)
		}
	}
	// Only a Put trims (looked at without reading it, which would count
	// as a use).
	if _, err := os.Stat(filepath.Join(c.dir, unused.name())); err != nil {
		t.Fatalf("an entry went away without a Put: %v", err)
	}
	if err := c.Put(key("new", "v"), sampleEntry()); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Head(used); !ok {
		t.Error("trim removed the entry in use")
	}
	if _, ok := c.Head(unused); ok {
		t.Error("trim kept an entry unused for 60 days")
	}
	if _, ok := c.GetStamp(unused, "tree"); ok {
		t.Error("trim kept a stamp unused for 60 days")
	}
	for _, name := range foreign {
		if _, err := os.Stat(filepath.Join(c.dir, name)); err != nil {
			t.Errorf("trim removed %s, which is not the cache's: %v", name, err)
		}
	}
}

// FuzzOpen: whatever bytes sit in an entry's file, Get and Head answer
// without a panic, and a hit is an entry that encodes back to those
// bytes under the key asked for.
func FuzzOpen(f *testing.F) {
	k := key("spec", "v1")
	f.Add(Encode(k.all, sampleEntry()))
	f.Add(append([]byte(magic+"\x00"), make([]byte, 40)...)) // a head shorter than the prefix read
	f.Add([]byte(magic))
	f.Add([]byte{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		c := New(dir)
		if err := os.WriteFile(filepath.Join(dir, k.name()), data, 0o600); err != nil {
			t.Fatal(err)
		}
		if e, ok := c.Get(k); ok {
			if again := Encode(k.all, e); string(again) != string(data) {
				t.Fatalf("Get hit on bytes that are not the entry it returned:\n%q\n%q", data, again)
			}
		}
		c.Head(k)
	})
}

func TestShortHead(t *testing.T) {
	c := New(t.TempDir())
	k := key("spec", "v1")
	bad := append([]byte(magic+"\x00"), make([]byte, 40)...)
	if err := os.WriteFile(filepath.Join(c.dir, k.name()), bad, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(k); ok {
		t.Error("Get hit on a damaged entry")
	}
	if _, ok := c.Head(k); ok {
		t.Error("Head hit on a damaged entry")
	}
	var nilKey *Key
	if _, ok := c.Get(nilKey); ok {
		t.Error("Get hit for a nil key")
	}
}
