// Package gha is pipec's GitHub Actions backend. It owns the workflow a
// spec compiles to (.github/workflows/<pipeline>.yml: tests, image build,
// scan and publish, deploys per environment that publish the environment's
// overlay with its own copy of the base, sync when Argo CD does not, wait
// for healthy and run E2E, soaks that watch the previous environment, and
// the branches job that matches GitHub's branch globs exactly)
// and the manual rollback workflow (.github/workflows/<pipeline>-rollback.yml).
//
// Everything is emitted from the typed structs in workflow.go, marshalled in
// declared field order (yaml.go), so the output reads name, on, permissions,
// jobs and is byte-for-byte deterministic. Every action is pinned by commit
// SHA from the one table in actions.go. Runtime values never reach a run:
// script as ${{ }}: they go through the step's env (values.go). Deploys
// push to a github.com GitOps repository through actions/checkout and to
// any other host with plain git over HTTPS, the token given to git by a
// credential helper from the env (gitops.go, gitops_git.go).
package gha
