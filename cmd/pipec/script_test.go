package main

import (
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite golden files and scripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"pipec": func() {
			// The test binary was linked moments ago, too recently for
			// the cache to tell it from a rebuild by its times; it is one
			// build of pipec for the scripts.
			executable = stubExecutable
			os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, environ: os.Environ()}))
		},
	})
}

// stubExecutable stands for one build of pipec in tests.
func stubExecutable() (string, string, bool) { return "/test/pipec", "test build", true }

// TestScript runs the CLI scripts in testdata/script: one behaviour per
// file, each a txtar archive with commands and expected output.
func TestScript(t *testing.T) {
	wd, _ := os.Getwd()
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Setup: func(e *testscript.Env) error {
			// Scripts can copy the seed with: cp $SEED/pipec.hcl .
			e.Setenv("SEED", wd+"/../../examples/seed")
			// No build cache unless a script asks for one: HOME is
			// /no-home, which a test run as root would create.
			e.Setenv("PIPEC_CACHE", "off")
			return nil
		},
	})
}
