//go:build !linux

package main

import (
	"os"
	"strconv"
	"time"

	"github.com/pipec-dev/pipec/internal/buildcache"
)

// lstatWorks is false where pipec has not been shown to read a change
// time it can trust; every build there reads the tree.
const lstatWorks = false

func lstatRecord(out, rel string) (buildcache.Record, bool) { return buildcache.Record{}, false }

// fileStamp is a file's size and modification time; ok is false for a
// file modified in the last 3 seconds, whose time may not tell two
// versions apart.
func fileStamp(path string, now time.Time) (string, bool) {
	st, err := os.Stat(path)
	if err != nil || now.Sub(st.ModTime()) < 3*time.Second {
		return "", false
	}
	return strconv.FormatInt(st.Size(), 10) + " " + strconv.FormatInt(st.ModTime().UnixNano(), 10), true
}

func localFS(path string) bool { return false }
