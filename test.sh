#!/usr/bin/env bash
# Sets up .venv with the test tools and Debian's chromium (first run only), then
# runs every test, browser tests included. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh requirements-dev.txt

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Browser tests need Debian's chromium: run 'sudo apt-get install -y chromium' once." >&2
    exit 1
  fi
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi

exec .venv/bin/python -m pytest "$@"
