#!/usr/bin/env bash
# Installs the Debian packages the tests need, only those missing. Idempotent; fast when all are present.
#   elixir    — Elixir rule fixes are checked by running the original and the fixed code; the example mix project
# The real-editor suite adds its own (scripts/setup-editor.sh).
set -euo pipefail
need=()
command -v elixir >/dev/null 2>&1 || need+=(elixir)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "perf-lens: please install: ${need[*]} (Debian/Ubuntu: sudo apt-get install ${need[*]})" >&2
  exit 1
fi
echo "perf-lens: installing ${need[*]} with apt-get" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
