#!/usr/bin/env bash
# Tekton backend conformance: decode every generated Tekton Pipelines and
# Triggers object strictly into the real v1.12.0 / v0.36.0 types and run
# their SetDefaults + Validate (fixtures and testdata/golden/**/*.txtar).
# The first cold run downloads and builds the Tekton/Kubernetes graph
# (about a minute on 2 cores with a warm module cache, several without).
# Then it runs the generated GitOps publish steps with real git and
# kustomize (TestPublishEnvironment), which `go test ./...` skips when
# kustomize is not installed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"

if ! command -v git > /dev/null; then
  apt-get update -qq && apt-get install -y -qq git > /dev/null
fi
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
# go install pkg@version builds outside this module; the checksum database
# verifies every module it downloads.
(cd "$bin" && GOBIN="$bin" GOFLAGS=-mod=mod go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.2)
PATH="$bin:$PATH" PIPEC_REQUIRE_KUSTOMIZE=1 go test -count=1 -run 'TestPublishEnvironment' ./backends/tekton

cd "$root/conformance/tekton"
go vet ./...
go test ./...
