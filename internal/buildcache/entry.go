package buildcache

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
)

// magic starts every entry; the version changes with the format.
const magic = "pipec-build-cache 2\n"

// File is one generated file.
type File struct {
	Path string
	Data []byte
}

// Entry is what a compile produced: the header's source name, the
// targets it built, the folders published to the GitOps repository and
// the files.
type Entry struct {
	// ID is drawn at random by Put: a tree stamp names the entry whose
	// files the tree held by it, and no later entry has the same ID.
	ID        uint64
	Source    string
	Targets   []string
	Published []string
	Files     []File
}

// ErrCorrupt is returned for an entry that is truncated, damaged or in
// another format.
var ErrCorrupt = errors.New("buildcache: corrupt entry")

// Encode serializes key and e.
func Encode(key []byte, e *Entry) []byte {
	n := len(magic) + 4 + 8 + 5*binary.MaxVarintLen64 + len(key) + len(e.Source)
	for _, s := range e.Targets {
		n += binary.MaxVarintLen64 + len(s)
	}
	for _, s := range e.Published {
		n += binary.MaxVarintLen64 + len(s)
	}
	for _, f := range e.Files {
		n += 2*binary.MaxVarintLen64 + len(f.Path) + len(f.Data)
	}
	b := make([]byte, 0, n)
	b = append(b, magic...)
	b = appendBytes(b, key)
	b = binary.BigEndian.AppendUint64(b, e.ID)
	b = appendBytes(b, []byte(e.Source))
	b = appendStrings(b, e.Targets)
	b = appendStrings(b, e.Published)
	b = binary.AppendUvarint(b, uint64(len(e.Files)))
	for _, f := range e.Files {
		b = appendBytes(b, []byte(f.Path))
		b = appendBytes(b, f.Data)
	}
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

func appendBytes(b, s []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendBytes(b, []byte(s))
	}
	return b
}

// Decode parses an entry written by Encode. The key and every file's
// Data alias data, which the caller must not change afterwards.
func Decode(data []byte) (key []byte, e *Entry, err error) {
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil, nil, ErrCorrupt
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if crc32.ChecksumIEEE(body) != binary.BigEndian.Uint32(sum) {
		return nil, nil, ErrCorrupt
	}
	r := reader{b: body[len(magic):]}
	key = r.bytes()
	e = &Entry{ID: r.uint64()}
	e.Source = string(r.bytes())
	e.Targets = r.strings()
	e.Published = r.strings()
	if n := r.count(); n > 0 {
		e.Files = make([]File, n)
		for i := range e.Files {
			e.Files[i] = File{Path: string(r.bytes()), Data: r.bytes()}
		}
	}
	if r.bad || len(r.b) != 0 {
		return nil, nil, ErrCorrupt
	}
	return key, e, nil
}

// reader reads length-prefixed fields; after the first bad field every
// read returns nothing and bad stays set.
type reader struct {
	b   []byte
	bad bool
}

// uvarint reads a varint in its shortest form, the one Encode writes:
// an entry or stamp has one spelling.
func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || n != uvarintLen(v) {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) uint64() uint64 {
	if len(r.b) < 8 {
		r.bad, r.b = true, nil
		return 0
	}
	v := binary.BigEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return nil
	}
	s := r.b[:n:n]
	r.b = r.b[n:]
	return s
}

func uvarintLen(v uint64) int {
	n := 1
	for ; v >= 0x80; v >>= 7 {
		n++
	}
	return n
}

// count reads an element count; each element takes at least one byte,
// so a count larger than what is left is damage, not a reason to
// allocate.
func (r *reader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return 0
	}
	return int(n)
}

func (r *reader) strings() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = string(r.bytes())
	}
	return ss
}
