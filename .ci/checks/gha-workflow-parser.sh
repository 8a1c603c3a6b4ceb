#!/usr/bin/env bash
# Validates every generated GitHub Actions workflow with GitHub's own
# parser (npm @actions/workflow-parser, pinned in gha-parser/package-lock.json),
# on top of the actionlint checks in go test ./backends/gha. It reads the
# backend's golden archives (kept equal to the current output by TestGolden)
# and the end-to-end goldens under testdata/golden.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm
fi

dir=.ci/checks/gha-parser
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null

archives=()
while IFS= read -r f; do
  archives+=("$PWD/$f")
done < <(find backends/gha/testdata testdata/golden -name '*.txtar' 2>/dev/null | sort)

# The backend's own fixtures hold at least 12 workflows; fewer means the
# archives were not found, which must not pass silently.
cd "$dir"
node --import ./register.mjs validate.mjs --min 12 "${archives[@]}"
