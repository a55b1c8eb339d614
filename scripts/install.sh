#!/usr/bin/env bash
# Installs everything the kiosk and its tests need on a Debian machine, then (with --start)
# starts the kiosk on its embedded defaults. Safe to run again.
#   --citus               also install Citus (PostgreSQL's distributed engine) from Citus's official
#                         Debian repository (needs to reach repos.citusdata.com)
#   --citus-source FILE   also install Citus, built from its source tarball FILE (a folder holding a
#                         build.sh beside the tarball is run as it is)
# Without either, the distributed tests say once that they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

START=""
CITUS=""
CITUS_SOURCE=""
while [ "$#" -gt 0 ]; do
  case "$1" in
    --start) START=1 ;;
    --citus) CITUS=packages ;;
    --citus-source)
      CITUS=source
      CITUS_SOURCE="${2:?--citus-source needs a tarball or folder}"
      shift
      ;;
    *) echo "install: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

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

PG_MAJOR=$(ls /usr/lib/postgresql | sort -n | tail -1)
if [ "$CITUS" = packages ]; then
  # Citus's own repository script adds its apt source; then its package for Debian's PostgreSQL.
  curl -fsSL https://install.citusdata.com/community/deb.sh | $SUDO bash
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "postgresql-${PG_MAJOR}-citus-13.2" >/dev/null
  echo "install: Citus installed from its packages"
elif [ "$CITUS" = source ]; then
  if [ -d "$CITUS_SOURCE" ] && [ -f "$CITUS_SOURCE/build.sh" ]; then
    bash "$CITUS_SOURCE/build.sh"
  else
    [ -f "$CITUS_SOURCE" ] || { echo "install: --citus-source: no file $CITUS_SOURCE" >&2; exit 2; }
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      "postgresql-server-dev-${PG_MAJOR}" liblz4-dev libzstd-dev libkrb5-dev libssl-dev make gcc >/dev/null
    work=$(mktemp -d)
    tar xzf "$CITUS_SOURCE" -C "$work" --strip-components=1
    (cd "$work" && ./configure --without-libcurl >/dev/null && make -j"$(nproc)" >/dev/null && $SUDO make install >/dev/null)
    rm -rf "$work"
    echo "install: Citus built from $CITUS_SOURCE and installed"
  fi
fi

if [ -n "$START" ]; then
  exec npm start
fi
