"""Alerts are sent by the worker: `alerts_worker` records the tasks a request or a publishing transaction queues
(their arguments through JSON, as the broker carries them) and `run()` does what the worker does with them, the
tasks they queue included. `smtp_server` is a real SMTP server on loopback (aiosmtpd) that Django's SMTP backend
sends to."""

import json
import socket
from email import message_from_bytes, policy

import pytest
from django.db import connection

from governance.models import Partnership

# The Joint Committee, its officer, a meeting two months ahead and adding business to it: governance's fixtures
# (their `sd` is this folder's, with the search index built).
from tests.governance.conftest import add_business, future_meeting, jc, officer  # noqa: F401

TASKS = (
    "send_confirmation",
    "send_manage_link",
    "send_alerts",
    "send_immediate_alerts",
    "send_daily_digests",
)


class AlertsWorker:
    def __init__(self):
        self.queued = []

    def run(self):
        """Runs every queued task, and what they queue, until nothing is left; returns their results."""
        from engagement import tasks

        done = []
        while self.queued:
            name, args = self.queued.pop(0)
            done.append(getattr(tasks, name).run(*args))
        return done

    def names(self):
        return [name for name, _ in self.queued]


@pytest.fixture
def alerts_worker(monkeypatch):
    from engagement import tasks

    worker = AlertsWorker()
    for name in TASKS:
        task = getattr(tasks, name)

        def record(*args, _name=name):
            worker.queued.append((_name, json.loads(json.dumps(args))))

        monkeypatch.setattr(task, "delay", record)
    return worker


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": envelope.rcpt_tos, "message": message, "raw": envelope.content})
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 (aiosmtpd), and Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    with (
        socket.socket() as probe
    ):  # a free port (aiosmtpd checks its server by connecting to the port it is given)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = "https://alerts.example.org"
    try:
        yield inbox
    finally:
        controller.stop()


def body_of(message, kind="plain"):
    part = message.get_body(preferencelist=(kind,))
    return part.get_content()


SD = "/shared-digital"


@pytest.fixture(scope="session")
def _demo_index_committed(django_db_setup, django_db_blocker):
    """The governance demo's search index, built once per worker on the committed demo (as load_demo ends)."""
    from engagement.search import index_partnership

    with django_db_blocker.unblock():
        for p in Partnership.objects.all():
            index_partnership(p)


@pytest.fixture
def sd(demo, _demo_index_committed):
    """Shared Digital, its search index up to date with the demo."""
    return Partnership.objects.get(slug="shared-digital")


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search (SQLite has the simpler match)"
)
sqlite_only = pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite fallback")
