#!/usr/bin/env bash
# Builds the linux-arm64 NativeAOT `edgemesh` (cross-compiled on this x64 host) and runs it under
# qemu-user: `edgemesh id`, `edgemesh sim --nodes 50 --messages 10`, and two daemons in
# production mode on loopback UDP exchanging a published message (`pub` on one, `sub` on the
# other). Prints one line per check and "arm64: N passed, N failed" last; exit 0 only when all pass.
#
#   bash tests/arm64.sh [PATH_TO_ARM64_EDGEMESH]
#
# Installs what it needs (tests/install-arm64-toolchain.sh; the arm64 glibc and OpenSSL that the
# .NET runtime loads, from Debian's arm64 architecture, so qemu finds them in their usual place).
# Discovery is off in the two-daemon check because qemu-user 7.2 does not implement the
# IP_MULTICAST_IF socket option; the nodes meet through --bootstrap instead.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tests/install-arm64-toolchain.sh
if ! dpkg -s libc6:arm64 libssl3:arm64 >/dev/null 2>&1; then
    echo "arm64: installing the arm64 glibc and OpenSSL for qemu" >&2
    sudo_cmd=""; [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
    $sudo_cmd dpkg --add-architecture arm64
    $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends libc6:arm64 libssl3:arm64 >/dev/null
fi

exe="${1:-}"
if [[ -z "$exe" ]]; then
    echo "arm64: publishing the linux-arm64 binary (a few minutes on 2 cores)" >&2
    exe="$(bash tests/aot-edgemesh.sh linux-arm64)"
fi
file "$exe" | grep -q "ARM aarch64" || { echo "arm64: $exe is not an aarch64 executable" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

run() { timeout 120 qemu-aarch64 "$exe" "$@"; }
passed=0 failed=0
check() { # NAME COMMAND...
    local name="$1"; shift
    if "$@" >"$work/$name.out" 2>&1; then
        echo "arm64: ok   $name"; passed=$((passed + 1))
    else
        echo "arm64: FAIL $name"; sed 's/^/    /' "$work/$name.out" | tail -n 20; failed=$((failed + 1))
    fi
}

id_check() {
    run keygen --out "$work/key" >/dev/null
    run id --dir "$work/key" | grep -Eq '^[0-9a-f]{16}$'
}
sim_check() {
    run sim --nodes 50 --messages 10 --json >"$work/sim.json"
    # every message reaches every node; the trace hash (same seed) is printed to compare with x64
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("trace", r["traceHash"]); sys.exit(0 if r["nodes"] == 50 and r["deliveryRatio"] == 1 else 1)' "$work/sim.json"
}
pubsub_check() {
    local base=$((20000 + RANDOM % 20000))
    run fleet init --out "$work/fleet" >/dev/null
    for i in 0 1; do
        local listen="127.0.0.1:$((base + 10 + i))" api="127.0.0.1:$((base + i))"
        local boot=(); [[ $i -eq 1 ]] && boot=(--bootstrap "127.0.0.1:$((base + 10))")
        run init --dir "$work/n$i" --fleet "$work/fleet" --listen "$listen" --api "$api" "${boot[@]}" >/dev/null
        python3 - "$work/n$i/edgemesh.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p)); c["discovery"]["enabled"] = False
json.dump(c, open(p, "w"), indent=2)
PY
        qemu-aarch64 "$exe" run --dir "$work/n$i" >"$work/n$i.log" 2>&1 &
        pids+=($!)
    done
    # wait until node 1 lists node 0 as a peer (both daemons up and admitted)
    local deadline=$((SECONDS + 60))
    until run peers --api "http://127.0.0.1:$((base + 1))" 2>/dev/null | grep -q "$(run id --dir "$work/n0")"; do
        (( SECONDS < deadline )) || { echo "the two arm64 daemons did not meet within 60 s"; tail -5 "$work"/n*.log; return 1; }
        sleep 1
    done
    run sub fleet/check --api "http://127.0.0.1:$((base + 1))" --count 1 --timeout 30 --json >"$work/sub.json" &
    local sub=$!
    sleep 2
    run pub fleet/check "hello from arm64" --api "http://127.0.0.1:$base" >/dev/null
    wait "$sub"
    grep -q 'hello from arm64' "$work/sub.json"
    grep -q '"mode": "production"' "$work/n0/edgemesh.json"
}

check id id_check
check sim sim_check
check production-pubsub pubsub_check
size=$(stat -c %s "$exe")
echo "arm64: binary $exe is $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB), $(objdump -T "$exe" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1) newest glibc symbol"
echo "arm64: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
