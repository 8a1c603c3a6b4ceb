#!/usr/bin/env bash
# Runs every fuzz target in the repository (main module and the
# conformance modules) for FUZZTIME each (default 20s), so a panic, an
# unranged diagnostic or an output a target's validator rejects is found
# by CI, not by a user. Targets are found by grepping `func Fuzz`, so a new
# one runs without editing this file. A crasher is written under the
# package's testdata/fuzz/ and fails the check; commit it with the fix as
# a regression seed.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
fuzztime="${FUZZTIME:-20s}"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
failed=()
ran=0

# One line per target: FILE FUNC, from every _test.go file git knows or
# that is new (untracked) in the work tree.
targets="$(grep -rsEo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' . \
  | grep -v '/testdata/' | sed -E 's/:func / /' | sort)"
if [ -z "$targets" ]; then
  echo "no fuzz targets found"; exit 1
fi

while read -r file name; do
  dir="$(dirname "${file#./}")"
  mod="."
  pkg="./$dir"
  # A package in a nested module (conformance/*) runs inside that module.
  d="$dir"
  while [ "$d" != "." ]; do
    if [ -f "$d/go.mod" ]; then
      mod="$d"
      if [ "$d" = "$dir" ]; then pkg="."; else pkg="./${dir#"$d"/}"; fi
      break
    fi
    d="$(dirname "$d")"
  done
  echo "== $dir $name ($fuzztime)"
  # A short minimization keeps the run inside its time: Go's fuzzer can
  # report "context deadline exceeded" when fuzztime ends while it is
  # minimizing a new input, without any failing input. That case (no
  # crasher written) is retried once; a real failure writes one.
  fuzz() { (cd "$root/$mod" && go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" -fuzzminimizetime 5s) > "$log" 2>&1; }
  status=0
  fuzz || status=$?
  if [ "$status" -ne 0 ] && grep -q "context deadline exceeded" "$log" && ! grep -q "Failing input written" "$log"; then
    echo "   fuzzer deadline during minimization, no failing input; running again"
    status=0
    fuzz || status=$?
  fi
  if [ "$status" -eq 0 ]; then
    execs="$(grep -Eo 'execs: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || true)"
    echo "   ok, ${execs:-?} executions"
    ran=$((ran + 1))
  else
    cat "$log"
    failed+=("$dir $name")
  fi
done <<< "$targets"

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz targets failed:"
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
echo "$ran fuzz targets passed"
