#!/usr/bin/env bash
# Runs the whole EdgeMesh test suite (the README's test command).
# Installs missing prerequisites first, builds in Release, runs every test project and ends with
# one summary line "N passed, N failed, N skipped". Exit code 0 only when nothing failed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash .ci/install-deps.sh

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

status=0
dotnet test EdgeMesh.sln -c Release --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
    [[ -e "$trx" ]] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done

if [[ $status -eq 0 && $passed -eq 0 ]]; then
    echo "tests/run.sh: no test ran" >&2
    status=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
