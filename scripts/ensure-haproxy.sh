#!/usr/bin/env bash
# Make sure an haproxy binary is available for the multi-replica MCP test (load balancer in front
# of several `incidentio mcp --transport http --stateless` replicas).
# The test starts and stops its own haproxy on free loopback ports with its own configuration.
set -euo pipefail
if command -v haproxy >/dev/null 2>&1; then
  exit 0
fi
if command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends haproxy >/dev/null
  # The package starts a system service with its default configuration; the test uses its own.
  (command -v service >/dev/null 2>&1 && $sudo service haproxy stop >/dev/null 2>&1) || true
  exit 0
fi
echo "haproxy is not installed and apt-get is not available: install HAProxy (brew install haproxy, or your OS package) and run again." >&2
exit 1
