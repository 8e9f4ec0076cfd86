#!/usr/bin/env bash
# Installs everything, loads the demo data and runs the site with a Celery worker and beat.
source "$(dirname "$0")/setup.sh"
apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
python_env
static_assets
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py load_demo
PORT=${PORT:-8000}
echo
echo "Shared Service Governance is starting at http://127.0.0.1:${PORT}/ (Ctrl-C stops the web server, worker and beat)."
export PORT
exec .venv/bin/honcho --procfile Procfile start
