package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCompareFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, disk, want string
		same             bool
		old              string
	}{
		{"equal", "abc\n", "abc\n", true, ""},
		{"same size, other bytes", "abd\n", "abc\n", false, "abd\n"},
		{"shorter on disk", "ab\n", "abc\n", false, "ab\n"},
		{"longer on disk", "abcdef\n", "abc\n", false, "abcdef\n"},
		{"empty", "", "", true, ""},
	}
	var buf []byte
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, []byte(tt.disk), 0o644); err != nil {
			t.Fatal(err)
		}
		old, same, err := compareFile(path, []byte(tt.want), &buf)
		if err != nil {
			t.Fatal(err)
		}
		if same != tt.same || string(old) != tt.old {
			t.Errorf("%s: same %v old %q, want %v %q", tt.name, same, old, tt.same, tt.old)
		}
	}
	if _, _, err := compareFile(filepath.Join(dir, "missing"), nil, &buf); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
	// The reused buffer must not leak into a returned old content.
	old, _, _ := compareFile(filepath.Join(dir, "same size, other bytes"), []byte("abc\n"), &buf)
	compareFile(filepath.Join(dir, "equal"), []byte("abc\n"), &buf)
	if diff := cmp.Diff("abd\n", string(old)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
