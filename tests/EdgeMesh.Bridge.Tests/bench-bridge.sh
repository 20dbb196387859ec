#!/usr/bin/env bash
# The MQTT bridge against Mosquitto's own bridge, in one run (docs/performance.md, "The MQTT bridge").
#
#   bash tests/EdgeMesh.Bridge.Tests/bench-bridge.sh               # 2 s per row, ~3 minutes
#   bash tests/EdgeMesh.Bridge.Tests/bench-bridge.sh --seconds 5
#   flock /tmp/edgemesh-build.lock bash tests/EdgeMesh.Bridge.Tests/bench-bridge.sh --no-build   # after a build: no builds run meanwhile
#
# Starts three private Mosquitto brokers on free loopback ports (A; B, which bridges the bench
# topic from A with Mosquitto's own bridge; C for the C-client row), builds `edgemesh` in Release
# and measures, for 64 B and 1 KiB payloads at QoS 0 and 1:
#   mosquitto_pub → A → mosquitto_sub           Mosquitto's C clients, open loop (messages/s only)
#   MQTTnet → A → MQTTnet                       `edgemesh bench mqtt`
#   MQTTnet → A → Mosquitto bridge → B → MQTTnet `edgemesh bench mqtt --subscribe-broker B`
#   mesh → EdgeMesh bridge → A → MQTTnet        `edgemesh bench bridge --direction out`
#   MQTTnet → A → EdgeMesh bridge → mesh        `edgemesh bench bridge --direction in`
# Prints a Markdown table; raw JSON lines go to $TMPDIR/edgemesh-bench-bridge.jsonl.
# Needs the Debian packages mosquitto, mosquitto-clients and jq.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=2
build=1
while (($#)); do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "bench-bridge.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

for tool in mosquitto mosquitto_pub mosquitto_sub jq; do
    command -v "$tool" >/dev/null || { echo "bench-bridge.sh: $tool is missing (apt-get install -y mosquitto mosquitto-clients jq)" >&2; exit 1; }
done

if ((build)); then
    flock /tmp/edgemesh-build.lock dotnet build host/EdgeMesh.Node/EdgeMesh.Node.csproj -c Release -v q -nologo >/dev/null
fi
edgemesh=host/EdgeMesh.Node/bin/Release/net10.0/edgemesh

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pa="$(free_port)"; pb="$(free_port)"; pc="$(free_port)"

# TCP_NODELAY on the brokers: without it Mosquitto's small PUBACKs wait for the client's delayed ACK
# (40 ms), which measures Nagle's algorithm instead of the brokers and the bridge.
broker() { # name port [extra lines]
    local name="$1" port="$2"; shift 2
    printf 'listener %s 127.0.0.1\nallow_anonymous true\nset_tcp_nodelay true\nmax_queued_messages 100000\n' "$port" > "$work/$name.conf"
    for line in "$@"; do printf '%s\n' "$line" >> "$work/$name.conf"; done
    mosquitto -c "$work/$name.conf" > "$work/$name.log" 2>&1 &
    pids+=("$!")
}
broker a "$pa"
broker c "$pc"
broker b "$pb" "connection bench-bridge" "address 127.0.0.1:$pa" "cleansession true" "try_private true" \
    "bridge_protocol_version mqttv311" "topic edgemesh/bench in 1" "notifications false"
sleep 1

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
out="${TMPDIR:-/tmp}/edgemesh-bench-bridge.jsonl"
: > "$out"
common=(--seconds "$seconds" --warmup 1 --json)
rows=()
row() { # label qos size json
    local mps p50
    mps="$(jq -r '.messagesPerSecond' <<<"$4")"; p50="$(jq -r '.latencyP50Us' <<<"$4")"
    echo "$4" >> "$out"
    rows+=("| $1 | $2 | $3 | $mps | $p50 |")
}

c_clients() { # qos size count
    local qos="$1" size="$2" count="$3"
    python3 -c "import sys; sys.stdout.write(('x'*$size+'\n')*$count)" > "$work/lines"
    mosquitto_sub -h 127.0.0.1 -p "$pc" -t edgemesh/bench -q "$qos" -C "$count" -W 60 > /dev/null &
    local sub=$!
    sleep 0.3
    local start end
    start="$(date +%s.%N)"
    mosquitto_pub -h 127.0.0.1 -p "$pc" -t edgemesh/bench -q "$qos" -l < "$work/lines"
    wait "$sub"
    end="$(date +%s.%N)"
    python3 -c "print(round($count/($end-$start)))"
}

for size in 64 1024; do
    for qos in 0 1; do
        count=$(( qos == 0 ? 200000 : 50000 ))
        mps="$(c_clients "$qos" "$size" "$count")"
        rows+=("| mosquitto_pub → Mosquitto → mosquitto_sub (C clients, open loop) | $qos | $size | $mps | – |")
        row "MQTTnet → Mosquitto → MQTTnet (\`bench mqtt\`)" "$qos" "$size" \
            "$("$edgemesh" bench mqtt --broker "127.0.0.1:$pa" --qos "$qos" --payload "$size" "${common[@]}")"
        row "MQTTnet → Mosquitto A → Mosquitto bridge → Mosquitto B → MQTTnet" "$qos" "$size" \
            "$("$edgemesh" bench mqtt --broker "127.0.0.1:$pa" --subscribe-broker "127.0.0.1:$pb" --label "mosquitto bridge" --qos "$qos" --payload "$size" "${common[@]}")"
        row "mesh → EdgeMesh bridge → Mosquitto → MQTTnet" "$qos" "$size" \
            "$("$edgemesh" bench bridge --broker "127.0.0.1:$pa" --direction out --qos "$qos" --payload "$size" "${common[@]}")"
        if ((qos == 1)); then
            row "mesh → EdgeMesh bridge (queue flushed to disk) → Mosquitto → MQTTnet" "$qos" "$size" \
                "$("$edgemesh" bench bridge --broker "127.0.0.1:$pa" --direction out --qos 1 --flush-to-disk --payload "$size" "${common[@]}")"
        fi
        row "MQTTnet → Mosquitto → EdgeMesh bridge → mesh" "$qos" "$size" \
            "$("$edgemesh" bench bridge --broker "127.0.0.1:$pa" --direction in --qos "$qos" --payload "$size" "${common[@]}")"
    done
done

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "mosquitto $(mosquitto -h 2>/dev/null | sed -n 's/^mosquitto version //p'); ${seconds} s measured per closed-loop row after 1 s warm-up"
echo
echo "| path | QoS | payload B | messages/s | p50 µs |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
