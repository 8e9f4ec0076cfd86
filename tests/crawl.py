"""Walks every URL pattern of the project as every kind of visitor, with paths that name real records of the demo
data (a published meeting with reports, an issued statement, an officer decision …), and reads the forms each
page offers so that their fields can be posted back (malformed) by the bad-input test.

Used by tests/test_malformed_input_is_a_400.py, tests/test_get_never_writes.py and
tests/test_no_broken_internal_links.py; the URL walk is the access
table test's (tests/test_access_table.py), so a URL added later is covered without editing these tests."""

import contextlib
import fcntl
import itertools
import json
import os
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, resolve, reverse
from django.urls.exceptions import Resolver404

from governance.models import Council, Partnership
from governance.roles import Role
from tests.test_access_table import all_patterns

# Patterns the crawl leaves alone: signing out would end the session the crawl runs in.
SKIP = {"logout"}


def demo_samples():
    """Values for each URL parameter, naming records that exist in the demo data (finance demo included)."""
    from finance.models import RechargeStatement
    from governance.models import Action, AgendaItem, Body, BodyMember, OfficerDecision, ParallelDecision

    sd = Partnership.objects.get(slug="shared-digital")
    item = (
        AgendaItem.objects.filter(meeting__body__partnership=sd, report__isnull=False)
        .select_related("meeting")
        .order_by("meeting__date", "pk")
        .last()
    )
    meeting = item.meeting if item else None
    report = getattr(item, "report", None)
    appendix = report.appendices.order_by("pk").first() if report else None
    pack = meeting.packs.order_by("pk").first() if meeting and hasattr(meeting, "packs") else None
    statement = (
        RechargeStatement.objects.filter(partnership=sd, status="issued").order_by("pk").first()
        or RechargeStatement.objects.filter(partnership=sd).order_by("pk").first()
    )
    decision = OfficerDecision.objects.filter(partnership=sd).order_by("pk").first()
    parallel = ParallelDecision.objects.filter(decision=decision).order_by("pk").first() if decision else None
    body = Body.objects.filter(partnership=sd).order_by("pk").first()
    user = get_user_model().objects.order_by("pk").first()
    action = Action.objects.filter(item__meeting__body__partnership=sd).order_by("pk").first()
    seat = BodyMember.objects.filter(body__partnership=sd).order_by("pk").first()

    def ident(obj):
        return str(obj.pk) if obj is not None else "1"

    return {
        "partnership": sd.slug,
        "job_id": str(uuid.uuid4()),
        "object_id": ident(meeting),
        "app_label": "governance",
        "version_id": "1",
        "content_type_id": "1",
        "url": "anything",
        "user_id": ident(user),
        "id": ident(user),
        "pk": ident(user),
        "year": "2018-19",
        "statement_id": ident(statement),
        "body": body.slug if body else "x",
        "meeting": ident(meeting),
        "item": ident(item),
        "decision": ident(decision),
        "parallel": ident(parallel),
        "pack": ident(pack),
        "appendix": ident(appendix),
        "action": ident(action),
        "person": str(seat.person_id) if seat else "1",
        "kind": "item",  # withdrawal: what to withdraw from the public, and its id
        "target": ident(item),
        "number": "1",  # a supplementary agenda
        "operation": "GetMeeting",
        "uidb64": "MQ",
        "token": "set-password",
    }


def urls(samples, include_admin=True):
    """(name, path, parameter names, pattern) for every URL pattern, its parameters filled from samples."""
    result = []
    for name, _namespace, pattern, params in all_patterns():
        if not name or name in SKIP:
            continue
        if name.startswith("admin:") and not include_admin:
            continue
        path = None
        try:
            path = reverse(name, kwargs={p: samples.get(p, "1") for p in params})
        except NoReverseMatch:
            for combo in itertools.product(*(_alternatives(p, samples) for p in params)):
                try:
                    path = reverse(name, kwargs=dict(zip(params, combo, strict=True)))
                    break
                except NoReverseMatch:
                    continue
        if path is None and not params:
            positional = pattern.pattern.regex.groups
            try:
                path = reverse(name, args=["1"] * positional)
            except NoReverseMatch:
                pass
        if path is not None:
            result.append((name, path, params, pattern))
    return result


def _alternatives(param, samples):
    return [samples.get(param, "1"), "1", "auth", "governance", str(uuid.uuid4())]


def principal_labels():
    """The labels of principals(), known without the database: crawls are split into one test per visitor."""
    labels = ["anonymous", "no role"]
    for role in Role:
        if role == Role.FINANCE_OFFICER:
            labels += [f"finance officer {code}" for code in ("LBC", "LBH")]
        else:
            labels.append(f"{role.label} (shared-digital)")
    return labels + [f"{role.label} (every partnership)" for role in (Role.AUDITOR, Role.ADMINISTRATOR)]


def principals(make_user, only=None):
    """(label, user or None): the public, a person with no role, every role of Shared Digital (a finance
    officer of the host council and of another), and the auditor and administrator of every partnership.
    With only (a label), that visitor alone."""
    sd = Partnership.objects.get(slug="shared-digital")
    result = []

    def add(label, make):
        if only is None or label == only:
            result.append((label, make()))

    add("anonymous", lambda: None)
    add("no role", make_user)
    for role in Role:
        if role == Role.FINANCE_OFFICER:
            for code in ("LBC", "LBH"):
                add(
                    f"finance officer {code}",
                    lambda r=role, c=code: make_user(r, sd, Council.objects.get(code=c)),
                )
        else:
            add(f"{role.label} (shared-digital)", lambda r=role: make_user(r, sd))
    for role in (Role.AUDITOR, Role.ADMINISTRATOR):
        add(f"{role.label} (every partnership)", lambda r=role: make_user(r))
    assert [label for label, _ in result] == [x for x in principal_labels() if only is None or x == only]
    return result


