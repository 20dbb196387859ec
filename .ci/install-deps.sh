#!/usr/bin/env bash
# Installs what the EdgeMesh test suite needs on a Debian/Ubuntu machine. Idempotent: it only
# touches apt when a package is missing, so repeated runs cost a few milliseconds.
set -euo pipefail

packages=(iproute2 socat mosquitto mosquitto-clients nats-server jq)

missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if ((${#missing[@]})); then
    echo "install-deps: installing ${missing[*]}"
    sudo_cmd=""
    [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
    echo "install-deps: the .NET 10 SDK is required (dotnet not on PATH)" >&2
    exit 1
fi
