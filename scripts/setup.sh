#!/usr/bin/env bash
# Creates .venv and installs the given requirements file into it, once per change
# of that file (a stamp with its hash makes reruns instant).
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=${1:-requirements.txt}

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed-$(basename "$requirements")"
wanted=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" > "$stamp"
fi