def sign_in(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


class FormReader(HTMLParser):
    """The forms of a page: [(method, action, [(name, value, type)])], values as the browser would send them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.links = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "form":
            self._form = ((a.get("method") or "get").lower(), a.get("action") or "", [])
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        fields = self._form[2]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset"}:
                if a.get("value") is not None:
                    fields.append((name, a.get("value"), kind))
                return
            if kind in {"checkbox", "radio"}:
                if any(f[0] == name for f in fields):
                    if "checked" in a:
                        fields[:] = [f for f in fields if f[0] != name]
                    else:
                        return
                fields.append((name, a.get("value", "on"), kind))
                return
            fields.append((name, a.get("value", ""), kind))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = [name, None, "select"]
            fields.append(self._select)
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            if self._select[1] is None or "selected" in a:
                self._select[1] = value if value is not None else ""
        elif tag == "button" and name and a.get("value") is not None:
            fields.append((name, a["value"], "submit"))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._select is not None and self._select[1] is None and self._form is not None:
                # A select with no options sends nothing, as a browser does.
                self._form[2].remove(self._select)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea.append("textarea")
            self._textarea = None


def read_page(path, response):
    """The page's forms as {(method, action path): [(name, value, type)]}, the query names its links use per
    path, and its internal links (internal_links)."""
    forms, queries = {}, {}
    if "text/html" not in response.get("Content-Type", ""):
        return forms, queries, set()
    reader = FormReader()
    reader.feed(response.content.decode("utf-8", "replace"))
    for method, action, fields in reader.forms:
        target = urlsplit(action).path or path
        key = (method, target)
        if key not in forms:
            forms[key] = [tuple(f) if len(f) == 3 else (f[0], f[1], "textarea") for f in fields]
            if method == "get":
                queries.setdefault(target, set()).update(f[0] for f in fields)
    for href in reader.links:
        parts = urlsplit(href)
        if parts.netloc or not parts.query:
            continue
        queries.setdefault(parts.path or path, set()).update(k for k, _ in parse_qsl(parts.query))
    return forms, queries, _internal(path, reader.links)


# Links that leave the site (or stay on the page).
OUTSIDE = ("mailto:", "tel:", "http://", "https://", "//", "#", "data:", "javascript:")


def internal_links(page_path, response):
    """The paths (with their query) of the site that the page links to. A link a browser would read as relative,
    such as an e-mail address without mailto:, counts as internal."""
    if "text/html" not in response.get("Content-Type", ""):
        return set()
    reader = FormReader()
    reader.feed(response.content.decode("utf-8", "replace"))
    return _internal(page_path, reader.links)


def _internal(page_path, hrefs):
    links = set()
    for href in hrefs:
        href = href.strip()
        if not href or href.lower().startswith(OUTSIDE):
            continue
        parts = urlsplit(urljoin(page_path, href))
        links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def same_view(path_a, path_b):
    try:
        return resolve(path_a).view_name == resolve(path_b).view_name
    except Resolver404:
        return False


# What a visitor reads of the site (which pages they may read, the forms and links each offers) is worked out
# once per run and shared between the pytest-xdist workers: the GET-never-writes crawl (one test per visitor)
# publishes what it read, and the malformed-input walk and the broken-links test read it back instead of crawling
# the site again. A reading's page paths name records of the demo data and the visitors made in the order of
# principals(), so a test that reads it back makes every visitor as the crawl did. Whoever needs a visitor's reading first computes it, holding a lock so that no one computes it twice;
# the files live in the run's own temporary folder, so a later run never sees them.


def shared_folder(tmp_path_factory):
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run
    folder = base / "site-reads"
    folder.mkdir(exist_ok=True)
    return folder


class PageReads:
    """One visitor's reading of the pages, in page order: {name: (status, readable, html, forms, queries, links)},
    links being the internal links of a page answered with a 200."""

    def __init__(self):
        self.pages = {}
        self.failures = {}

    def read(self, name, path, response):
        """Records a page as read from response (None: it raised)."""
        if response is None or response.status_code >= 500:
            return
        readable = not (
            response.status_code == 403
            or (response.status_code == 302 and "/accounts/login/" in response.get("Location", ""))
        )
        forms, queries, links = read_page(path, response) if readable else ({}, {}, set())
        self.pages[name] = {
            "path": path,
            "status": response.status_code,
            "links": sorted(links) if response.status_code == 200 else [],
            "readable": readable,
            "html": "text/html" in response.get("Content-Type", ""),
            "forms": [[method, target, fields] for (method, target), fields in forms.items()],
            "queries": {target: sorted(names) for target, names in queries.items()},
        }

    def as_json(self):
        return {"pages": self.pages, "failures": self.failures}


def _file(folder, label):
    return folder / (re.sub(r"[^A-Za-z0-9]+", "-", label).strip("-") + ".json")


@contextlib.contextmanager
def publishing(folder, label):
    """Around a crawl that reads every page as the visitor: holds the visitor's lock (another worker that needs
    the reading waits rather than crawls too) and yields a PageReads to fill, published if the crawl finished
    and nobody published one before."""
    path = _file(folder, label)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        reads = PageReads()
        yield reads
        if not path.exists():
            partial = path.with_suffix(".partial")
            partial.write_text(json.dumps(reads.as_json()))
            partial.replace(path)


def reading(folder, label, crawl):
    """The visitor's published reading, or crawl(reads) run now (and published)."""
    path = _file(folder, label)
    if path.exists():
        return json.loads(path.read_text())
    with publishing(folder, label) as reads:
        if path.exists():  # published while this worker waited for the lock
            return json.loads(path.read_text())
        crawl(reads)
    return reads.as_json()
