package buildcache

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
)

// magic starts every entry; the version changes with the format.
const magic = "pipec-build-cache 3\n"

// An entry is laid out as
//
//	magic, uvarint head length, head, CRC-32 of all before it,
//	files, CRC-32 of all before it
//
// where the head is the key, the ID, the source, the targets, the
// published folders and the number of files. A build whose tree is
// stamped current reads the head alone, whatever the size of the files.

// File is one generated file.
type File struct {
	Path string
	Data []byte
}

// Head is an entry without its files: what a build needs to report a
// tree its stamp shows current.
type Head struct {
	// ID is drawn at random by Put: a tree stamp names the entry whose
	// files the tree held by it, and no later entry has the same ID.
	ID        uint64
	Source    string   // the spec's name in the headers
	Targets   []string // the targets built
	Published []string // folders published to the GitOps repository
	NFiles    int      // how many files the entry has
}

// Entry is what a compile produced. Encode takes the number of files
// from Files, not NFiles.
type Entry struct {
	Head
	Files []File
}

// ErrCorrupt is returned for an entry that is truncated, damaged or in
// another format.
var ErrCorrupt = errors.New("buildcache: corrupt entry")

// Encode serializes key and e.
func Encode(key []byte, e *Entry) []byte {
	head := binary.AppendUvarint(nil, uint64(len(key)))
	head = append(head, key...)
	head = binary.BigEndian.AppendUint64(head, e.ID)
	head = appendBytes(head, []byte(e.Source))
	head = appendStrings(head, e.Targets)
	head = appendStrings(head, e.Published)
	head = binary.AppendUvarint(head, uint64(len(e.Files)))
	b := make([]byte, 0, len(magic)+binary.MaxVarintLen64+len(head)+8+filesSize(e.Files))
	b = append(b, magic...)
	b = appendBytes(b, head)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
	for _, f := range e.Files {
		b = appendBytes(b, []byte(f.Path))
		b = appendBytes(b, f.Data)
	}
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// filesSize bounds the encoded size of files.
func filesSize(files []File) int {
	n := 0
	for _, f := range files {
		n += 2*binary.MaxVarintLen64 + len(f.Path) + len(f.Data)
	}
	return n
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

// headSize is how many bytes of an entry hold its head and the head's
// checksum, from the entry's first bytes (at least len(magic) plus
// binary.MaxVarintLen64 of them, or the whole entry if shorter).
func headSize(prefix []byte) (int, error) {
	if len(prefix) < len(magic) || string(prefix[:len(magic)]) != magic {
		return 0, ErrCorrupt
	}
	r := reader{b: prefix[len(magic):]}
	n := r.uvarint()
	if r.bad || n > MaxEntry {
		return 0, ErrCorrupt
	}
	return len(prefix) - len(r.b) + int(n) + 4, nil
}

// DecodeHead parses the head of an entry from its first headSize bytes.
// The key aliases data.
func DecodeHead(data []byte) (key []byte, h *Head, err error) {
	size, err := headSize(data)
	if err != nil || len(data) < size {
		return nil, nil, ErrCorrupt
	}
	if crc32.ChecksumIEEE(data[:size-4]) != binary.BigEndian.Uint32(data[size-4:size]) {
		return nil, nil, ErrCorrupt
	}
	r := reader{b: data[len(magic) : size-4]}
	r.uvarint() // the head's length, read by headSize
	key = r.bytes()
	h = &Head{ID: r.uint64(), Source: string(r.bytes())}
	h.Targets = r.strings()
	h.Published = r.strings()
	// Each file takes at least two bytes after the head; Decode checks
	// the count against them.
	nfiles := r.uvarint()
	if nfiles > MaxEntry {
		r.bad = true
	}
	h.NFiles = int(nfiles)
	if r.bad || len(r.b) != 0 {
		return nil, nil, ErrCorrupt
	}
	return key, h, nil
}

// Decode parses an entry written by Encode. The key and every file's
// Data alias data, which the caller must not change afterwards.
func Decode(data []byte) (key []byte, e *Entry, err error) {
	key, h, err := DecodeHead(data)
	if err != nil || len(data) < 4 {
		return nil, nil, ErrCorrupt
	}
	size, _ := headSize(data)
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if len(body) < size || crc32.ChecksumIEEE(body) != binary.BigEndian.Uint32(sum) {
		return nil, nil, ErrCorrupt
	}
	r := reader{b: body[size:]}
	e = &Entry{Head: *h}
	if h.NFiles > len(r.b) {
		return nil, nil, ErrCorrupt
	}
	if h.NFiles > 0 {
		e.Files = make([]File, h.NFiles)
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
