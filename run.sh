#!/usr/bin/env bash
# Sets up .venv (first run only) and starts the dashboard on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh requirements.txt
exec .venv/bin/streamlit run app.py --server.headless true "$@"
