package main

import "flag"

// cmdFlags is one command's flag set, with the command and env its help
// and PATH errors print to, so a command declares its own flags and
// leaves parsing, -h and the PATH argument to parsePath.
type cmdFlags struct {
	*flag.FlagSet
	c *command
	e *env
}

// flagsFor starts the flags of the registered command name.
func flagsFor(name string, e *env) *cmdFlags {
	c := commands[name]
	return &cmdFlags{FlagSet: newFlags(c, e), c: c, e: e}
}

// vars declares -var and -var-file.
func (f *cmdFlags) vars() *varFlags {
	v := &varFlags{}
	v.register(f.FlagSet)
	return v
}

// targets declares the repeatable --target flag; usage says what the
// command does with the list.
func (f *cmdFlags) targets(usage string) *stringList {
	t := &stringList{}
	f.Var(t, "target", usage)
	return t
}

// parsePath parses args and returns the one PATH argument ("." when
// there is none). When ok is false the command returns code: exitOK after
// -h, exitUsage on a bad flag or a second PATH.
func (f *cmdFlags) parsePath(args []string) (path string, code int, ok bool) {
	pos, code, ok := parseFlags(f.FlagSet, args, f.e)
	if !ok {
		return "", code, false
	}
	if path, ok = onePath(pos, f.c, f.e); !ok {
		return "", exitUsage, false
	}
	return path, exitOK, true
}

// parsePaths is parsePath for commands that take several specs (a
// monorepo's services in one pre-commit hook or CI step).
func (f *cmdFlags) parsePaths(args []string) (paths []string, code int, ok bool) {
	pos, code, ok := parseFlags(f.FlagSet, args, f.e)
	if !ok {
		return nil, code, false
	}
	if len(pos) == 0 {
		pos = []string{"."}
	}
	return pos, exitOK, true
}
