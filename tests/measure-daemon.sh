#!/usr/bin/env bash
# Measures the published NativeAOT daemon: binary size, time from start to a ready local API,
# and resident memory when idle. Prints one JSON object.
#
#   bash tests/measure-daemon.sh [PATH_TO_EDGEMESH_BINARY]
#
# Without an argument it publishes host/EdgeMesh.Node for linux-x64 (net9.0 NativeAOT, see
# docs/deploy.md) into artifacts/aot first. Nothing leaves the machine: the node listens on
# 127.0.0.1 with discovery limited to this host.
set -euo pipefail
cd "$(dirname "$0")/.."

exe="${1:-}"
if [[ -z "$exe" ]]; then
    dotnet publish host/EdgeMesh.Node -f net9.0 -r linux-x64 -c Release \
        -p:PublishAot=true -p:EdgeMeshLibraryTargets=net9.0 -o artifacts/aot >&2
    exe=artifacts/aot/edgemesh
fi

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

start_ns=$(date +%s%N)
"$exe" run --dir "$work/node" >"$work/log" 2>&1 &
pid=$!
ready_ms=""
for _ in $(seq 1 500); do
    if "$exe" status --api "http://127.0.0.1:$api_port" --json >/dev/null 2>&1; then
        ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
        break
    fi
    sleep 0.01
done
[[ -n "$ready_ms" ]] || { echo "measure-daemon: the node did not become ready; log:" >&2; cat "$work/log" >&2; exit 1; }

sleep 5
rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
size=$(stat -c %s "$exe")
printf '{"binaryBytes": %d, "startToReadyMs": %d, "idleRssKiB": %d, "note": "ready = first successful edgemesh status (includes that client process start); RSS after 5 s idle"}\n' \
    "$size" "$ready_ms" "$rss_kb"
