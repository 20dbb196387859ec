#!/usr/bin/env bash
# Measures the published NativeAOT daemon: binary size, time from start to ready, and resident
# memory when idle. Prints one JSON object.
#
#   bash tests/measure-daemon.sh [PATH_TO_EDGEMESH_BINARY] [RUNS]
#
# Start to ready: the time from just before `edgemesh run` is started to the moment its "ready"
# log line (mesh sockets bound and the local API listening) arrives on a pipe, timed with bash's
# microsecond clock ($EPOCHREALTIME); RUNS starts (default 11), the median is reported with the
# minimum and maximum, and the daemon's own figure (ms since the kernel's process start time,
# 10 ms resolution) with its per-step breakdown from the last run. Without a binary it publishes
# host/EdgeMesh.Node for linux-x64 (net9.0 NativeAOT, see docs/deploy.md) into artifacts/aot
# first. Nothing leaves the machine: the node listens on 127.0.0.1 with discovery on this host only.
set -euo pipefail
cd "$(dirname "$0")/.."

exe="${1:-}"
runs="${2:-11}"
[[ -n "$exe" ]] || exe="$(bash tests/aot-edgemesh.sh)"

work="$(mktemp -d)"
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

api_port=$((20000 + RANDOM % 20000))
"$exe" fleet init --out "$work/fleet" >/dev/null
"$exe" init --dir "$work/node" --fleet "$work/fleet" --role robot \
    --listen "127.0.0.1:$((api_port + 1))" --api "127.0.0.1:$api_port" >/dev/null
# Keep discovery on this host only (loopback interface, TTL 0).
sed -i 's/"ttl": *[0-9]*/"ttl": 0/; s/"interface": *null/"interface": "127.0.0.1"/' "$work/node/edgemesh.json"

micros() { local t=${EPOCHREALTIME/./}; echo "${t#0}"; }
mkfifo "$work/out"
samples=()
ready_line=""
for _ in $(seq 1 "$runs"); do
    start=$(micros)
    "$exe" run --dir "$work/node" >"$work/out" 2>&1 &
    pid=$!
    ready_line=""
    while IFS= read -r line; do
        if [[ $line == *"ready in"* ]]; then ready_line=$line; break; fi
    done <"$work/out"
    end=$(micros)
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
    [[ -n "$ready_line" ]] || { echo "measure-daemon: no ready line from the node" >&2; exit 1; }
    samples+=($(( end - start )))
done
sorted=($(printf '%s\n' "${samples[@]}" | sort -n))
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
median=$(ms "${sorted[$(( ${#sorted[@]} / 2 ))]}")
min=$(ms "${sorted[0]}")
max=$(ms "${sorted[-1]}")
self_ms=$(sed -E 's/.*ready in ([0-9]+) ms.*/\1/' <<<"$ready_line")
steps=$(sed -E 's/.*after process start \((.*)\)$/\1/' <<<"$ready_line")

"$exe" run --dir "$work/node" >"$work/log" 2>&1 &
pid=$!
sleep 5
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
size=$(stat -c %s "$exe")
printf '{"binaryBytes": %d, "startToReadyMedianMs": %s, "startToReadyMinMs": %s, "startToReadyMaxMs": %s, "runs": %d, "selfReportedReadyMs": %s, "steps": "%s", "idleRssKiB": %d, "note": "ready = the daemon'"'"'s ready line read from a pipe, timed from just before exec; RSS after 5 s idle"}\n' \
    "$size" "$median" "$min" "$max" "$runs" "$self_ms" "$steps" "$rss_kb"
