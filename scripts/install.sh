#!/usr/bin/env bash
# Installs everything the kiosk and its tests need on a Debian machine, then (with --start)
# starts the kiosk on its embedded defaults. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium libusb-1.0-0 socat postgresql poppler-utils)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install: Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Electron runtime comes from a release host, not the npm registry: skip it unless asked.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
npm ci --no-audit --no-fund
npm run --silent build:renderer
# The district console, served by 'npm run server' at /.
npm run --silent build:console

if [ "${1:-}" = "--start" ]; then
  exec npm start
fi
