#!/usr/bin/env bash
# Publishes the `edgemesh` NativeAOT binary for linux-x64 (net9.0, see docs/deploy.md) into
# artifacts/aot and prints its path; build output goes to standard error. Used by the daemon
# measurement scripts when they are not given a binary.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish host/EdgeMesh.Node -f net9.0 -r linux-x64 -c Release \
    -p:PublishAot=true -p:EdgeMeshLibraryTargets=net9.0 -o artifacts/aot >&2
echo "artifacts/aot/edgemesh"
