#!/usr/bin/env bash
# Prepares the headless browser the book and explorer checks drive:
# Debian's chromium (apt-get, only if missing) and the pinned playwright-core
# from package-lock.json (npm ci, only if missing). Prints the browser's path.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
  echo "installing$missing" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >&2
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --silent >&2)
fi
command -v chromium
