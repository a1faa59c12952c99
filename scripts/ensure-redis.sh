#!/usr/bin/env bash
# Make sure a redis-server binary is available for the cross-process pacing tests.
# The tests start and stop their own server on a free loopback port.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  # The package starts a system service on :6379; the tests use their own server.
  (command -v service >/dev/null 2>&1 && $sudo service redis-server stop >/dev/null 2>&1) || true
  exit 0
fi
echo "redis-server is not installed and apt-get is not available: install Redis (brew install redis, or your OS package) and run again." >&2
exit 1
