# Shared set-up steps for scripts/demo.sh and scripts/test.sh. Sourced, not run.
# Installs what the project needs on a Debian machine with Python 3.11+ and Node 20+, idempotently.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}

apt_install() {
  # Debian packages, installed only when missing. Needs root (or sudo).
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_env() {
  # A virtual environment in .venv with the pinned dependencies (and the test extras when asked).
  local extras=${1:-}
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extras}"
}

static_assets() {
  # GOV.UK Frontend, htmx and SortableJS from npm, compiled into static_build/.
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
  npm run --silent build
}
