package main

import (
	"flag"

	"github.com/hashicorp/hcl/v2"
	"github.com/pipec-dev/pipec/lang"
)

// varFlags collects -var and -var-file in command-line order.
type varFlags struct{ args []lang.VarArg }

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
		opt.Vars = vars.args
	}
	return opt
}

func langVar(s string) lang.VarArg { return lang.VarArg{Value: s} }
