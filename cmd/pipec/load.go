package main

import (
	"flag"
	"os"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang"
)

// varFlags collects -var and -var-file in command-line order.
type varFlags struct{ args []lang.VarArg }

// read reads every -var-file once, for the cache key and the compile
// alike: a pipe (-var-file <(...)) can be read only once, and a file
// read twice could change in between. A file that cannot be read is
// left for the compile to report.
func (v *varFlags) read() {
	for i := range v.args {
		if a := &v.args[i]; a.File && a.Data == nil {
			if data, err := os.ReadFile(a.Value); err == nil {
				a.Data = data
			}
		}
	}
}

func (v *varFlags) register(fs *flag.FlagSet) {
	fs.Func("var", "set a variable: -var NAME=VALUE (repeatable)", func(s string) error {
		v.args = append(v.args, lang.VarArg{Value: s})
		return nil
	})
	fs.Func("var-file", "read variables from an HCL file (repeatable)", func(s string) error {
		v.args = append(v.args, lang.VarArg{File: true, Value: s})
		return nil
	})
}

func load(path string, vars *varFlags, e *env) (*lang.Module, hcl.Diagnostics) {
	return lang.Load(path, loadOptions(vars, e))
}

func loadOptions(vars *varFlags, e *env) lang.Options {
	opt := lang.Options{Environ: e.environ}
	if vars != nil {
		vars.read()
		opt.Vars = vars.args
	}
	return opt
}

func langVar(s string) lang.VarArg { return lang.VarArg{Value: s} }
