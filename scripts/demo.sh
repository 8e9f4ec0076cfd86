#!/usr/bin/env bash
# Installs everything, loads the demo data and runs the site with a Celery worker and beat.
source "$(dirname "$0")/setup.sh"
# The demo runs as production does (DEBUG off: the site's own 404, 403 and 500 pages, static files through
# WhiteNoise), over plain http on this machine, with emails (password resets) printed by the web server.
mkdir -p var
[ -s var/demo-secret-key ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > var/demo-secret-key
export DEBUG=0 SECRET_KEY="$(cat var/demo-secret-key)" ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 BEHIND_TLS_PROXY=0
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation
python_env
static_assets
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/python manage.py load_demo
PORT=${PORT:-8000}
echo
echo "Shared Service Governance is starting at http://127.0.0.1:${PORT}/ (Ctrl-C stops the web server, worker and beat)."
export PORT
exec .venv/bin/honcho --procfile Procfile start
