"""Settings come from the environment; production settings pass Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import yaml
from django.conf import settings

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
