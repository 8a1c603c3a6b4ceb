package main

import (
	"os"
	"path/filepath"
	"syscall"
	"unsafe"

	"github.com/pipec-dev/pipec/internal/buildcache"
)

// read fills the snapshot with readDirents.
func (s *treeSnapshot) read(out string) bool { return s.readDirents(out) }

// readDirents fills the snapshot as readWalk does, with the system calls
// themselves: os.ReadFile and filepath.WalkDir cost ten calls per file
// (fcntl and epoll_ctl for a poller that cannot take a regular file,
// fstat), an *os.File with a cleanup each and a path string per entry.
// Here a folder is openat and getdents64, a file openat, read until
// end of file and close, and the contents of all files share growing
// blocks. On the seed's 31 files the snapshot takes 0.35 ms instead of
// 0.56 (medians of 300 cold runs), which leaves the second CPU free
// sooner and less often busy when the compile ends.
//
// It reports false (planOutput then reads the tree itself, as without a
// snapshot) for anything readWalk would handle differently or not at
// all: a root that is a symlink or not a folder, an unreadable entry, a
// tree over the budget.
func (s *treeSnapshot) readDirents(out string) bool {
	r := direntReader{s: s, out: out, dirents: make([]byte, 8<<10)}
	for _, root := range s.roots {
		ok, err := r.subfolder(_AT_FDCWD, filepath.Join(out, filepath.FromSlash(root)), root)
		if err == syscall.ENOENT {
			// No root, nothing under it.
			s.folders = append(s.folders, buildcache.Record{Path: root, Missing: true})
			continue
		}
		if !ok {
			return false
		}
	}
	s.statted = s.stat
	return !r.over
}

// _AT_FDCWD makes openat resolve a path as open does (the syscall
// package names it for some systems only).
const _AT_FDCWD = -0x64

type direntReader struct {
	s       *treeSnapshot
	out     string
	over    bool   // past snapshotBudget: only metadata is recorded now
	dirents []byte // getdents64's buffer, shared by every folder
	data    []byte // file contents; the spare capacity is for the next
	size    int64  // bytes read so far
}

// subfolder opens the folder name in dirfd (never through a symlink),
// records it as folder does, and closes it; err is the open's error.
func (r *direntReader) subfolder(dirfd int, name, rel string) (bool, error) {
	fd, err := openat(dirfd, name, syscall.O_DIRECTORY|syscall.O_NOFOLLOW)
	if err != nil {
		return false, err
	}
	defer syscall.Close(fd)
	r.s.dirs[rel] = true
	if r.s.stat {
		meta, ok := fstatRecord(fd, rel)
		if !ok {
			return false, nil
		}
		r.s.folders = append(r.s.folders, meta)
	}
	return r.folder(fd, rel), nil
}

// folder records the entries of the open folder fd, whose slash path
// relative to out is rel, and those of its subfolders.
func (r *direntReader) folder(fd int, rel string) bool {
	// Entries are collected first: the shared buffer is refilled by the
	// subfolders.
	type entry struct {
		name string
		typ  byte
	}
	var entries []entry
	for {
		n, err := getdents(fd, r.dirents)
		if err != nil {
			return false
		}
		if n == 0 {
			break
		}
		for off := 0; off < n; {
			// struct linux_dirent64: ino u64, off s64, reclen u16, type
			// u8, then the name, NUL-terminated.
			reclen := int(*(*uint16)(unsafe.Pointer(&r.dirents[off+16])))
			typ := r.dirents[off+18]
			name := r.dirents[off+19 : off+reclen]
			for i, c := range name {
				if c == 0 {
					name = name[:i]
					break
				}
			}
			if s := string(name); s != "." && s != ".." {
				entries = append(entries, entry{s, typ})
			}
			off += reclen
		}
	}
	for _, e := range entries {
		path := rel + "/" + e.name
		typ := e.typ
		if typ == syscall.DT_UNKNOWN {
			// Some file systems do not say; ask as WalkDir would.
			fi, err := os.Lstat(filepath.Join(r.out, filepath.FromSlash(path)))
			if err != nil {
				return false
			}
			switch {
			case fi.IsDir():
				typ = syscall.DT_DIR
			case fi.Mode().IsRegular():
				typ = syscall.DT_REG
			default:
				typ = syscall.DT_LNK // anything else: not read
			}
		}
		switch {
		case typ == syscall.DT_DIR:
			if ok, _ := r.subfolder(fd, e.name, path); !ok {
				return false
			}
		case typ != syscall.DT_REG || !isYAMLName(path):
			r.s.entries[path] = snapEntry{}
		case r.over:
			meta, ok := lstatRecord(r.out, path)
			if !ok || meta.Missing {
				return false
			}
			r.s.files[path] = meta
		default:
			data, meta, ok := r.file(fd, e.name, path)
			switch {
			case !ok:
				return false
			case r.over:
				// The snapshot is no longer usable; let its data go, and
				// walk on for the metadata a stamp needs.
				r.s.entries, r.data = map[string]snapEntry{}, nil
			default:
				r.s.entries[path] = snapEntry{data: data, read: true}
			}
			if r.s.stat {
				r.s.files[path] = meta
			}
		}
	}
	return true
}

// file reads the file name (rel under out) in the folder dirfd to its
// end, after its metadata when the snapshot records them.
func (r *direntReader) file(dirfd int, name, rel string) (data []byte, meta buildcache.Record, ok bool) {
	fd, err := openat(dirfd, name, syscall.O_NOFOLLOW)
	if err != nil {
		return nil, meta, false
	}
	defer syscall.Close(fd)
	if r.s.stat {
		if meta, ok = fstatRecord(fd, rel); !ok {
			return nil, meta, false
		}
	}
	start := len(r.data)
	for {
		if cap(r.data)-len(r.data) < 4<<10 {
			// A new block; only this file's bytes move to it.
			block := make([]byte, len(r.data)-start, max(64<<10, 2*(len(r.data)-start)+4<<10))
			copy(block, r.data[start:])
			r.data, start = block, 0
		}
		n, err := read(fd, r.data[len(r.data):cap(r.data)])
		if err != nil {
			return nil, meta, false
		}
		if n == 0 {
			break
		}
		r.data = r.data[:len(r.data)+n]
		if r.size += int64(n); r.size > snapshotBudget {
			r.over = true
			return nil, meta, r.s.stat // without stat there is nothing to walk on for
		}
	}
	// Full slice: the next file's bytes go after, never into this one.
	return r.data[start:len(r.data):len(r.data)], meta, true
}

// The calls below retry when a signal interrupts them (the runtime's
// preemption signals can), as package os does.

func openat(dirfd int, path string, flags int) (int, error) {
	for {
		fd, err := syscall.Openat(dirfd, path, flags|syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}

func getdents(fd int, buf []byte) (int, error) {
	for {
		n, err := syscall.Getdents(fd, buf)
		if err != syscall.EINTR {
			return n, err
		}
	}
}

func read(fd int, buf []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, buf)
		if err != syscall.EINTR {
			return n, err
		}
	}
}
