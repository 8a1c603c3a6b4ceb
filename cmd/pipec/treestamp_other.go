//go:build !linux

package main

import (
	"os"
	"strconv"

	"github.com/pipec-dev/pipec/internal/buildcache"
)

// lstatWorks is false where pipec has not been shown to read a change
// time it can trust; every build there reads the tree.
const lstatWorks = false

func lstatRecord(out, rel string) (buildcache.Record, bool) { return buildcache.Record{}, false }

// fileStamp is a file's size and modification time.
func fileStamp(path string) (string, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return "", false
	}
	return strconv.FormatInt(st.Size(), 10) + " " + strconv.FormatInt(st.ModTime().UnixNano(), 10), true
}

func localFS(path string) bool { return false }
