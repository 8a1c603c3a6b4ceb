package main

import (
	"fmt"
	"runtime/debug"
)

// version is set by the release build with -ldflags "-X main.version=...".
var version = ""

func init() {
	register(&command{
		name:    "version",
		summary: "Print pipec's version.",
		usage:   "pipec version",
		run: func(args []string, e *env) int {
			fmt.Fprintf(e.stdout, "pipec %s\n", currentVersion())
			return exitOK
		},
	})
}

func currentVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
