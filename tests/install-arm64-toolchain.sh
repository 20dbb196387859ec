#!/usr/bin/env bash
# Installs the Debian packages that cross-compile the NativeAOT binary for linux-arm64 and run it
# under emulation: clang and lld (the ILCompiler's linker driver), the aarch64 binutils and gcc
# (crt files, libgcc), the aarch64 glibc headers and libraries (the sysroot,
# /usr/aarch64-linux-gnu) and qemu-user (qemu-aarch64). Idempotent: apt runs only when a package
# is missing. zlib is not needed: the .NET 10 NativeAOT packs carry their own libz.a.
set -euo pipefail
packages=(clang lld binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "install-arm64-toolchain: installing ${missing[*]}" >&2
    sudo_cmd=""
    [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
    $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
