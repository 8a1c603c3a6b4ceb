#!/usr/bin/env bash
# Tekton backend conformance: decode every generated Tekton Pipelines and
# Triggers object strictly into the real v1.12.0 / v0.36.0 types and run
# their SetDefaults + Validate (fixtures and testdata/golden/**/*.txtar).
# The first cold run downloads and builds the Tekton/Kubernetes graph
# (about a minute on 2 cores with a warm module cache, several without).
set -euo pipefail
cd "$(dirname "$0")/../.."
cd conformance/tekton
go vet ./...
go test ./...
