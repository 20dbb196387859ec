#!/usr/bin/env bash
# Measures the gossip simulator's speed: runs `edgemesh sim --nodes 1000 --messages 100 --seed 1
# --json` RUNS times with each BINARY, interleaved so that every binary sees the same machine
# load, and prints per binary the median, minimum and maximum events per second and wall time,
# plus the trace hash (which must be the same on every run of one binary).
#
#   bash tests/bench-sim.sh                      # 9 runs of artifacts/aot/edgemesh (published first if missing)
#   bash tests/bench-sim.sh -n 15 A B            # 15 interleaved runs of binaries A and B
#   bash tests/bench-sim.sh -- --nodes 2000      # extra arguments for `edgemesh sim` after --
#
# The simulator is memory-bound at 1,000 nodes, so other work on the machine (and other tenants
# of a shared host) moves the figures by ±20 %: record the load next to the result.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=9
binaries=()
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        -n) runs="${2:?-n needs a number}"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --) shift; extra=("$@"); break ;;
        *) binaries+=("$1"); shift ;;
    esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench-sim: -n must be a positive number" >&2; exit 2; }
if [[ ${#binaries[@]} -eq 0 ]]; then
    [[ -x artifacts/aot/edgemesh ]] || bash tests/aot-edgemesh.sh >/dev/null
    binaries=(artifacts/aot/edgemesh)
fi
for b in "${binaries[@]}"; do
    [[ -x "$b" ]] || { echo "bench-sim: $b is not an executable" >&2; exit 2; }
done

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
field() { sed -n "s/.*\"$1\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}$/\1/p" "$2"; }
echo "bench-sim: $runs runs of edgemesh sim --nodes 1000 --messages 100 --seed 1 ${extra[*]:-} (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
for ((i = 1; i <= runs; i++)); do
    for k in "${!binaries[@]}"; do
        "${binaries[$k]}" sim --nodes 1000 --messages 100 --seed 1 "${extra[@]}" --json >"$out/run.json"
        echo "$(field eventsPerSecond "$out/run.json") $(field wallSeconds "$out/run.json") $(field traceHash "$out/run.json") $(field events "$out/run.json")" >>"$out/$k"
        printf '\rbench-sim: run %d/%d' "$i" "$runs" >&2
    done
done
echo >&2
echo "binary | events | events/s median (min-max) | wall s median (min-max) | trace"
for k in "${!binaries[@]}"; do
    sort -n "$out/$k" >"$out/$k.sorted"
    n=$(wc -l <"$out/$k.sorted")
    mid=$(( (n + 1) / 2 ))
    eps_med=$(sed -n "${mid}p" "$out/$k.sorted" | cut -d' ' -f1)
    eps_min=$(head -1 "$out/$k.sorted" | cut -d' ' -f1)
    eps_max=$(tail -1 "$out/$k.sorted" | cut -d' ' -f1)
    sort -n -k2 "$out/$k" >"$out/$k.wall"
    wall_med=$(sed -n "${mid}p" "$out/$k.wall" | cut -d' ' -f2)
    wall_min=$(head -1 "$out/$k.wall" | cut -d' ' -f2)
    wall_max=$(tail -1 "$out/$k.wall" | cut -d' ' -f2)
    hashes=$(cut -d' ' -f3 "$out/$k" | sort -u | tr '\n' ' ')
    events=$(cut -d' ' -f4 "$out/$k" | sort -u | tr '\n' ' ')
    echo "${binaries[$k]} | ${events% } | $eps_med ($eps_min-$eps_max) | $wall_med ($wall_min-$wall_max) | ${hashes% }"
done
