package main

func init() {
	register(&command{
		name:    "validate",
		summary: "Check a spec and report every error and warning.",
		usage:   "pipec validate [-var NAME=VALUE] [-var-file FILE] [PATH]",
		run:     runValidate,
	})
}

func runValidate(args []string, e *env) int {
	c := commands["validate"]
	fs := newFlags(c, e)
	var vars varFlags
	vars.register(fs)
	pos, code, ok := parseFlags(fs, args, e)
	if !ok {
		return code
	}
	path, ok := onePath(pos, c, e)
	if !ok {
		return exitUsage
	}
	m, diags := load(path, &vars, e)
	writeDiags(e.stderr, m, diags)
	if diags.HasErrors() {
		return exitSpec
	}
	return exitOK
}
