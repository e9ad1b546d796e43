#!/usr/bin/env bash
# Sets up .venv with the test tools and Debian's chromium (first run only), then
# runs every test, browser tests included. Extra arguments go to pytest.
#
# The plain command gives CI's verdict: the same hypothesis examples on every run.
# `./test.sh --explore` draws fresh random ones (a new seed each run, more examples);
# keep what it finds as an explicit @example.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh requirements-dev.txt

# Debian packages the tests need: chromium (browser tests, PNG export) and
# postgresql 15 (the store tests start their own throwaway server).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need Debian's ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}' once." >&2
    exit 1
  fi
  echo "Installing Debian's ${missing[*]} for the tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
fi

echo "ruff (lint and format) and mypy (strict on costmodel/, pricing/, ui/, render/, commands/, store/ and bench/ and pages/)..."
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy

arguments=()
for argument in "$@"; do
  if [ "$argument" = "--explore" ]; then
    arguments+=(--hypothesis-profile=explore)
  else
    arguments+=("$argument")
  fi
done
# Two workers, each module on one of them (its module fixtures shared as written): the
# browser tests mostly wait on reruns, so the two halves overlap even on 2 cores.
exec .venv/bin/python -m pytest --numprocesses=2 --dist=loadfile ${arguments[@]+"${arguments[@]}"}
