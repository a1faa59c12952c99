#!/usr/bin/env bash
# Set up everything `make test` and `make demo` need, from a bare checkout with only python3.
set -euo pipefail
cd "$(dirname "$0")/.."

export UV_PYTHON_DOWNLOADS=never
if command -v uv >/dev/null 2>&1; then
  uv=uv
else
  if [ ! -x .tools/bin/uv ]; then
    python3 -m venv .tools
    .tools/bin/pip install --quiet --disable-pip-version-check "uv>=0.13,<0.14"
  fi
  uv=.tools/bin/uv
fi
"$uv" sync --locked --all-extras --python python3 --quiet
