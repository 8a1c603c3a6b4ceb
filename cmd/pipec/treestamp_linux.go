package main

import (
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/pipec-dev/pipec/internal/buildcache"
)

// lstatWorks: Linux file systems keep a change time that no system call
// can set, which is what makes a stamp safe to trust.
const lstatWorks = true

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
	return recordOf(rel, &st), true
}

// fstatRecord is the stamp record of the open file fd, at rel.
func fstatRecord(fd int, rel string) (buildcache.Record, bool) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(fd, &st)
		if err == nil {
			return recordOf(rel, &st), true
		}
		if err != syscall.EINTR {
			return buildcache.Record{}, false
		}
	}
}

func recordOf(rel string, st *syscall.Stat_t) buildcache.Record {
	return buildcache.Record{
		Path: rel, Dev: uint64(st.Dev), Ino: uint64(st.Ino), Mode: uint32(st.Mode), Size: st.Size,
		Mtime: syscall.TimespecToNsec(st.Mtim), Ctime: syscall.TimespecToNsec(st.Ctim),
	}
}

// fileStamp is a file's identity and change time: a file rebuilt,
// replaced or copied over (even with cp -p, which keeps the modification
// time, or at the same size) has another. ok is false for a file changed
// so recently that a second change could keep its times (the rule tree
// stamps follow): the build then does not use the cache.
func fileStamp(path string, now time.Time) (string, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return "", false
	}
	r := recordOf("", &st)
	if !(&buildcache.Stamp{Before: now.Add(-stampMargin).UnixNano(), Records: []buildcache.Record{r}}).Trusted() {
		return "", false
	}
	return strconv.FormatUint(r.Dev, 10) + " " + strconv.FormatUint(r.Ino, 10) + " " + strconv.FormatInt(r.Size, 10) + " " +
		strconv.FormatInt(r.Mtime, 10) + " " + strconv.FormatInt(r.Ctime, 10), true
}

// localFS reports whether the file system holding path keeps the times
// a stamp relies on itself. Network and FUSE file systems are refused:
// an NFS client may answer lstat from attributes cached for seconds, and
// a FUSE server or a remote host keeps times by its own clock.
func localFS(path string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return false
	}
	switch uint32(st.Type) {
	case 0x6969, // NFS
		0x517b,     // SMB
		0xff534d42, // CIFS
		0xfe534d42, // SMB2
		0x65735546, // FUSE (sshfs, virtiofs, ...)
		0x00c36400, // Ceph
		0x5346414f, // AFS
		0x73757245, // Coda
		0x01021997, // 9p
		0x564c,     // NCP
		0x47504653: // GPFS
		return false
	}
	return true
}
