package rawfile

import (
	"io"
	"io/fs"
	"time"
)

// Info is what Stat tells of a file.
type Info struct {
	Size    int64
	ModTime time.Time
}

// ReadFile reads the whole file at path, as os.ReadFile does.
func ReadFile(path string) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size
	// One byte more than the size, so that a file that grew since is
	// read to its end, and a file that has not reaches it in one read.
	data := make([]byte, 0, size+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// pathError wraps a system call's error as package os does, so that
// errors.Is(err, fs.ErrNotExist) and describeErr-style messages work.
func pathError(op, path string, err error) error {
	if err == nil {
		return nil
	}
	return &fs.PathError{Op: op, Path: path, Err: err}
}
