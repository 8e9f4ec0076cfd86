"""Benchmark: the site's pages under load on the large data set (build it first with bench/data.py).

Serves the site with gunicorn on loopback (production settings, DEBUG off, plus one bare view from
bench/settings.py), then drives a bounded load at each page in turn: a fixed number of requests from a few
concurrent clients, stopped early at a time limit. Prints, per page, the median and 95th percentile response
times, the throughput, each as a ratio to the bare view (a view that does nothing, through the same
middleware), and any error. Aim: p95 ≤ 5× the bare view's, throughput ≥ 30% of it, no errors.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ss_bench .venv/bin/python bench/pages.py
    … bench/pages.py --requests 100 --concurrency 4 --workers 2 --time-limit 30
    … bench/pages.py --only "CIO dashboard" --only search    # chosen pages (the bare view always runs)
    … bench/pages.py --no-cache    # no page served from Django's cache: what the first reader after a write meets
"""

import argparse
import http.client
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
# As production runs (docker-compose.yml): database connections kept between requests.
os.environ.setdefault("CONN_MAX_AGE", "60")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from data import bench_pages  # noqa: E402

HOST = "127.0.0.1"
SIGNED_IN_BARE = "bare view, signed in"


def session_for(username):
    """A signed-in session for a bench user, made directly in the session store (no password needed)."""
    from importlib import import_module

    user = get_user_model().objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def pages():
    """(label, path, username or None) of each page measured; the bare view first."""
    measured = bench_pages()
    if measured is None:
        sys.exit("No bench data: run bench/data.py first (same DATABASE_URL).")
    # The bare view twice: read anonymously, and signed in (its session and user read by the same middleware
    # as every signed-in page's), so a signed-in page can be compared with both.
    return [
        ("bare view (same middleware)", "/bench/bare/", None),
        (SIGNED_IN_BARE, "/bench/bare/", "bench.finance"),
        *measured,
    ]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(port, workers, threads):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "sharedservice.wsgi:application",
            "--bind", f"{HOST}:{port}", "--workers", str(workers), "--threads", str(threads),
            "--chdir", str(ROOT), "--log-level", "warning", "--timeout", "60",
        ],
        env=env,
        cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("gunicorn stopped while starting")
        try:
            status, _, _ = fetch(port, "/bench/bare/", None)
            if status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    sys.exit("gunicorn did not answer within 30 s")


def fetch(port, path, cookie, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"X-Forwarded-Proto": "https", "Host": HOST}
    if cookie:
        headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={cookie}"
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    if own:
        conn.close()
    return response.status, len(body), response.getheader("Connection", "")


