package buildcache

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sampleStamp() *Stamp {
	return &Stamp{Entry: 42, Before: 1_700_000_000_000_000_000, Records: []Record{
		{Path: ".github/workflows", Dev: 2049, Ino: 7, Mode: 0o40755, Size: 4096, Mtime: 1_600_000_000_000_000_000, Ctime: 1_600_000_000_000_000_001},
		{Path: ".tekton", Missing: true},
		{Path: ".github/workflows/a.yml", Dev: 2049, Ino: 8, Mode: 0o100644, Size: 10, Mtime: -1, Ctime: 1_699_999_999_999_999_999},
	}}
}

func TestStampEncodeDecode(t *testing.T) {
	for _, s := range []*Stamp{sampleStamp(), {}} {
		got, err := DecodeStamp(EncodeStamp(s))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s, got); diff != "" {
			t.Errorf("stamp (-want +got):\n%s", diff)
		}
	}
}

func TestStampDamage(t *testing.T) {
	data := EncodeStamp(sampleStamp())
	for n := 0; n < len(data); n++ {
		if _, err := DecodeStamp(data[:n]); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("truncated to %d bytes: err = %v", n, err)
		}
	}
	for i := range data {
		bad := append([]byte{}, data...)
		bad[i] ^= 0x10
		if _, err := DecodeStamp(bad); !errors.Is(err, ErrCorrupt) {
			t.Fatalf("byte %d changed: err = %v", i, err)
		}
	}
}

func TestStampTrusted(t *testing.T) {
	const before = 100e9 + 500
	for _, tc := range []struct {
		name  string
		ctime int64
		want  bool
	}{
		{"changed before", before - 1, true},
		{"changed at the limit", before, false},
		{"changed after", before + 1, false},
		// A time in whole seconds may be a coarse file system's: it must
		// be older by more than any such step.
		{"whole seconds, long before", 90e9, true},
		{"whole seconds, 2 s before", 98e9, false},
		{"whole seconds, just before", 100e9, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Stamp{Before: before, Records: []Record{{Path: "gone", Missing: true}, {Path: "old", Ctime: 1}, {Path: "f", Ctime: tc.ctime}}}
			if got := s.Trusted(); got != tc.want {
				t.Errorf("Trusted() = %v, want %v", got, tc.want)
			}
		})
	}
}

// Each tree has its own stamp, and each spec's entry its own per tree.
func TestStampPerTree(t *testing.T) {
	c := New(t.TempDir())
	a, b := key("spec-a", "v1"), key("spec-b", "v1")
	stamps := map[string]*Stamp{}
	for i, name := range []string{"a out1", "a out2", "b out1"} {
		s := &Stamp{Entry: uint64(i + 1)}
		stamps[name] = s
		k, tree := a, name[2:]
		if name[0] == 'b' {
			k = b
		}
		if err := c.PutStamp(k, tree, s); err != nil {
			t.Fatal(err)
		}
	}
	for name, want := range stamps {
		k, tree := a, name[2:]
		if name[0] == 'b' {
			k = b
		}
		got, ok := c.GetStamp(k, tree)
		if !ok || got.Entry != want.Entry {
			t.Errorf("GetStamp(%s) = %v, %v; want entry %d", name, got, ok, want.Entry)
		}
	}
	// A shorter stamp written over a longer one reads back whole.
	long := sampleStamp()
	if err := c.PutStamp(a, "out1", long); err != nil {
		t.Fatal(err)
	}
	if err := c.PutStamp(a, "out1", &Stamp{Entry: 9}); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.GetStamp(a, "out1"); !ok || got.Entry != 9 || len(got.Records) != 0 {
		t.Errorf("GetStamp after a shorter PutStamp = %+v, %v", got, ok)
	}
}

// FuzzDecodeStamp: any body with a valid checksum decodes without a
// panic, and what decodes encodes back to the same bytes.
func FuzzDecodeStamp(f *testing.F) {
	body := func(data []byte) []byte { return data[len(stampMagic) : len(data)-4] }
	f.Add(body(EncodeStamp(sampleStamp())))
	f.Add(body(EncodeStamp(&Stamp{})))
	f.Fuzz(func(t *testing.T, b []byte) {
		data := append([]byte(stampMagic), b...)
		data = binary.BigEndian.AppendUint32(data, crc32.ChecksumIEEE(data))
		s, err := DecodeStamp(data)
		if err != nil {
			return
		}
		if again := EncodeStamp(s); string(again) != string(data) {
			t.Fatalf("decoded stamp encodes differently:\n%q\n%q", data, again)
		}
	})
}
