// Command pipec compiles a pipec.hcl delivery spec into GitHub Actions
// workflows, Tekton pipelines and an Argo CD / Argo Rollouts GitOps tree.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, environ: os.Environ()}))
}
