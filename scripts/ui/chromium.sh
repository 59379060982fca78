#!/usr/bin/env bash
# Debian's Chromium for the browser test, never a downloaded one: installed with apt-get
# when missing (CI machines run as root). Prints the executable's path.
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  [[ -n "$candidate" && -x "$candidate" ]] && { echo "$candidate"; exit 0; }
done
echo "Chromium is missing: apt-get install -y chromium" >&2
SUDO=""; [[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
$SUDO apt-get update -qq >&2 && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
echo /usr/bin/chromium
