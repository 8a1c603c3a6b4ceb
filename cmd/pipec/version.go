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
			fs := newFlags(commands["version"], e)
			pos, code, ok := parseFlags(fs, args, e)
			if !ok {
				return code
			}
			if len(pos) > 0 {
				fmt.Fprintf(e.stderr, "pipec version: unexpected argument %q\nusage: pipec version\n", pos[0])
				return exitUsage
			}
			fmt.Fprintf(e.stdout, "pipec %s\n", currentVersion())
			return exitOK
		},
	})
}

func currentVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			return bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				return "dev-" + s.Value[:12]
			}
		}
	}
	return "dev"
}
