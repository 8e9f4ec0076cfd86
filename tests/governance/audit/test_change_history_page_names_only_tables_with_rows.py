"""A page of the change history reads its rows with one UNION ALL of the newest rows of each history table; the
count before it says which tables have rows that match, so the union names only those (PostgreSQL plans every
part of a union: planning ~60 parts took longer than running them)."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.audit.history import tracked_history_models
from governance.roles import Role


def _page_query(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    (page,) = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT c_model, c_id, c_when")]
    return page, response


def test_the_page_reads_only_the_history_tables_with_matching_rows(client, demo, make_user):
    client.force_login(make_user(Role.AUDITOR, username="ada"))
    client.get("/changes/")
    page, _ = _page_query(client, "/changes/")
    with_rows = {h._meta.db_table for _, h in tracked_history_models() if h.objects.exists()}
    without = {h._meta.db_table for _, h in tracked_history_models()} - with_rows
    assert with_rows and without  # the demo leaves some kinds unchanged
    assert all(f'"{table}"' in page for table in with_rows)
    assert not any(f'"{table}"' in page for table in without)

    councils, response = _page_query(client, "/changes/?kind=governance.council")
    assert '"governance_historicalcouncil"' in councils
    assert not any(f'"{t}"' in councils for t in with_rows - {"governance_historicalcouncil"})
    assert "Council" in response.content.decode()
