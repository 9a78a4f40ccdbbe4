#!/usr/bin/env bash
# From a fresh Debian 12 machine: install what is missing, build, run the main demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release
cmake --build --preset release --target numpy_tour
./build/examples/numpy_tour
