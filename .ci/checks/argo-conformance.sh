#!/usr/bin/env bash
# Argo backend conformance: builds every Kustomize overlay the backend
# writes (its fixtures and the out/deploy/ trees of testdata/golden) and
# checks the result with Argo Rollouts', Argo CD's, Kubernetes' and Pod
# Security Admission's own code. The module is separate so these heavy
# dependencies never reach pipec's go.mod; a cold run downloads and
# compiles them (about 4-6 minutes on 2 cores), a warm one takes seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."

cd conformance/argo
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then echo "gofmt needed:"; echo "$unformatted"; exit 1; fi
go vet ./...
go test ./...
