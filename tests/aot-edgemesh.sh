#!/usr/bin/env bash
# Publishes the `edgemesh` NativeAOT binary (net10.0) into artifacts/aot/RID and prints its path;
# build output goes to standard error. RID is linux-x64 (default) or linux-arm64, which is
# cross-compiled with Debian's clang/lld and the aarch64 binutils and libc (installed by
# tests/install-arm64-toolchain.sh). Used by the daemon measurement scripts and tests/arm64.sh.
#
#   bash tests/aot-edgemesh.sh [linux-x64|linux-arm64]
set -euo pipefail
cd "$(dirname "$0")/.."
rid="${1:-linux-x64}"
extra=()
case "$rid" in
    linux-x64) ;;
    linux-arm64)
        bash tests/install-arm64-toolchain.sh >&2
        # The ILCompiler links with clang --target=aarch64-linux-gnu, which finds Debian's cross
        # libc in /usr/aarch64-linux-gnu by itself (no SysRoot: that libc.so's linker script names
        # absolute paths, which a sysroot would prefix twice), and with lld.
        extra=(-p:CppCompilerAndLinker=clang -p:LinkerFlavor=lld -p:ObjCopyName=aarch64-linux-gnu-objcopy)
        ;;
    *) echo "aot-edgemesh.sh: unknown runtime '$rid' (linux-x64 or linux-arm64)" >&2; exit 2 ;;
esac
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet publish host/EdgeMesh.Node -r "$rid" -c Release -p:PublishAot=true "${extra[@]}" \
    -o "artifacts/aot/$rid" >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
cat "$log" >&2
# Trim and AOT analysis warnings (IL2xxx/IL3xxx) do not stop a publish; they stop this script.
if grep -E 'warning (IL|CS|CA|NETSDK)[0-9]+' "$log" >/dev/null; then
    echo "aot-edgemesh.sh: the $rid publish has warnings (above); it must have none" >&2
    exit 1
fi
echo "artifacts/aot/$rid/edgemesh"
