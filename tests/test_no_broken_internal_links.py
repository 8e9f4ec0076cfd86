"""No broken internal link: every page of the project, read by every kind of visitor (the public, a person with
no role, every role), links only to pages of this site that exist (no 404, no 500) and to static files that
exist. A link a browser would read as relative, such as an e-mail address without mailto:, counts as internal.
The walk is tests/crawl.py's, over the demo data."""

import pytest
from django.contrib.staticfiles import finders

from tests import crawl
from tests.crawl import internal_links


def test_internal_links_are_read_as_the_browser_reads_them():
    class Page:
        content = b'<a href="/a/">a</a><a href="cheryl@camden.gov.uk">x</a><a href="mailto:x@y.uk">m</a><a href="#t">t</a>'

        def get(self, key, default=None):
            return "text/html; charset=utf-8"

    assert internal_links("/shared-digital/reports/1/", Page()) == {
        "/a/",
        "/shared-digital/reports/1/cheryl@camden.gov.uk",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("visitor", crawl.principal_labels())
def test_no_page_links_to_a_missing_page_for_anyone(
    client, finance_demo, make_user, visitor, tmp_path_factory
):
    """One test per kind of visitor, so that the workers share the walk. The pages as the visitor reads them (and
    the links on each) are the run's shared reading (tests/crawl.py), read here only if no other crawl has."""
    samples = crawl.demo_samples()
    pages = crawl.urls(samples)
    # Every visitor is made (as the other crawls make them), so that the pages read are the same.
    ((label, user),) = [(label, user) for label, user in crawl.principals(make_user) if label == visitor]
    crawl.sign_in(client, user)

    def read_as_visitor(reads):
        # The admin's pages are read by its only reader, the administrator (as the GET-never-writes crawl does).
        for name, path, _params, _pattern in pages:
            if name.startswith("admin:") and name != "admin:index" and "Administrator" not in label:
                continue
            reads.read(name, path, client.get(path))

    read = crawl.reading(crawl.shared_folder(tmp_path_factory), label, read_as_visitor)
    broken, checked, seen, links = [], 0, set(), {}
    for name, path, _params, _pattern in pages:
        if name.startswith("admin:"):
            continue
        page = read["pages"].get(name)
        if page is None:  # it gave a server error
            broken += read["failures"].get(name) or [f"{label}: {path} gave a server error"]
            continue
        seen.add(page["path"])  # the path read (a job's id is made up afresh by each crawl)
        for link in page["links"]:
            links.setdefault(link, page["path"])
    for link, found_on in sorted(links.items()):
        if link.startswith("/static/"):
            if not finders.find(link.removeprefix("/static/")):
                broken.append(f"{label}: {found_on} links to a missing static file {link}")
            continue
        if link in seen or link.startswith("/accounts/logout"):
            continue
        seen.add(link)
        status = client.get(link).status_code
        checked += 1
        if status == 404 or status >= 500:
            broken.append(f"{label}: {found_on} links to {link} ({status})")
    # Over a hundred links followed by every visitor together; the public alone follows fewer.
    assert checked > 100 / len(crawl.principal_labels())
    assert not broken, "Broken internal links:\n" + "\n".join(broken[:40])
