package buildcache

import (
	"encoding/binary"
	"hash/crc32"
	"path/filepath"

	"github.com/pipec-dev/pipec/internal/rawfile"
)

// stampMagic starts every tree stamp.
const stampMagic = "pipec-tree-stamp 1\n"

// A Stamp says that an output tree held exactly the files of one entry,
// as of the file-system metadata in its records: while every record
// still matches, the tree is current without reading it, as git trusts
// its index. Records whose change time is not before Before are never
// trusted: a file changed again within the file system's timestamp
// granularity after it was recorded would keep its change time.
type Stamp struct {
	Entry   uint64 // the Entry.ID whose files the tree held
	Before  int64  // Unix nanoseconds
	Records []Record
}

// Record is one path's metadata; a path that did not exist has Missing
// set and nothing else.
type Record struct {
	Path         string // slash path relative to the tree's root
	Missing      bool
	Dev, Ino     uint64
	Mode         uint32
	Size         int64
	Mtime, Ctime int64 // Unix nanoseconds
}

// Trusted reports whether every record's change time is before s.Before,
// and by coarseMargin more for a time in whole seconds: file systems that
// keep times in seconds (ext4 with small inodes, HFS+) or two-second
// steps (FAT) would give a file changed again within that step the
// change time it had.
func (s *Stamp) Trusted() bool {
	for _, r := range s.Records {
		if r.Missing {
			continue
		}
		if r.Ctime >= s.Before || r.Ctime%1e9 == 0 && r.Ctime >= s.Before-coarseMargin {
			return false
		}
	}
	return true
}

// coarseMargin is how much older than a stamp's Before a change time in
// whole seconds must be to be trusted: longer than the coarsest step of
// a file system's times (FAT's two seconds).
const coarseMargin = 3e9

// EncodeStamp serializes s.
func EncodeStamp(s *Stamp) []byte {
	b := []byte(stampMagic)
	b = binary.BigEndian.AppendUint64(b, s.Entry)
	b = binary.AppendVarint(b, s.Before)
	b = binary.AppendUvarint(b, uint64(len(s.Records)))
	for _, r := range s.Records {
		b = appendBytes(b, []byte(r.Path))
		if r.Missing {
			b = append(b, 0)
			continue
		}
		b = append(b, 1)
		b = binary.AppendUvarint(b, r.Dev)
		b = binary.AppendUvarint(b, r.Ino)
		b = binary.AppendUvarint(b, uint64(r.Mode))
		b = binary.AppendVarint(b, r.Size)
		b = binary.AppendVarint(b, r.Mtime)
		b = binary.AppendVarint(b, r.Ctime)
	}
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// DecodeStamp parses a stamp written by EncodeStamp.
func DecodeStamp(data []byte) (*Stamp, error) {
	if len(data) < len(stampMagic)+4 || string(data[:len(stampMagic)]) != stampMagic {
		return nil, ErrCorrupt
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if crc32.ChecksumIEEE(body) != binary.BigEndian.Uint32(sum) {
		return nil, ErrCorrupt
	}
	r := reader{b: body[len(stampMagic):]}
	s := &Stamp{Entry: r.uint64(), Before: r.varint()}
	if n := r.count(); n > 0 {
		s.Records = make([]Record, n)
		for i := range s.Records {
			rec := &s.Records[i]
			rec.Path = string(r.bytes())
			switch r.byte() {
			case 0:
				rec.Missing = true
			case 1:
				rec.Dev, rec.Ino = r.uvarint(), r.uvarint()
				mode := r.uvarint()
				rec.Mode = uint32(mode)
				if uint64(rec.Mode) != mode {
					r.bad = true
				}
				rec.Size, rec.Mtime, rec.Ctime = r.varint(), r.varint(), r.varint()
			default:
				r.bad = true
			}
		}
	}
	if r.bad || len(r.b) != 0 {
		return nil, ErrCorrupt
	}
	return s, nil
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 || n != uvarintLen(uint64(v<<1)^uint64(v>>63)) {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) byte() byte {
	if len(r.b) == 0 {
		r.bad = true
		return 0xff
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// stampName names the stamp of the tree under out that k's entry wrote:
// one stamp per spec and tree, so specs sharing a tree (a monorepo's
// services at its root) keep one each.
func stampName(k *Key, tree string) string {
	return hashName(appendBytes(append([]byte{}, k.ident...), []byte(tree))) + ".tree"
}

// GetStamp returns the stamp stored for k's entry and tree (the output
// root and the folders compared, in a string the caller forms), or false.
func (c *Cache) GetStamp(k *Key, tree string) (*Stamp, bool) {
	if c == nil {
		return nil, false
	}
	data, err := rawfile.ReadFile(filepath.Join(c.dir, stampName(k, tree)))
	if err != nil {
		return nil, false
	}
	s, err := DecodeStamp(data)
	return s, err == nil
}

// PutStamp stores s for k's entry and tree, in place like Put.
func (c *Cache) PutStamp(k *Key, tree string, s *Stamp) error {
	if c == nil {
		return nil
	}
	return c.write(stampName(k, tree), EncodeStamp(s))
}
