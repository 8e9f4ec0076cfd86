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

installed() {
  # installed STAMP KEY: whether the last install recorded in STAMP was for KEY (the hash of what it installed).
  [ -f "$1" ] && grep -qxF "$2" "$1"
}

python_env() {
  # A virtual environment in .venv with the pinned dependencies (and the test extras when asked). Installed
  # again only when pyproject.toml changed (or other extras are asked for): .venv/.installed records it.
  local extras=${1:-}
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  local key
  key="$(sha256sum pyproject.toml | cut -d' ' -f1) ${extras}"
  if installed .venv/.installed "$key" || { [ -z "$extras" ] && grep -q "^${key% } " .venv/.installed 2>/dev/null; }; then
    return 0
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extras}"
  echo "$key" >> .venv/.installed
}

mst_env() {
  # meine-stadt-transparent 0.2.14, the OParl client tests/opendata/test_oparl_client_import.py runs, in its own
  # virtual environment (an old Django app: Django 4.0, numpy < 2, pip < 24.1) with a migrated SQLite database
  # the test copies for each run. It is a tool, not part of the project, so it lives in the user's cache
  # (MST_VENV, by default ~/.cache/sharedservice/venv-mst), shared by every checkout on the machine, and is built
  # again only when scripts/mst-requirements.txt changed ($MST_VENV/.installed records it): building it takes
  # one to four minutes of pip and migrating.
  export MST_VENV=${MST_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/sharedservice/venv-mst}
  local venv=$MST_VENV key
  key="$(sha256sum scripts/mst-requirements.txt | cut -d' ' -f1)"
  installed "$venv/.installed" "$key" && return 0
  mkdir -p "$(dirname "$venv")"
  (
    flock 9  # two checkouts setting up at once build it once
    installed "$venv/.installed" "$key" && exit 0
    echo "Building the OParl client's environment in $venv (once)"
    rm -rf "$venv"
    "${MST_PYTHON:-python3.11}" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet "pip<24.1"
    "$venv/bin/python" -m pip install --quiet -r scripts/mst-requirements.txt
    "$venv/bin/python" -m pip install --quiet --no-deps meine-stadt-transparent==0.2.14
    (cd "$venv" && env -i PATH=/usr/bin:/bin HOME="$PWD" REAL_HOST=localhost SECRET_KEY=setup \
      ELASTICSEARCH_ENABLED=False NO_LOG_FILES=True DATABASE_URL="sqlite:///$PWD/template.sqlite3" \
      bin/mst-manage migrate -v0 >/dev/null)
    echo "$key" > "$venv/.installed"
  ) 9>"$venv.lock"
}

static_assets() {
  # GOV.UK Frontend, htmx and SortableJS from npm (installed again only when package-lock.json changed:
  # node_modules/.installed records it), compiled into static_build/.
  local key
  key="$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if ! installed node_modules/.installed "$key"; then
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
    echo "$key" > node_modules/.installed
  fi
  npm run --silent build
}
