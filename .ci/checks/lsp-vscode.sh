#!/usr/bin/env bash
# The VS Code extension installs from its lock file and compiles.
set -euo pipefail
cd "$(dirname "$0")/../.."
cd editors/vscode
npm ci --no-audit --no-fund
npm run compile
test -f out/extension.js
