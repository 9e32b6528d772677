#!/usr/bin/env bash
# Installs the Debian packages the tests need, only those missing. Idempotent; fast when all are present.
#   elixir    — Elixir rule fixes are checked by running the original and the fixed code; the example mix project
#   chromium  — the HTML report is opened in real Chromium by the unit suite (test/webview/report-browser.test.ts)
# The real-editor suite adds its own (scripts/setup-editor.sh).
set -euo pipefail
need=()
command -v elixir >/dev/null 2>&1 || need+=(elixir)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "perf-lens: please install: ${need[*]} (Debian/Ubuntu: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "perf-lens: installing ${need[*]} with apt-get" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
