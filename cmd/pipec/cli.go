package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes.
const (
	exitOK    = 0
	exitSpec  = 1 // the spec has errors, or --check found drift
	exitUsage = 2
)

// env is the process environment a command runs in; tests substitute it.
type env struct {
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	environ []string
}

func (e *env) getenv(k string) string {
	for _, kv := range e.environ {
		if name, v, ok := strings.Cut(kv, "="); ok && name == k {
			return v
		}
	}
	return ""
}

type command struct {
	name    string
	summary string
	usage   string
	run     func(args []string, e *env) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

func run(args []string, e *env) (code int) {
	// A panic is a bug in pipec; say so plainly instead of a Go trace.
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "pipec: internal error: %v\nThis is a bug in pipec; please report it with the spec and the command.\n", r)
			code = exitSpec
		}
	}()
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			if c := commands[args[1]]; c != nil {
				fmt.Fprintf(e.stdout, "usage: %s\n\n%s\n", c.usage, c.summary)
				return exitOK
			}
		}
		usage(e.stdout)
		return exitOK
	case "-v", "--version":
		args = []string{"version"}
	}
	c := commands[args[0]]
	if c == nil {
		fmt.Fprintf(e.stderr, "pipec: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return exitUsage
	}
	return c.run(args[1:], e)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "pipec compiles a delivery spec (pipec.hcl) into CI workflows and a GitOps tree.")
	fmt.Fprintln(w, "\nUsage: pipec <command> [flags] [PATH]\n\nCommands:")
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'pipec <command> --help' for a command's flags.")
}

// newFlags returns a FlagSet that prints the command's usage on -h.
func newFlags(c *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n\n%s\n\nFlags:\n", c.usage, c.summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags anywhere among the arguments (pipec build DIR
// --target x works as well as pipec build --target x DIR) and returns the
// positional arguments. ok is false after -h (code 0) or a usage error (2).
func parseFlags(fs *flag.FlagSet, args []string, e *env) (pos []string, code int, ok bool) {
	// Help goes to stdout with exit 0; the flag package would print it to
	// stderr first.
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, exitOK, false
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				fs.SetOutput(e.stdout)
				fs.Usage()
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// onePath returns the single PATH argument, defaulting to ".".
func onePath(pos []string, c *command, e *env) (string, bool) {
	switch len(pos) {
	case 0:
		return ".", true
	case 1:
		return pos[0], true
	}
	fmt.Fprintf(e.stderr, "pipec %s: too many arguments %q\nusage: %s\n", c.name, pos[1:], c.usage)
	return "", false
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
