#!/usr/bin/env bash
# Soak test of the daemon's memory (not part of the CI suite: it runs for minutes).
#
#   bash tests/soak-daemon.sh [MINUTES] [PATH_TO_EDGEMESH_BINARY] [RATE]
#
# Starts two production-mode daemons on loopback (`edgemesh run`; multicast discovery off, the
# second bootstraps from the first), keeps one `edgemesh sub` stream open on each, and publishes
# RATE messages per second (default 100, half through each node's local API, one batch of HTTP
# requests per second over a kept-alive connection) for MINUTES minutes (default 10). Every 30 s
# it samples VmRSS of both daemons, their managed heap after the last collection (from /metrics)
# and the messages each subscriber received, and prints one
# table row; the last line says how much RSS grew over the second half of the run (after the
# allocator and the GC reached their working size, which takes a minute or two). Without a binary it publishes the net9.0 NativeAOT build into artifacts/aot first.
# Nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-10}"
exe="${2:-}"
rate="${3:-100}"
[[ -n "$exe" ]] || exe="$(bash tests/aot-edgemesh.sh)"

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

base=$((20000 + RANDOM % 20000))
"$exe" fleet init --out "$work/fleet" >/dev/null
"$exe" init --dir "$work/a" --fleet "$work/fleet" --role robot \
    --listen "127.0.0.1:$((base + 1))" --api "127.0.0.1:$base" >/dev/null
"$exe" init --dir "$work/b" --fleet "$work/fleet" --role robot \
    --listen "127.0.0.1:$((base + 3))" --api "127.0.0.1:$((base + 2))" --bootstrap "127.0.0.1:$((base + 1))" >/dev/null
for n in a b; do
    sed -i 's/"enabled": *true/"enabled": false/' "$work/$n/edgemesh.json"
done

"$exe" run --dir "$work/a" >"$work/a.log" 2>&1 & pids+=($!); pid_a=$!
"$exe" run --dir "$work/b" >"$work/b.log" 2>&1 & pids+=($!); pid_b=$!
for api in "$base" "$((base + 2))"; do
    for _ in $(seq 1 500); do
        "$exe" status --api "http://127.0.0.1:$api" >/dev/null 2>&1 && break
        sleep 0.02
    done
done
sleep 3 # let the two join

"$exe" sub --api "http://127.0.0.1:$base" --json soak >"$work/a.sub" 2>&1 & pids+=($!)
"$exe" sub --api "http://127.0.0.1:$((base + 2))" --json soak >"$work/b.sub" 2>&1 & pids+=($!)
sleep 1

# One curl per node per second; -d applies to every URL, which share one kept-alive connection.
half=$((rate / 2))
urls() { local u; for _ in $(seq 1 "$half"); do u+="http://127.0.0.1:$1/v1/publish "; done; echo "$u"; }
urls_a="$(urls "$base")"
urls_b="$(urls "$((base + 2))")"
body='{"topic":"soak","text":"soak payload: 64 bytes of steady telemetry-like traffic ........"}'
# shellcheck disable=SC2086
publish() { curl -s -H 'Content-Type: application/json' -d "$body" $1 >/dev/null || true; }

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
heap() { curl -s "http://127.0.0.1:$1/metrics" | awk '/^edgemesh_gc_heap_bytes/ {printf "%d", $2 / 1024}'; }
printf '%-7s %-12s %-12s %-13s %-13s %-10s %-10s\n' "t (s)" "A RSS (KiB)" "B RSS (KiB)" "A heap (KiB)" "B heap (KiB)" "A recv" "B recv"
start=$(date +%s)
end=$((start + minutes * 60))
next_sample=$start
first_a=""; first_b=""
while :; do
    now=$(date +%s)
    if (( now >= next_sample )); then
        kill -0 "$pid_a" 2>/dev/null && kill -0 "$pid_b" 2>/dev/null || { echo "soak: a daemon exited; logs:" >&2; cat "$work/a.log" "$work/b.log" >&2; exit 1; }
        t=$((now - start)); ra=$(rss "$pid_a"); rb=$(rss "$pid_b")
        printf '%-7d %-12d %-12d %-13s %-13s %-10d %-10d\n' "$t" "$ra" "$rb" "$(heap "$base")" "$(heap "$((base + 2))")" "$(wc -l <"$work/a.sub")" "$(wc -l <"$work/b.sub")"
        if [[ -z "$first_a" && $t -ge $((minutes * 30)) ]]; then first_a=$ra; first_b=$rb; first_t=$t; fi
        last_a=$ra; last_b=$rb
        next_sample=$((next_sample + 30))
        (( now >= end )) && break
    fi
    tick=$(date +%s%N)
    publish "$urls_a" & p1=$!; publish "$urls_b" & p2=$!; wait "$p1" "$p2"
    spent=$(( ($(date +%s%N) - tick) / 1000000 ))
    (( spent < 1000 )) && sleep "0.$(printf '%03d' $((1000 - spent)))"
done
if [[ -n "$first_a" ]]; then
    echo "RSS growth from $first_t s to the end: A $((last_a - first_a)) KiB, B $((last_b - first_b)) KiB (rate $rate msg/s for $minutes min)"
fi
