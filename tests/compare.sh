#!/usr/bin/env bash
# EdgeMesh against Mosquitto on this machine, in one run (not part of the CI test run).
#
#   bash tests/compare.sh                 # 5 rounds × 16/64/1024-byte payloads × 5 systems, 2 s each (~7 minutes)
#   bash tests/compare.sh --rounds 7 --seconds 5
#   bash tests/compare.sh --all           # also the BenchmarkDotNet classes (tests/bench.sh) and `edgemesh sim`
#
# It installs mosquitto (and jq) with apt when missing, starts a private broker on a free
# loopback port with a generated configuration, builds `edgemesh` in Release, and measures the
# same closed loop through both systems with `edgemesh bench mqtt` (Mosquitto, QoS 0, a minimal
# MQTT 3.1.1 client) and `edgemesh bench loopback` (two EdgeMesh nodes, each with its own UDP
# socket, in development, lightweight and production mode, and production with 8 KiB datagrams):
# same payloads, window, warm-up and
# delivery count. Each round runs every system once per payload size, the order reversed every
# other round so no system always runs first. Raw runs go to docs/bench/compare.json; medians,
# min–max and the ratios EdgeMesh/Mosquitto replace the block between the compare markers in
# docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=5
seconds=2
warmup=1
window=256
all=0
sizes=(16 64 1024)
while (($#)); do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --window) window="$2"; shift 2 ;;
        --all) all=1; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
command_line="bash tests/compare.sh --rounds $rounds --seconds $seconds --window $window"
if ((all)); then command_line+=" --all"; fi

missing=()
for p in mosquitto jq; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "compare: installing ${missing[*]}" >&2
    sudo_cmd=""
    [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "compare: building edgemesh (Release)" >&2
dotnet build host/EdgeMesh.Node -c Release -f net10.0 -nologo -v q >/dev/null
edgemesh="$PWD/host/EdgeMesh.Node/bin/Release/net10.0/edgemesh"

work="$(mktemp -d)"
broker_pid=""
cleanup() {
    [[ -n "$broker_pid" ]] && kill "$broker_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18830)"
cat >"$work/mosquitto.conf" <<EOF
listener $port 127.0.0.1
allow_anonymous true
persistence false
log_dest stderr
log_type error
max_queued_messages 100000
EOF
mosquitto -c "$work/mosquitto.conf" 2>"$work/mosquitto.log" &
broker_pid=$!
for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done
mosquitto_version="$( (mosquitto -h 2>&1 || true) | head -1 | sed 's/^mosquitto version //')"

# production-8k: production mode with maxDatagramBytes 8192 (a publish batch fills one datagram;
# loopback's MTU is 64 KiB, so such datagrams are not fragmented here).
systems=(mosquitto development lightweight production production-8k)
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
raw="$work/runs.jsonl"
: >"$raw"
latency_systems=(mosquitto development production)
total=$((rounds * (${#sizes[@]} * ${#systems[@]} + ${#latency_systems[@]})))
n=0

# run KEY SYSTEM PAYLOAD WINDOW: one measurement, appended to the raw runs with its key and round.
run() {
    local key="$1" system="$2" size="$3" win="$4" line
    n=$((n + 1))
    echo "compare: [$n/$total] round $round, $size B, window $win, $system" >&2
    local common=(--payload "$size" --seconds "$seconds" --warmup "$warmup" --window "$win" --json)
    case "$system" in
        mosquitto) line="$("$edgemesh" bench mqtt --broker "127.0.0.1:$port" --label "mosquitto $mosquitto_version" "${common[@]}")" || line="" ;;
        production-8k) line="$("$edgemesh" bench loopback --mode production --datagram-bytes 8192 "${common[@]}")" || line="" ;;
        *) line="$("$edgemesh" bench loopback --mode "$system" "${common[@]}")" || line="" ;;
    esac
    if [[ -z "$line" ]]; then
        echo "compare: run failed (counted as 0 delivered)" >&2
        line="{\"system\":\"failed\",\"mode\":\"$system\",\"payloadBytes\":$size,\"sent\":0,\"delivered\":0,\"messagesPerSecond\":0}"
    fi
    jq -c --arg key "$key" --argjson round "$round" '. + {key: $key, round: $round}' <<<"$line" >>"$raw"
}

for ((round = 1; round <= rounds; round++)); do
    order=("${systems[@]}")
    if ((round % 2 == 0)); then
        order=(production-8k production lightweight development mosquitto)
    fi
    for size in "${sizes[@]}"; do
        for system in "${order[@]}"; do
            run "$system" "$system" "$size" "$window"
        done
    done
    # Latency with one message in flight: no queueing, the pipeline's own delay.
    for ((i = 0; i < ${#latency_systems[@]}; i++)); do
        system="${latency_systems[$(((round % 2) ? i : ${#latency_systems[@]} - 1 - i))]}"
        run "latency-$system" "$system" 64 1
    done
done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

cpu="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
os="$(. /etc/os-release && echo "$PRETTY_NAME")"
machine="$cpu, $(nproc) CPUs, $os, kernel $(uname -r), .NET $(dotnet --version), Mosquitto $mosquitto_version"
date_utc="$(date -u '+%Y-%m-%d %H:%M UTC')"

mkdir -p docs/bench
jq -s --arg machine "$machine" --arg date "$date_utc" --arg command "$command_line" \
    --arg loadStart "$load_start" --arg loadEnd "$load_end" \
    '{date: $date, machine: $machine, command: $command, loadAverageStart: $loadStart, loadAverageEnd: $loadEnd, runs: .}' \
    "$raw" >docs/bench/compare.json

# Markdown: per payload size and system, medians and min–max over the rounds, ratio to Mosquitto's median.
table="$work/table.md"
jq -r --argjson sizes "$(printf '%s\n' "${sizes[@]}" | jq -s .)" '
  def median: sort | if length == 0 then 0 elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def k: if . >= 1000000 then "\(. / 100000 | round / 10) M" elif . >= 1000 then "\(. / 100 | round / 10) k" else "\(. | round)" end;
  def us: if . >= 1000 then "\(. / 100 | round / 10) ms" else "\(. | round) µs" end;
  def stat(f): [.[] | f] | {med: median, min: min, max: max};
  .runs as $runs
  | ["mosquitto", "development", "lightweight", "production", "production-8k"] as $keys
  | ($sizes[] as $size
    | ($runs | map(select(.payloadBytes == $size and .key == "mosquitto"))) as $m
    | ($m | stat(.messagesPerSecond)) as $mr
    | ($m | stat(.latencyP99Us // 0)) as $mp
    | "| \($size) B | system | messages/s median (min–max) | ratio to Mosquitto | p50 | p99 median (min–max) | p99.9 | delivered / sent |",
      "|---|---|---:|---:|---:|---:|---:|---:|",
      ($keys[] as $key
        | ($runs | map(select(.payloadBytes == $size and .key == $key))) as $r
        | ($r | stat(.messagesPerSecond)) as $t
        | ($r | stat(.latencyP99Us // 0)) as $p99
        | "| | \(if $key == "mosquitto" then "Mosquitto (QoS 0)" elif $key == "production-8k" then "EdgeMesh production, 8 KiB datagrams" else "EdgeMesh \($key)" end) | \($t.med | k) (\($t.min | k)–\($t.max | k)) | \(if $key == "mosquitto" then "1" elif $mr.med > 0 then "**\($t.med / $mr.med * 100 | round / 100)×**" else "–" end) | \($r | stat(.latencyP50Us // 0) | .med | us) | \($p99.med | us) (\($p99.min | us)–\($p99.max | us)) | \($r | stat(.latencyP999Us // 0) | .med | us) | \([$r[].delivered] | add) / \([$r[].sent] | add)\(([$r[].sent] | add) - ([$r[].delivered] | add) | if . > 0 then " (**\(.) lost**)" else "" end) |"),
      "")
' docs/bench/compare.json >"$table"

latency="$work/latency.md"
jq -r '
  def median: sort | if length == 0 then 0 elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def us: "\(. | round) µs";
  .runs as $runs
  | "| 64 B, window 1 | messages/s median | p50 median (min–max) | p99 median (min–max) | p99.9 median | delivered / sent |",
    "|---|---:|---:|---:|---:|---:|",
    (["mosquitto", "development", "production"][] as $s
      | ($runs | map(select(.key == "latency-" + $s))) as $r
      | ([$r[].latencyP50Us // 0]) as $p50 | ([$r[].latencyP99Us // 0]) as $p99
      | "| \(if $s == "mosquitto" then "Mosquitto (QoS 0)" else "EdgeMesh \($s)" end) | \([$r[].messagesPerSecond] | median | round) | \($p50 | median | us) (\($p50 | min | us)–\($p50 | max | us)) | \($p99 | median | us) (\($p99 | min | us)–\($p99 | max | us)) | \([$r[].latencyP999Us // 0] | median | us) | \([$r[].delivered] | add) / \([$r[].sent] | add) |")
' docs/bench/compare.json >"$latency"

goals="$work/goals.md"
jq -r '
  def median: sort | if length == 0 then 0 elif length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
  def med(key; f): [.runs[] | select(.payloadBytes == 64 and .key == key) | f] | median;
  (med("mosquitto"; .messagesPerSecond)) as $m
  | (med("development"; .messagesPerSecond)) as $d
  | (med("production"; .messagesPerSecond)) as $p
  | (med("production-8k"; .messagesPerSecond)) as $p8
  | (med("mosquitto"; .latencyP99Us // 0)) as $mp
  | (med("development"; .latencyP99Us // 0)) as $dp
  | "| goal (64-byte payloads, medians of this run) | measured | status |",
    "|---|---|---|",
    "| development ≥ 3 × Mosquitto messages/s | \(if $m > 0 then $d / $m * 100 | round / 100 else 0 end) × | \(if $d >= 3 * $m and $m > 0 then "**met**" else "**not met**" end) |",
    "| development p99 ≤ Mosquitto p99 | \($dp | round) µs vs \($mp | round) µs | \(if $dp <= $mp and $mp > 0 then "**met**" else "**not met**" end) |",
    "| production ≥ 1 × Mosquitto messages/s (default 1,400-byte datagrams) | \(if $m > 0 then $p / $m * 100 | round / 100 else 0 end) × | \(if $p >= $m and $m > 0 then "**met**" else "**not met**" end) |",
    "| production ≥ 1 × Mosquitto messages/s (8 KiB datagrams) | \(if $m > 0 then $p8 / $m * 100 | round / 100 else 0 end) × | \(if $p8 >= $m and $m > 0 then "**met**" else "**not met**" end) |"
' docs/bench/compare.json >"$goals"

block="$work/block.md"
{
    echo "<!-- compare:begin -->"
    echo "Measured $date_utc on $machine; load average $load_start at the start, $load_end at the end (other work shared the CPUs)."
    echo "Command: \`$command_line\` ($rounds rounds, ${seconds} s measured after ${warmup} s warm-up per run, window $window messages in flight, raw runs in [bench/compare.json](bench/compare.json))."
    echo
    cat "$goals"
    echo
    cat "$table"
    echo "One message in flight (the publisher waits for each message before the next): the pipeline's own latency, without queueing."
    echo
    cat "$latency"
    echo
    echo "<!-- compare:end -->"
} >"$block"

doc=docs/performance.md
if grep -q '<!-- compare:begin -->' "$doc"; then
    awk -v block="$block" '
        /<!-- compare:begin -->/ { while ((getline line < block) > 0) print line; skip = 1; next }
        /<!-- compare:end -->/ { skip = 0; next }
        !skip { print }
    ' "$doc" >"$work/doc.md"
    cp "$work/doc.md" "$doc"
else
    { echo; echo "## EdgeMesh and Mosquitto on this machine"; echo; cat "$block"; } >>"$doc"
fi
echo "compare: wrote docs/bench/compare.json and the compare block of $doc" >&2
cat "$goals" >&2

if ((all)); then
    echo "compare: BenchmarkDotNet classes (tests/bench.sh)" >&2
    bash tests/bench.sh '*'
    echo "compare: gossip simulator events/s" >&2
    sim="$("$edgemesh" sim --nodes 1000 --messages 100 --seed 1 --json)"
    events="$(jq -r '.eventsPerSecond' <<<"$sim")"
    simblock="$work/sim.md"
    {
        echo "<!-- compare-sim:begin -->"
        echo "Simulator, measured $date_utc on the same machine: \`edgemesh sim --nodes 1000 --messages 100 --seed 1 --json\` → eventsPerSecond **$events** (wall $(jq -r '.wallSeconds' <<<"$sim") s)."
        echo "<!-- compare-sim:end -->"
    } >"$simblock"
    if grep -q '<!-- compare-sim:begin -->' "$doc"; then
        awk -v block="$simblock" '
            /<!-- compare-sim:begin -->/ { while ((getline line < block) > 0) print line; skip = 1; next }
            /<!-- compare-sim:end -->/ { skip = 0; next }
            !skip { print }
        ' "$doc" >"$work/doc.md"
        cp "$work/doc.md" "$doc"
    else
        { echo; cat "$simblock"; } >>"$doc"
    fi
fi
