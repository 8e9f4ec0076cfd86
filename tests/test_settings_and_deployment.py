"""Settings come from the environment; production settings pass Django's deployment checks; the demo serves the
site with gunicorn, as production does."""

import http.client
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.test_worker import database_url_for_worker

ROOT = Path(settings.BASE_DIR)


def run_manage(*args, **env):
    full_env = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="k" * 20 + "x7Qp!zR2vN9wL4mT8sY1cB6dF3gH5jK0", ALLOWED_HOSTS="governance.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/unused", CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_tasks_use_json_and_results_are_stored_for_the_browser():
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_RESULT_BACKEND == "django-db"
    assert settings.CELERY_WORKER_MAX_TASKS_PER_CHILD > 0


def test_docker_compose_describes_the_production_stack():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(compose["services"])
    web_env = compose["services"]["web"]["environment"]
    assert web_env["DATABASE_URL"].startswith("postgres://")
    assert web_env["CELERY_BROKER_URL"].startswith("redis://")
    assert (ROOT / "Dockerfile").exists()


def test_every_dependency_is_pinned():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    assert all("==" in d for d in deps), [d for d in deps if "==" not in d]


def procfile():
    """The demo's processes (Procfile, run by honcho in scripts/demo.sh): name -> shell command."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip() and not line.startswith("#"))


def demo_environment():
    """What scripts/demo.sh exports with a plain value (DEBUG, ALLOWED_HOSTS, the TLS switches, mail), read from
    the script itself so the test follows it; the generated secret key is the test's own."""
    found = {}
    for line in (ROOT / "scripts" / "demo.sh").read_text().splitlines():
        if line.startswith("export "):
            for word in shlex.split(line)[1:]:
                name, _, value = word.partition("=")
                if value and "$" not in value:
                    found[name] = value
    return found


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_demo_web_process_is_gunicorn_bound_to_loopback_with_its_access_log_on_stdout():
    web = procfile()["web"]
    assert web.startswith(".venv/bin/gunicorn sharedservice.wsgi:application "), web
    assert "runserver" not in web
    assert "--bind 127.0.0.1:${PORT:-8000}" in web and "--access-logfile -" in web
    # gunicorn's control socket would be one file in $HOME, shared by every checkout and test run.
    assert "--no-control-socket" in web
    assert set(procfile()) == {"web", "worker", "beat"}


@pytest.mark.django_db(transaction=True)
def test_the_demo_web_process_serves_the_site_with_the_demo_settings(demo, tmp_path):
    """Procfile's web command, run as honcho runs it (a shell, PORT set) with the demo's settings (DEBUG off)
    against the test database, answers the home page; gunicorn says so, and logs the request on stdout."""
    environment = demo_environment()
    assert environment["DEBUG"] == "0" and "127.0.0.1" in environment["ALLOWED_HOSTS"]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        environment,
        PORT=str(port),
        SECRET_KEY="demo-test-" + "x7Qp!zR2vN9wL4mT8sY1cB6dF3gH5jK0",
        DATABASE_URL=database_url_for_worker(),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    log = open(tmp_path / "web.log", "w+")  # noqa: SIM115
    proc = subprocess.Popen(
        ["bash", "-c", procfile()["web"]],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        status, headers, body = None, {}, ""
        deadline = time.monotonic() + 90  # a busy machine loads Django slowly
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/", headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                status, headers, body = response.status, dict(response.getheaders()), response.read().decode()
                conn.close()
                break
            except OSError:
                time.sleep(0.3)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.seek(0)
        output = log.read()
        log.close()
    assert status == 200, output
    assert headers.get("Server") == "gunicorn"
    assert "Shared Digital" in body and "Tri-borough" in body
    assert '"GET / HTTP/1.1" 200' in output  # the access log, on stdout
    assert "development server" not in output
