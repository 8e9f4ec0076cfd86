import pytest


@pytest.fixture(autouse=True)
def nothing_rendered_before(monkeypatch):
    """The papers' tests count what a build lays out and reuses: each starts with nothing in the process's memory
    of recent PDFs (governance.papers.documents._recent), as a fresh web or worker process does."""
    from governance.papers import documents

    monkeypatch.setattr(documents, "_recent", documents._Recent())
