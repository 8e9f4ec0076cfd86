"""A GET never writes: every URL of the project, read by every kind of visitor (the public, a person with no
role, every role), runs no INSERT, UPDATE or DELETE, except on the session and sign-in records. The demo data
gives the crawl an issued statement, a published meeting with reports, officer decisions and so on."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import crawl

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
# Sessions and sign-in records (django-axes's tables, a user's last_login) are the only writes a reader makes.
ALLOWED = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(django_session|axes_\w+)"?', re.IGNORECASE)
LAST_LOGIN = re.compile(r'^\s*UPDATE\s+"?auth_user"?\s+SET\s+"?last_login"?\s*=[^,]*\s+WHERE', re.IGNORECASE)


def writes_in(queries):
    return [
        q["sql"]
        for q in queries
        if WRITE.match(q["sql"]) and not ALLOWED.match(q["sql"]) and not LAST_LOGIN.match(q["sql"])
    ]


def test_the_write_detector_sees_writes_and_lets_sessions_through():
    assert writes_in([{"sql": 'UPDATE "finance_rechargestatement" SET "pdf_checksum" = %s WHERE id = 1'}])
    assert writes_in([{"sql": 'INSERT INTO "finance_historicalrechargestatement" ("id") VALUES (1)'}])
    assert not writes_in([{"sql": 'UPDATE "django_session" SET "session_data" = %s WHERE 1'}])
    assert not writes_in([{"sql": 'UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = 1'}])
    assert not writes_in([{"sql": 'SELECT "x" FROM "finance_rechargestatement"'}])


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", crawl.principal_labels())
def test_no_get_writes_anything(client, finance_demo, make_user, visitor, tmp_path_factory):
    """One test per kind of visitor, so that the workers share the walk. What the visitor read is published for
    the malformed-input walk (tests/crawl.py), which then need not read the site again."""
    from finance.models import RechargeStatement

    assert RechargeStatement.objects.filter(status="issued").exists(), "the crawl needs an issued statement"
    samples = crawl.demo_samples()
    pages = crawl.urls(samples)
    # The walk as a whole (every visitor) is over 300 requests.
    assert len(pages) * len(crawl.principal_labels()) > 300
    failures, visited, expected = [], 0, 0
    # Every visitor is made (as the malformed-input walk makes them), so that the pages read are the same.
    everyone = [(label, user) for label, user in crawl.principals(make_user) if label == visitor]
    with crawl.publishing(crawl.shared_folder(tmp_path_factory), visitor) as reads:
        for label, user in everyone:
            crawl.sign_in(client, user)
            for name, path, _params, _pattern in pages:
                # The admin's pages are tried by its only reader, the administrator.
                if name.startswith("admin:") and name != "admin:index" and "Administrator" not in label:
                    continue
                expected += 1
                with CaptureQueriesContext(connection) as ctx:
                    response = client.get(path)
                visited += 1
                assert response.status_code < 500, f"{label} GET {path}: {response.status_code}"
                reads.read(name, path, response)
                for sql in writes_in(ctx.captured_queries):
                    failures.append(f"{label} GET {path} ({name}): {sql[:160]}")
    assert visited == expected > 0
    assert not failures, "GET requests wrote to the database:\n" + "\n".join(failures[:40])
