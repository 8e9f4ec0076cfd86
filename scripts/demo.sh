#!/usr/bin/env bash
# Installs everything, loads the demo data and runs the site with a Celery worker and beat.
source "$(dirname "$0")/setup.sh"
# The demo runs as production does (DEBUG off: the site's own 404, 403 and 500 pages, static files through
# WhiteNoise, gunicorn as the web server: see Procfile), over plain http on this machine, with emails (password
# resets, sent by the worker) printed in the worker's output.
mkdir -p var
[ -s var/demo-secret-key ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > var/demo-secret-key
export DEBUG=0 SECRET_KEY="$(cat var/demo-secret-key)" ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 BEHIND_TLS_PROXY=0
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
# Each slow step says what it is doing first (a first start takes some minutes; later ones only seconds).
echo "Checking the Debian packages PDF rendering needs (pango, Liberation fonts)..."
apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
echo "Checking the Python packages in .venv (installed only when pyproject.toml changed)..."
python_env
echo "Building the static assets (GOV.UK Frontend, htmx, SortableJS)..."
static_assets
echo "Migrating the database in var/ (about a minute the first time, longer on a busy machine)..."
.venv/bin/python manage.py migrate --noinput
echo "Collecting the static files WhiteNoise serves..."
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
echo "Loading the demo data (nothing twice) and building the 30 October 2017 agenda pack (half a minute or more the first time)..."
.venv/bin/python manage.py load_demo
PORT=${PORT:-8000}
echo
echo "Shared Service Governance is starting at http://127.0.0.1:${PORT}/ (Ctrl-C stops the web server, worker and beat)."
export PORT
exec .venv/bin/honcho --procfile Procfile start
