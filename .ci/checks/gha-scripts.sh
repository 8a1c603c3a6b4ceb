#!/usr/bin/env bash
# Runs the GitHub Actions backend's script tests with every tool they need,
# so none of them skips: the generated run: scripts under bash with real
# git, curl and jq against a fake Argo CD API, and the per-environment
# publish with the kustomize version the workflows pin (built with go
# install, verified by the Go checksum database, into a temporary GOBIN).
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
for tool in bash git curl jq; do
  command -v "$tool" >/dev/null || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

version="$(sed -n 's/^[[:space:]]*kustomizeVersion[[:space:]]*= "\(v[0-9.]*\)".*/\1/p' backends/gha/actions.go)"
if [ -z "$version" ]; then
  echo "kustomizeVersion not found in backends/gha/actions.go"
  exit 1
fi
gobin="$(mktemp -d)"
trap 'rm -rf "$gobin"' EXIT
(cd "$gobin" && GOBIN="$gobin" GOFLAGS=-mod=mod go install "sigs.k8s.io/kustomize/kustomize/v5@${version}")

log="$gobin/test.log"
PIPEC_REQUIRE_TOOLS=1 PIPEC_KUSTOMIZE="$gobin/kustomize" \
  go test -count=1 -v ./backends/gha \
  -run 'TestPublishPerEnvironment|TestMatchBranchesScript|TestSyncScript|TestSoakWatchScript|TestAddTag' >"$log" 2>&1 ||
  { cat "$log"; exit 1; }
cat "$log"
if grep -q -- '--- SKIP' "$log"; then
  echo "a script test skipped"
  exit 1
fi
