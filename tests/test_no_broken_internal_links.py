"""No broken internal link: every page of the project, read by every kind of visitor (the public, a person with
no role, every role), links only to pages of this site that exist (no 404, no 500) and to static files that
exist. A link a browser would read as relative, such as an e-mail address without mailto:, counts as internal.
The walk is tests/crawl.py's, over the demo data."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.staticfiles import finders

from tests import crawl

OUTSIDE = ("mailto:", "tel:", "http://", "https://", "//", "#", "data:", "javascript:")


def internal_links(page_path, response):
    """The paths (with their query) of the site that the page links to."""
    if "text/html" not in response.get("Content-Type", ""):
        return set()
    reader = crawl.FormReader()
    reader.feed(response.content.decode("utf-8", "replace"))
    links = set()
    for href in reader.links:
        href = href.strip()
        if not href or href.lower().startswith(OUTSIDE):
            continue
        parts = urlsplit(urljoin(page_path, href))
        links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


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
def test_no_page_links_to_a_missing_page_for_anyone(client, finance_demo, make_user, visitor):
    """One test per kind of visitor, so that the workers share the walk."""
    samples = crawl.demo_samples()
    pages = crawl.urls(samples, include_admin=False)
    broken, checked = [], 0
    for label, user in crawl.principals(make_user, only=visitor):
        crawl.sign_in(client, user)
        seen, links = set(), {}
        for _name, path, _params, _pattern in pages:
            response = client.get(path)
            seen.add(path)
            if response.status_code == 200:
                for link in internal_links(path, response):
                    links.setdefault(link, path)
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
