#!/usr/bin/env bash
# Installs the Debian 12 packages ndgrad needs to build and test, only those missing.
# Run as root (or with sudo). Python is not needed: test fixtures are committed.
set -euo pipefail

packages=(
  cmake g++ make pkg-config   # toolchain
  libeigen3-dev               # GEMM and linear algebra
  libstb-dev                  # image files (stb_image / stb_image_write)
  libzip-dev zlib1g-dev       # .npz archives
  nlohmann-json3-dev          # checkpoints and manifests
  libgtest-dev                # the test suite
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
