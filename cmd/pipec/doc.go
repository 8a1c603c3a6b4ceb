// Command pipec compiles a pipec.hcl delivery spec into GitHub Actions
// workflows, Tekton pipelines and an Argo CD / Argo Rollouts GitOps tree.
package main
