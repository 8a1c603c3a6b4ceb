package rawfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ReadFile reads what os.ReadFile reads, and fails where it fails with
// the same kind of error.
func TestReadFileLikeOS(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"empty": "",
		"small": "pipeline \"x\" {}\n",
		"large": strings.Repeat("0123456789abcdef", 70_000), // several reads
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"empty", "small", "large", "missing", "."} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			want, wantErr := os.ReadFile(p)
			got, err := ReadFile(p)
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("err = %v, os.ReadFile's %v", err, wantErr)
			}
			if err != nil {
				if errors.Is(wantErr, fs.ErrNotExist) != errors.Is(err, fs.ErrNotExist) {
					t.Errorf("err = %v, os.ReadFile's %v: not the same kind", err, wantErr)
				}
				var pe *fs.PathError
				if !errors.As(err, &pe) || pe.Path != p {
					t.Errorf("err = %#v, want a *fs.PathError for %s", err, p)
				}
				return
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("contents (-os.ReadFile +ReadFile):\n%s", diff)
			}
		})
	}
}

func TestStat(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size != 5 || !st.ModTime.Equal(info.ModTime()) {
		t.Errorf("Stat = %+v; os.Stat says size 5, modified %v", st, info.ModTime())
	}
}
