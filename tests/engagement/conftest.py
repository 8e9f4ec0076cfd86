import pytest
from django.db import connection

from governance.models import Partnership

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
