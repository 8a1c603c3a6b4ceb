package buildcache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/pipec-dev/pipec/internal/rawfile"
	"time"
)

// MaxEntry bounds an entry's size: a spec whose output is larger is not
// cached (it would cost a large file per build for a saving that is
// small next to writing such a tree).
const MaxEntry = 64 << 20

// ErrTooLarge is Put's answer for an entry over MaxEntry.
var ErrTooLarge = errors.New("buildcache: entry too large")

// Dir is the cache folder: $PIPEC_CACHE, else $XDG_CACHE_HOME/pipec, else
// $HOME/.cache/pipec (the folder os.UserCacheDir names on Linux, used on
// every system so that one variable moves it). It is "" when the cache
// is off: PIPEC_CACHE=off, or no variable names a folder. Only absolute
// paths count: a relative one (or a misspelt "off", such as "OFF") would
// make a folder wherever pipec runs, even for build --check.
func Dir(getenv func(string) string) string {
	if d := getenv("PIPEC_CACHE"); d != "" {
		if !filepath.IsAbs(d) {
			return ""
		}
		return d
	}
	if d := getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "pipec")
	}
	if h := getenv("HOME"); h != "" && filepath.IsAbs(h) {
		return filepath.Join(h, ".cache", "pipec")
	}
	return ""
}

// Key is everything a compile reads, in the order the caller adds it.
type Key struct {
	ident []byte // the fields that name the entry's file
	all   []byte // every field
}

// Ident adds a field that names the entry: a compile whose ident fields
// are equal replaces the entry, so editing a spec does not add entries.
func (k *Key) Ident(s string) {
	k.ident = appendBytes(k.ident, []byte(s))
	k.all = appendBytes(k.all, []byte(s))
}

// Content adds a field that must be equal for a hit.
func (k *Key) Content(b []byte) { k.all = appendBytes(k.all, b) }

// name is the entry's file name: a hash of the ident fields. A collision
// costs a miss, since the entry stores the whole key.
func (k *Key) name() string { return hashName(k.ident) + ".entry" }

// hashName is FNV-64a of b in 16 hex digits.
func hashName(b []byte) string {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	const hex = "0123456789abcdef"
	var out [16]byte
	for i := 15; i >= 0; i-- {
		out[i] = hex[h&15]
		h >>= 4
	}
	return string(out[:])
}

// Cache is a folder of entries; a nil *Cache is an empty cache that
// stores nothing.
type Cache struct{ dir string }

// New returns the cache in dir, or nil when dir is "".
func New(dir string) *Cache {
	if dir == "" {
		return nil
	}
	return &Cache{dir: dir}
}

// Get returns the entry stored under k, or false when there is none, it
// is damaged, or its key differs.
func (c *Cache) Get(k *Key) (*Entry, bool) {
	f, data, n, ok := c.open(k, true)
	if f == nil {
		return nil, false
	}
	defer f.Close()
	if !ok {
		return nil, false
	}
	if _, err := io.ReadFull(f, data[n:]); err != nil {
		return nil, false
	}
	key, e, err := Decode(data)
	if err != nil || !bytes.Equal(key, k.all) {
		return nil, false
	}
	return e, true
}

// Head is Get without the files: it reads the head of the entry alone.
func (c *Cache) Head(k *Key) (*Head, bool) {
	f, data, n, ok := c.open(k, false)
	if f == nil {
		return nil, false
	}
	defer f.Close()
	if !ok {
		return nil, false
	}
	_, h, err := DecodeHead(data[:n])
	return h, err == nil
}

