package yamlout

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// arenaFile is one file as a test writes it into an Arena: header text,
// then, unless nil, a value encoded after it.
type arenaFile struct {
	header string
	value  any
}

func (f arenaFile) want(t *testing.T) string {
	t.Helper()
	if f.value == nil {
		return f.header
	}
	y, err := Marshal(f.value)
	if err != nil {
		t.Fatal(err)
	}
	return f.header + string(y)
}

func TestArena(t *testing.T) {
	big := map[string]string{"script": strings.Repeat("echo hello\n", 4000)} // past firstBlock
	tests := []struct {
		name  string
		files []arenaFile
	}{
		{"one file", []arenaFile{{"# generated\n", step{Name: "a"}}}},
		{"empty files", []arenaFile{{"", nil}, {"# h\n", nil}, {"", nil}}},
		{"empty between files", []arenaFile{{"# a\n", []int{1}}, {"", nil}, {"# c\n", []int{3}}}},
		{"small files share a block", []arenaFile{{"# 1\n", step{Name: "x"}}, {"# 2\n", step{Name: "y"}}, {"# 3\n", step{Name: "z"}}}},
		{"file outgrows the first block", []arenaFile{{"# small\n", step{Name: "a"}}, {"# big\n", big}, {"# after\n", step{Name: "b"}}}},
		{"header outgrows the first block", []arenaFile{{strings.Repeat("#\n", firstBlock), nil}, {"# next\n", []string{"a"}}}},
		{"files past maxBlock", []arenaFile{{"", map[string]string{"a": strings.Repeat("x\n", maxBlock)}}, {"", big}, {"", big}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Arena
			var got, want []string
			var files [][]byte
			for _, f := range tt.files {
				a.WriteString(f.header)
				if f.value != nil {
					if err := a.Encode(f.value); err != nil {
						t.Fatal(err)
					}
				}
				data := a.Finish()
				if len(data) != cap(data) {
					t.Errorf("file %d: len %d, cap %d: appending would write into the next file", len(files), len(data), cap(data))
				}
				files = append(files, data)
				want = append(want, f.want(t))
			}
			for _, f := range files {
				got = append(got, string(f))
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("files (-want +got)\n%s", diff)
			}
		})
	}
}

// TestArenaFilesDoNotAlias appends to and overwrites finished files and
// checks the others are unchanged.
func TestArenaFilesDoNotAlias(t *testing.T) {
	var a Arena
	var files [][]byte
	for _, s := range []string{"first\n", "", "second\n", "third\n"} {
		a.WriteString(s)
		files = append(files, a.Finish())
	}
	for i := range files {
		files[i] = append(files[i], "appended"...)
	}
	a.WriteString("fourth\n")
	fourth := a.Finish()
	for i := range files {
		for j := range files[i] {
			files[i][j] = '!'
		}
	}
	want := "fourth\n"
	if diff := cmp.Diff(want, string(fourth)); diff != "" {
		t.Errorf("file written after the others changed (-want +got)\n%s", diff)
	}
}

// TestArenaGrowth checks that a run of small files needs few blocks and
// that a big file moves O(log size) times, not every time append would
// grow it.
func TestArenaGrowth(t *testing.T) {
	tests := []struct {
		name      string
		files     int
		size      int // bytes per file
		maxBlocks int
	}{
		{"many small files", 1000, 300, 6}, // 300 KB in 16, 32, 64, 128, 256 KiB blocks
		{"one big file", 1, 1 << 20, 8},    // 16 KiB doubling to past 1 MiB
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Arena
			line := strings.Repeat("x", 99) + "\n"
			blocks := 0
			for range tt.files {
				for n := 0; n < tt.size; n += len(line) {
					before := cap(a.cur)
					a.WriteString(line)
					if cap(a.cur) != before {
						blocks++
					}
				}
				a.Finish()
			}
			if blocks > tt.maxBlocks {
				t.Errorf("%d blocks, want at most %d", blocks, tt.maxBlocks)
			}
		})
	}
}

// TestArenaEncodeError checks that a file whose value cannot be written
// leaves the following files intact.
func TestArenaEncodeError(t *testing.T) {
	var a Arena
	a.WriteString("# bad\n")
	if err := a.Encode(map[int]string{1: "a"}); err == nil {
		t.Fatal("no error for an int-keyed map")
	}
	a.Finish()
	a.WriteString("# good\n")
	if err := a.Encode([]string{"a"}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff("# good\n- a\n", string(a.Finish())); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestArenaEncodeGrowth checks that the encoder takes room from the arena
// as it writes, so a big file allocates one block per doubling rather than
// each time append would grow it by a quarter.
func TestArenaEncodeGrowth(t *testing.T) {
	items := make([]string, 20000) // about 240 KB written
	for i := range items {
		items[i] = "item-" + strings.Repeat("x", i%10)
	}
	allocs := testing.AllocsPerRun(5, func() {
		var a Arena
		if err := a.Encode(items); err != nil {
			t.Fatal(err)
		}
		a.Finish()
	})
	// Blocks of 16, 32, 64, 128, 256 and 512 KiB, and the call's own
	// allocations (items as an any); growing by append makes about 30.
	if allocs > 8 {
		t.Errorf("%v allocations, want at most 8", allocs)
	}
}
