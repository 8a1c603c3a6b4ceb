package main

import (
	"path/filepath"
	"syscall"

	"github.com/pipec-dev/pipec/internal/buildcache"
)

// lstatWorks: Linux file systems keep a change time that no system call
// can set, which is what makes a stamp safe to trust.
const lstatWorks = true

// The file type bits of a stat mode, and the types stamps accept.
const (
	syscallTypeMask = syscall.S_IFMT
	syscallRegular  = syscall.S_IFREG
	syscallDir      = syscall.S_IFDIR
)

// lstatRecord is the stamp record of rel under out; ok is false when
// lstat fails other than with "no such file".
func lstatRecord(out, rel string) (buildcache.Record, bool) {
	var st syscall.Stat_t
	err := syscall.Lstat(filepath.Join(out, filepath.FromSlash(rel)), &st)
	if err == syscall.ENOENT {
		return buildcache.Record{Path: rel, Missing: true}, true
	}
	if err != nil {
		return buildcache.Record{}, false
	}
	return buildcache.Record{
		Path: rel, Dev: uint64(st.Dev), Ino: uint64(st.Ino), Mode: uint32(st.Mode), Size: st.Size,
		Mtime: syscall.TimespecToNsec(st.Mtim), Ctime: syscall.TimespecToNsec(st.Ctim),
	}, true
}
