"""Faults a real worker survives: killed with SIGKILL in the middle of an agenda pack build and in the middle of
issuing statements, its Redis restarted during a build, and PostgreSQL dropping its connection. After each there
is no partial file, no statement number is used twice or skipped, the job says what happened, and a retry
completes.

Each test runs its own redis-server on a free loopback port (the shared Redis is never touched) and a real Celery
worker on it. To stop a worker at a known point of the work, the test holds a row lock the worker needs: the
meeting row, which a pack build locks after it has rendered and stored the PDF and before it records the pack;
the statement counter, which issuing locks after it has locked the drafts and before it numbers them. The worker
waits on the lock (seen in pg_stat_activity) and is then killed, cut off or has its broker restarted.
PostgreSQL only (row locks and pg_terminate_backend)."""

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from governance.jobs import services as jobs
from governance.models import AgendaPack, Job
from sharedservice.celery import app

from ..paper_helpers import write_report

pytestmark = [
    pytest.mark.worker,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        or not shutil.which("redis-server"),
        reason="needs PostgreSQL and redis-server",
    ),
]

WORKER_APP = "ss-fault-worker"  # the application_name of the worker's database connections
VISIBILITY_TIMEOUT = 3  # seconds before a task whose worker died is delivered again


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A throwaway redis-server on a loopback port, which a test may restart."""

    def __init__(self, tmp_path):
        self.port, self.dir, self.proc = free_port(), tmp_path, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def _database_kwargs():
    db = connection.settings_dict
    return {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
        "dbname": db["NAME"],
    }


def _database_url():
    k = _database_kwargs()
    password = f":{k['password']}" if k["password"] else ""
    return f"postgres://{k['user']}{password}@{k['host']}:{k['port']}/{k['dbname']}?application_name={WORKER_APP}"


class Workers:
    """Starts real Celery workers (solo pool, like the Procfile) on a broker; stops what is left at the end."""

    def __init__(self, tmp_path, broker):
        self.tmp_path, self.broker, self.procs, self.logs = tmp_path, broker, [], []

    def start(self):
        log = open(self.tmp_path / f"worker-{len(self.procs)}.log", "w+")  # noqa: SIM115
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "CELERY_BROKER_URL": self.broker.url,
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "sharedservice", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.procs.append(proc)
        self.logs.append(log)
        return proc

    def log(self):
        text = []
        for log in self.logs:
            log.seek(0)
            text.append(log.read()[-2500:])
        return "\n----\n".join(text)

    def stop(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
        for log in self.logs:
            log.close()


@pytest.fixture
def workers(tmp_path, settings, redis_server):
    settings.MEDIA_ROOT = tmp_path / "media"
    w = Workers(tmp_path, redis_server)
    yield w
    w.stop()


def send(broker, task, job):
    with app.connection_for_write(broker.url) as conn:
        app.send_task(task, args=[str(job.pk)], connection=conn)


@contextmanager
def row_lock(table, pk):
    """Holds a row lock from another connection until the block ends."""
    conn = psycopg.connect(**_database_kwargs())
    try:
        conn.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [pk])  # noqa: S608 - our table names
        yield
    finally:
        conn.rollback()
        conn.close()


def wait_for(predicate, what, timeout=60, workers=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}\n{workers.log() if workers else ''}")


def worker_waiting_on_a_lock():
    with psycopg.connect(**_database_kwargs(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND wait_event_type = 'Lock'"
            " AND datname = current_database()",  # this test database's worker, not another xdist worker's
            [WORKER_APP],
        ).fetchone()
    return row[0] > 0


def job_finished(job):
    def check():
        job.refresh_from_db()
        return job.status in (Job.Status.SUCCEEDED,)

    return check


def stored_packs():
    root = settings.MEDIA_ROOT / "packs"
    return (
        sorted(str(p.relative_to(settings.MEDIA_ROOT)) for p in root.rglob("*") if p.is_file())
        if root.exists()
        else []
    )


@pytest.fixture
def meeting_with_reports(future_meeting, officer):
    write_report(future_meeting, officer, "Governance Model Review")
    write_report(future_meeting, officer, "Network Services Transformation")
    future_meeting.refresh_from_db()
    return future_meeting


def pack_job(meeting, officer):
    return jobs.job_create(
        kind="agenda_pack",
        title="Public agenda pack",
        by=officer,
        partnership=meeting.body.partnership,
        parameters={"meeting": meeting.pk, "audience": "public"},
    )


def assert_one_whole_pack(meeting):
    pack = AgendaPack.objects.get(meeting=meeting, audience="public")
    assert stored_packs() == [pack.file.name.replace("\\", "/")]
    with pack.file.open("rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == pack.checksum
    return pack


def test_a_worker_killed_mid_pack_build_leaves_no_pack_and_the_redelivered_task_builds_it(
    meeting_with_reports, officer, workers, redis_server
):
    meeting = meeting_with_reports
    job = pack_job(meeting, officer)
    with row_lock("governance_meeting", meeting.pk):
        first = workers.start()
        send(redis_server, "governance.papers.tasks.build_agenda_pack", job)
        wait_for(worker_waiting_on_a_lock, "the build to reach the save", workers=workers)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.RUNNING, 1)
    assert not AgendaPack.objects.filter(meeting=meeting).exists()

    workers.start()  # the broker delivers the unacknowledged task again
    wait_for(job_finished(job), "the retried build", workers=workers)
    assert job.attempts == 2
    assert job.error == jobs.NOTE_INTERRUPTED.format(n=1)
    assert_one_whole_pack(meeting)


def test_a_worker_killed_mid_issue_uses_no_number_and_the_retry_numbers_every_statement_once(
    finance_demo, workers, redis_server
):
    # The finance demo: Shared Digital hosted by Camden in 2018/19, its budget, its invoicing settings and the
    # councils' billing profiles (without which issuing is refused), and Q1 2018/19 already issued.
    from finance.models import RechargeStatement, StatementCounter
    from governance.models import Partnership

    sd = Partnership.objects.get(slug="shared-digital")
    counter, _ = StatementCounter.objects.get_or_create(partnership=sd, year=2018)
    used = counter.last
    job = jobs.job_create(
        kind="finance_statements_issue",
        title="Issue Q2 2018/19",
        by=get_user_model().objects.get(username="finance.haringey"),
        partnership=sd,
        parameters={"year": 2018, "period": "Q2"},
    )
    with row_lock("finance_statementcounter", counter.pk):
        first = workers.start()
        send(redis_server, "finance.tasks.issue_statements", job)
        wait_for(worker_waiting_on_a_lock, "issuing to reach the counter", workers=workers)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    counter.refresh_from_db()
    assert counter.last == used
    assert not RechargeStatement.objects.filter(
        partnership=sd, year=2018, period="Q2", status="issued"
    ).exists()

    workers.start()
    wait_for(job_finished(job), "the retried issue", workers=workers)
    issued = list(
        RechargeStatement.objects.filter(partnership=sd, year=2018, period="Q2", status="issued")
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert issued == [f"SD-2018/19-{n:04d}" for n in range(used + 1, used + 1 + len(issued))]
    assert issued and not RechargeStatement.objects.filter(
        partnership=sd, year=2018, period="Q2", status="draft"
    )
    counter.refresh_from_db()
    assert counter.last == used + len(issued)
    assert (job.attempts, job.error) == (2, jobs.NOTE_INTERRUPTED.format(n=1)), workers.log()
    with job.file.open("rb") as f:
        assert {row.split(",")[0] for row in f.read().decode().splitlines()[1:]} == set(issued)


def test_a_build_whose_database_connection_is_dropped_fails_cleanly_and_retries(
    meeting_with_reports, officer, workers, redis_server
):
    meeting = meeting_with_reports
    job = pack_job(meeting, officer)
    workers.start()
    with row_lock("governance_meeting", meeting.pk):
        send(redis_server, "governance.papers.tasks.build_agenda_pack", job)
        wait_for(worker_waiting_on_a_lock, "the build to reach the save", workers=workers)
        with psycopg.connect(**_database_kwargs(), autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s"
                " AND datname = current_database()",
                [WORKER_APP],
            )
    wait_for(job_finished(job), "the retried build", workers=workers)
    assert job.attempts == 2
    assert job.error.startswith("Attempt 1 failed (") and "run again" in job.error
    assert_one_whole_pack(meeting)


def test_a_build_survives_its_redis_restarting_and_the_worker_takes_the_next_job(
    meeting_with_reports, officer, workers, redis_server
):
    meeting = meeting_with_reports
    job = pack_job(meeting, officer)
    workers.start()
    with row_lock("governance_meeting", meeting.pk):
        send(redis_server, "governance.papers.tasks.build_agenda_pack", job)
        wait_for(worker_waiting_on_a_lock, "the build to reach the save", workers=workers)
        redis_server.stop()
        redis_server.start()
    wait_for(job_finished(job), "the build", workers=workers)
    assert job.attempts == 1
    assert_one_whole_pack(meeting)

    export = jobs.job_create(kind="change_history_export", title="Change history export", by=officer)
    send(redis_server, "governance.audit.tasks.export_change_history", export)
    wait_for(job_finished(export), "a job sent after the restart", workers=workers)
