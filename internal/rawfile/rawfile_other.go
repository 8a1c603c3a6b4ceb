//go:build !linux

package rawfile

import "os"

// File is an open file.
type File struct{ f *os.File }

// Open opens path for reading.
func Open(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return &File{f}, nil
}

// Stat returns the file's size and modification time.
func (f *File) Stat() (Info, error) {
	st, err := f.f.Stat()
	if err != nil {
		return Info{}, err
	}
	return Info{Size: st.Size(), ModTime: st.ModTime()}, nil
}

// Read reads into b; at the end of the file it returns 0, io.EOF.
func (f *File) Read(b []byte) (int, error) { return f.f.Read(b) }

// Close closes the file.
func (f *File) Close() error { return f.f.Close() }
