//go:build !linux

package main

import "github.com/pipec-dev/pipec/internal/buildcache"

// lstatWorks is false where pipec has not been shown to read a change
// time it can trust; every build there reads the tree.
const lstatWorks = false

func lstatRecord(out, rel string) (buildcache.Record, bool) { return buildcache.Record{}, false }
