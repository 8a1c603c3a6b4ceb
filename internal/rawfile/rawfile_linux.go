package rawfile

import (
	"io"
	"syscall"
	"time"
)

// File is an open file, read with read(2).
type File struct {
	fd   int
	path string
}

// Open opens path for reading.
func Open(path string) (*File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, pathError("open", path, err)
		}
		return &File{fd: fd, path: path}, nil
	}
}

// Stat returns the file's size and modification time.
func (f *File) Stat() (Info, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(f.fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return Info{}, pathError("stat", f.path, err)
		}
		return Info{Size: st.Size, ModTime: time.Unix(st.Mtim.Unix())}, nil
	}
}

// Read reads into b; at the end of the file it returns 0, io.EOF.
func (f *File) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	for {
		n, err := syscall.Read(f.fd, b)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, pathError("read", f.path, err)
		}
		if n == 0 {
			return 0, io.EOF
		}
		return n, nil
	}
}

// Close closes the file.
func (f *File) Close() error { return pathError("close", f.path, syscall.Close(f.fd)) }
