#!/usr/bin/env bash
# Runs the BenchmarkDotNet suite and rewrites, in docs/performance.md, the block of every
# benchmark class that ran (machine, date, mean, error, operations/s, bytes allocated).
#
#   bash tests/bench.sh                  # every benchmark class (about 4 minutes)
#   bash tests/bench.sh '*FrameCodec*'   # only the matching benchmarks; other blocks stay as they are
#
# BenchmarkDotNet's short job: 3 warm-up and 3 measured iterations per benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

filter="${1:-*}"
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT

dotnet run -c Release --project tests/EdgeMesh.Benchmarks -- \
    --update-doc "$PWD/docs/performance.md" \
    --filter "$filter" --job short --artifacts "$artifacts"