def load(port, path, cookie, requests, concurrency, time_limit):
    """Sends `requests` GETs from `concurrency` clients (keep-alive connections), stopping at the time
    limit. Returns (latencies in seconds, errors, elapsed seconds)."""
    latencies, errors = [], []
    lock = threading.Lock()
    remaining = [requests]
    stop_at = time.monotonic() + time_limit

    def client():
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        while True:
            with lock:
                if remaining[0] <= 0 or time.monotonic() > stop_at:
                    break
                remaining[0] -= 1
            t = time.perf_counter()
            try:
                status, _, keep = fetch(port, path, cookie, conn)
                if keep.lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=60)
            except (OSError, http.client.HTTPException) as exc:
                status = type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
            elapsed = time.perf_counter() - t
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors.append(status)
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return latencies, errors, time.perf_counter() - started


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main():
    parser = argparse.ArgumentParser(description="The site's pages under load, against a bare view.")
    parser.add_argument("--requests", type=int, default=200, help="Requests per page (default 200).")
    parser.add_argument("--concurrency", type=int, default=4, help="Concurrent clients (default 4).")
    parser.add_argument("--time-limit", type=float, default=60, help="Seconds per page at most (default 60).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2).")
    parser.add_argument("--threads", type=int, default=1, help="Threads per gunicorn worker (default 1).")
    parser.add_argument(
        "--warmup", type=int, default=10, help="Untimed requests per page first (default 10)."
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="LABEL",
        help="Measure only the page with this label (repeatable); the bare view is always measured.",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="Serve with Django's cache off (a dummy cache), so every page is computed afresh.",
    )
    args = parser.parse_args()
    if args.no_cache:
        os.environ["BENCH_NO_CACHE"] = "1"  # read by bench/settings.py in the gunicorn workers
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL with the data of bench/data.py: set DATABASE_URL=postgres://…")
    targets = pages()
    if args.only:
        unknown = set(args.only) - {label for label, _, _ in targets}
        if unknown:
            sys.exit(
                f"No page labelled {', '.join(sorted(unknown))}; the labels: {', '.join(t[0] for t in targets)}"
            )
        targets = [*targets[:2], *(t for t in targets[2:] if t[0] in args.only)]
    cookies = {u: session_for(u) for u in {u for _, _, u in targets if u}}
    connection.close()
    port = free_port()
    server = start_server(port, args.workers, args.threads)
    rows = []
    try:
        for label, path, user in targets:
            cookie = cookies.get(user)
            status, size, _ = fetch(port, path, cookie)
            if status != 200:
                rows.append((label, path, None, None, 0.0, [status], size))
                continue
            load(port, path, cookie, args.warmup, args.concurrency, args.time_limit)
            latencies, errors, elapsed = load(
                port, path, cookie, args.requests, args.concurrency, args.time_limit
            )
            if not latencies:
                rows.append((label, path, None, None, 0.0, errors or ["no response"], size))
                continue
            rows.append(
                (
                    label,
                    path,
                    statistics.median(latencies),
                    p95(latencies),
                    len(latencies) / elapsed,
                    errors,
                    size,
                )
            )
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    bare, signed_bare = rows[0], rows[1]
    users = {label: user for label, _path, user in targets}
    print(
        f"{args.requests} requests per page, {args.concurrency} clients, gunicorn {args.workers} workers × "
        f"{args.threads} threads, DEBUG off, {'cache off, ' if args.no_cache else ''}"
        f"{time.strftime('%Y-%m-%d %H:%M')}"
    )
    header = (
        f"{'page':32} {'median ms':>9} {'p95 ms':>8} {'req/s':>7} {'p95 ×bare':>9} {'req/s %bare':>11} "
        f"{'×bare signed in':>15} {'%bare signed in':>15} {'KiB':>6}  errors"
    )
    print(header)
    print("-" * len(header))
    failures = []
    for label, _path, median, pct95, rate, errors, size in rows:
        if median is None:
            print(
                f"{label:32} {'—':>9} {'—':>8} {'—':>7} {'—':>9} {'—':>11} {'—':>15} {'—':>15} "
                f"{size / 1024:6.0f}  {errors[:3]}"
            )
            failures.append(label)
            continue
        p95_ratio, rate_share = pct95 / bare[3], rate / bare[4]
        signed = users.get(label) is not None and signed_bare[3]
        if signed:
            signed_cols = f"{pct95 / signed_bare[3]:14.1f}× {rate / signed_bare[4]:15.0%}"
        else:
            signed_cols = f"{'':>15} {'':>15}"
        print(
            f"{label:32} {median * 1000:9.1f} {pct95 * 1000:8.1f} {rate:7.1f} {p95_ratio:8.1f}× "
            f"{rate_share:10.0%} {signed_cols} {size / 1024:6.0f}  {len(errors) or ''}"
        )
        if label not in (bare[0], signed_bare[0]) and (p95_ratio > 5 or rate_share < 0.3 or errors):
            failures.append(label)
    print(
        "Aim: p95 ≤ 5× the bare view, throughput ≥ 30% of it, no errors. A signed-in page is also shown against "
        "the bare view read signed in (the same session and user reads)."
    )
    print("Missed by: " + ", ".join(failures) if failures else "Every page meets the aim.")


if __name__ == "__main__":
    main()
