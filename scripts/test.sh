#!/usr/bin/env bash
# Builds everything and runs every test (Release build). With --sanitize, the same in
# the ASan+UBSan build (build-sanitize/).
set -euo pipefail
cd "$(dirname "$0")/.."
preset=release
[ "${1:-}" = "--sanitize" ] && preset=sanitize
bash scripts/install-deps.sh
cmake --preset "$preset"
cmake --build --preset "$preset"
ctest --preset "$preset" -j2