// open opens the entry under k and reads its head, the first n bytes of
// data, which has room for the whole entry when full is set; ok is false
// when the head is damaged or holds another key (after an edit, the old
// entry is told apart without reading its files). f is nil when there
// is no entry; otherwise the caller closes it.
func (c *Cache) open(k *Key, full bool) (f *rawfile.File, data []byte, n int, ok bool) {
	if c == nil || k == nil {
		return nil, nil, 0, false
	}
	path := filepath.Join(c.dir, k.name())
	f, err := rawfile.Open(path)
	if err != nil {
		return nil, nil, 0, false
	}
	st, err := f.Stat()
	if err != nil || st.Size > MaxEntry {
		return f, nil, 0, false
	}
	size := int(st.Size)
	var prefix [len(magic) + binary.MaxVarintLen64]byte
	p := min(size, len(prefix))
	if _, err := io.ReadFull(f, prefix[:p]); err != nil {
		return f, nil, 0, false
	}
	n, err = headSize(prefix[:p])
	if err != nil || n > size || n < p {
		// A real head is longer than the prefix; a shorter one is damage.
		return f, nil, 0, false
	}
	if full {
		data = make([]byte, size)
	} else {
		data = make([]byte, n)
	}
	copy(data, prefix[:p])
	if _, err := io.ReadFull(f, data[p:n]); err != nil {
		return f, nil, 0, false
	}
	key, _, err := DecodeHead(data[:n])
	ok = err == nil && bytes.Equal(key, k.all)
	if ok && now().Sub(st.ModTime) > touchAfter {
		// Used: keep it from Put's trimming. Once a day at most, so that
		// a hit is not a write.
		t := now()
		os.Chtimes(path, t, t)
	}
	return f, data, n, ok
}

// Put stores e under k, replacing what was there, and gives e a new
// random ID.
//
// The entry is written over the old one in place, not to a temporary file
// renamed over it: ext4 flushes a file that replaces another by rename
// or by truncation to zero (auto_da_alloc), and frees and reallocates
// the blocks of a file removed and created again; either cost a build
// 0.3-1 ms, more than the rest of storing it. A reader that meets a
// half-written entry (a concurrent build, or a crash) sees a bad
// checksum, which is a miss, and the next build writes it again.
//
// A cache that cannot be written is not an error for the build, so
// callers may ignore the result.
func (c *Cache) Put(k *Key, e *Entry) error {
	if c == nil || k == nil {
		return nil
	}
	e.ID, e.NFiles = rand.Uint64(), len(e.Files)
	var data []byte
	if filesSize(e.Files) <= MaxEntry { // before a copy of it all is made
		data = Encode(k.all, e)
	}
	if data == nil || len(data) > MaxEntry {
		// The old entry is for other inputs: of no more use.
		os.Remove(filepath.Join(c.dir, k.name()))
		return ErrTooLarge
	}
	if err := c.write(k.name(), data); err != nil {
		return err
	}
	c.trim()
	return nil
}

// Entries and stamps unused for trimAge are removed, by the first Put
// after trimEvery has passed since the last trim (the time of the trim
// file in the folder says when): like Go's build cache, the folder
// stays the size of what is in use without a command to clean it.
const (
	trimAge    = 30 * 24 * time.Hour
	trimEvery  = 24 * time.Hour
	touchAfter = 24 * time.Hour
)

// isCacheFile reports whether name is an entry's or a stamp's: 16 hex
// digits and .entry or .tree.
func isCacheFile(name string) bool {
	stem, ok := strings.CutSuffix(name, ".entry")
	if !ok {
		if stem, ok = strings.CutSuffix(name, ".tree"); !ok {
			return false
		}
	}
	if len(stem) != 16 {
		return false
	}
	for _, c := range stem {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// now is the clock for trimming; tests move it.
var now = time.Now

// trim removes what has not been used for trimAge, at most once per
// trimEvery. Stamps are not touched when used (a hit reads them often
// and writing each time would cost): one older than trimAge is
// recorded again by the next build that reads the tree.
func (c *Cache) trim() {
	marker := filepath.Join(c.dir, "trim")
	if st, err := os.Stat(marker); err == nil && now().Sub(st.ModTime()) < trimEvery {
		return
	}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !isCacheFile(name) {
			continue // not ours: PIPEC_CACHE may name a shared folder
		}
		if info, err := e.Info(); err == nil && now().Sub(info.ModTime()) > trimAge {
			os.Remove(filepath.Join(c.dir, name))
		}
	}
	if f, err := os.Create(marker); err == nil {
		f.Close()
		t := now()
		os.Chtimes(marker, t, t)
	}
}

// write replaces the file name in the cache folder with data.
func (c *Cache) write(name string, data []byte) error {
	path := filepath.Join(c.dir, name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(c.dir, 0o700); err == nil {
			f, err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o600)
		}
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		// Cut what is left of a longer old file (a no-op otherwise).
		err = f.Truncate(int64(len(data)))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}
