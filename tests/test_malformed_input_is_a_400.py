"""A malformed value is the visitor's mistake, answered with a 400 (or a form error, or a 404 for a path that
names nothing), never a 500. Every URL pattern of the project is read by every kind of visitor and tried, by
every visitor who may reach its view (and one of each kind who may not; one visitor in all for a path the
access table's middleware answers before it asks who is visiting), with malformed path arguments (unknown and ill-formed financial years, forty-digit ids, very long slugs), malformed query
values, and every field of every form the site offers posted back malformed, one at a time: out-of-range years,
non-numbers, 1e400, forty digits, NaN, impossible dates, very long strings and a NUL character. Each post is
undone after its answer, so every post meets the records as the site offered their forms."""

import contextlib
import functools
import itertools
import logging
import os
import time

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import BaseForm, FileField, MultiWidget
from django.urls import NoReverseMatch, reverse
from django.utils.datastructures import MultiValueDict

from tests import crawl

BAD_VALUES = [
    "abc",
    "1.5",
    "0000/01",
    "9999-00",
    "1e400",
    "9" * 40,
    "NaN",
    "2018-02-30",
    "0001-01-01",
    "x" * 3000,
    "a\x00b",
    # From issue 23: superscript digits pass str.isdigit() but not int(); twenty digits overflow a bigint;
    # the last days a date can hold overflow date arithmetic.
    "²",
    "9" * 20,
    "9998-12-31",
    "9999-12-30",
]
# Query names that views read besides those their own forms and links use.
STANDARD_QUERY = [
    "page",
    "year",
    "period",
    "month",
    "council",
    "status",
    "kind",
    "q",
    "item",
    "version",
    "all",
]
BAD_PATH = {
    "year": ["0000-01", "9999-00", "2018-20", "1999-00"],
    "partnership": ["x" * 300, "no-such-partnership"],
    "body": ["x" * 300],
}
BAD_INT_PATH = ["0", "9" * 40, "9223372036854775808"]


TIMES = {}


def denied(response):
    return response.status_code == 403 or (
        response.status_code == 302 and "/accounts/login/" in response.get("Location", "")
    )


class Tries:
    def __init__(self, client, label):
        self.client, self.label = client, label
        self.failures, self.count = [], 0

    def __call__(self, method, path, data=None, why=""):
        self.count += 1
        started = time.monotonic()
        try:
            return self._try(method, path, data, why)
        finally:
            TIMES[path] = TIMES.get(path, 0) + time.monotonic() - started

    def _try(self, method, path, data, why):
        try:
            if method == "get":
                response = self.client.get(path, data or {})
            else:
                # Each post is undone after its answer (a savepoint rolled back), so every post meets the records
                # as the site offered their forms: one saved edit does not make every later post of the form a
                # stale version (a 409 before the service reads the values), nor a deletion leave later posts
                # nothing to act on.
                with transaction.atomic():
                    response = getattr(self.client, method)(path, data or {})
                    transaction.set_rollback(True)
        except Exception as exc:  # noqa: BLE001 - every exception a view lets out is a 500
            self.failures.append(
                f"{self.label} {method.upper()} {path} {why}: {type(exc).__name__}: {exc}"[:400]
            )
            return None
        if response.status_code >= 500:
            self.failures.append(f"{self.label} {method.upper()} {path} {why}: {response.status_code}")
        return response


def bad_paths(name, params, samples):
    """The URL with one parameter at a time replaced by a malformed value (those its converter accepts)."""
    for index, param in enumerate(params):
        for bad in BAD_PATH.get(param, BAD_INT_PATH):
            kwargs = {p: samples.get(p, "1") for p in params}
            kwargs[params[index]] = bad
            try:
                yield param, reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                continue


@functools.cache
def answered_at_the_door(path, param):
    """Whether AccessTableMiddleware answers the path with a 404 before it asks who the visitor is, the same for
    every visitor: a partnership that does not exist, or a number no database column can hold. One visitor
    tries such a path (and must get that 404); the others would run the same code to the same answer. (Worked
    out once per path: the demo's partnerships do not change during the walk.)"""
    from django.urls import resolve

    from governance.models import Partnership
    from governance.parsing import MAX_INT

    value = resolve(path).kwargs.get(param)
    if param == "partnership":
        return not Partnership.objects.filter(slug=value).exists()
    return isinstance(value, int) and value > MAX_INT


def posted(fields, name, bad, every=False):
    """The form's fields as the site offers them, with field `name` (or, with every, each field) set to bad."""
    data = {}
    for field, value, kind in fields:
        if field == "csrfmiddlewaretoken":
            continue
        chosen = every or field == name
        if kind == "file":
            value = SimpleUploadedFile("bad.csv", (bad if chosen else "x").encode("utf-8", "replace"))
        elif chosen:
            value = bad
        if field in data and kind in {"checkbox", "select"}:
            existing = data[field] if isinstance(data[field], list) else [data[field]]
            data[field] = existing + [value]
        else:
            data[field] = value
    return data


@contextlib.contextmanager
def forms_cleaned(seen):
    """Adds to seen every Django form the requests made inside validate."""
    original = BaseForm.full_clean

    def full_clean(self):
        seen.append(self)
        return original(self)

    BaseForm.full_clean = full_clean
    try:
        yield
    finally:
        BaseForm.full_clean = original


def rejected_alone(seen, name, bad, offered):
    """Whether the value posted as `name` (the rest of the form as offered) is refused by the field itself in
    every form seen that reads that input (a ValidationError from its own cleaning, which depends on no other
    field). Such a value never reaches the form's clean(), its clean_<field>() or the view past is_valid():
    posting every field with it at once (which the walk does) exercises all the code it can reach, and posting
    it alone adds nothing. An input that is one box of a field (a GOV.UK date's day, month or year) is judged
    by the field's value as the widget reads it from all its boxes, the others as offered. False when no form
    seen reads the input (a view reading the request itself), for files and for fields of Django's MultiWidget."""
    data = MultiValueDict(
        {key: value if isinstance(value, list) else [value] for key, value in offered.items()}
    )
    data.setlist(name, [bad])
    found = False
    for form in seen:
        for field_name, field in form.fields.items():
            full = form.add_prefix(field_name)
            boxes = getattr(field.widget, "is_govuk_date", False) and name.startswith(f"{full}_")
            if name != full and not boxes:
                continue
            if isinstance(field.widget, MultiWidget) or isinstance(field, FileField) or field.disabled:
                return False
            try:
                field.clean(
                    field.widget.value_from_datadict(
                        data if boxes else MultiValueDict({name: [bad]}), {}, full
                    )
                )
            except ValidationError:
                found = True
                continue
            except Exception:  # noqa: BLE001 - a crash is for the request to show
                return False
            return False
    return found


TYPED = {"text", "textarea", "search", "email", "url", "tel"}


def errors_of_post(tries, seen, path, data, why):
    """Posts data; the errors of the forms it cleaned, as a set of (form, field, message), or None when it gave
    a server error or cleaned no form."""
    before = len(seen)
    response = tries("post", path, data, why=why)
    forms = seen[before:]
    if response is None or response.status_code >= 500 or not forms:
        return None
    return {
        (type(form).__name__, field if field == NON_FIELD_ERRORS else form.add_prefix(field), str(message))
        for form in forms
        for field, messages in form.errors.items()
        for message in messages
    }


def typed_together(tries, seen, path, fields, alone, bad, offered):
    """The boxes a person types into (text inputs and text areas; not hidden inputs, which views read as
    versions and ids) that would be posted alone with bad are posted with it all at once. If the forms then
    refuse nothing that they refuse in the form as offered, each of those values went through its field's own
    checks, the form's clean() and, where the form is then valid, the view past is_valid(), as posting it
    alone would: posting each alone adds nothing. Fields the forms then refuse (a date whose day, month and year
    are all bad, a rule between fields such as an urgency reason without urgency) are left to be posted alone
    and the others posted together again; any other new refusal leaves them all to be posted alone. The fields
    so covered."""
    group = sorted({f for f, _value, kind in fields if kind in TYPED and f in alone})
    if offered is None:
        return set()
    while len(group) >= 2:
        data = posted(fields, None, None)
        for field in group:
            data[field] = bad
        together = errors_of_post(tries, seen, path, data, f"(typed fields {bad[:12]!r})")
        if together is None:
            return set()
        refused = {field for _form, field, _message in together - offered}
        if not refused:
            return set(group)
        # A field of several inputs (a GOV.UK date's day, month and year) is refused by its own name.
        blamed = {f for f in group for field in refused if f == field or f.startswith(f"{field}_")}
        if any(not any(f == field or f.startswith(f"{field}_") for f in group) for field in refused):
            return set()
        group = [f for f in group if f not in blamed]
    return set()


# The walk is shared out between the workers: the pages (URL patterns) in SHARDS groups, one test each. What a
# shard needs to know of the whole site (the forms each page offers, wherever they post to, and the query names
# its links use) is read once per worker by the first shard that runs there (SITE), every page as every visitor.
SHARDS = 12
SITE = {}


def passes_the_door(user, path, method):
    """Whether the access table lets the visitor through to the view of path (as AccessTableMiddleware decides:
    the page's rule, the roles held for the partnership the path names). A visitor it stops never reaches the
    view: the middleware answers them all alike, before the path's other values are read."""
    from django.contrib.auth.models import AnonymousUser
    from django.urls import resolve

    from governance.models import Partnership
    from sharedservice.access import rule_for
    from sharedservice.middleware import principals

    match = resolve(path)
    rule = rule_for(match.view_name, match.namespace)
    if rule is None:
        return False
    slug = match.kwargs.get("partnership")
    partnership = Partnership.objects.filter(slug=slug).first() if slug is not None else None
    held = principals(user or AnonymousUser(), partnership)
    return bool(held & (rule.read if method == "get" else rule.write))


def path_triers(pages, everyone):
    """For each page and method, the visitors who try its malformed paths: every visitor the access table lets
    through to the view (the view's own code, which may differ by role, reads each malformed value), and of
    those it stops the first signed out and the first signed in (the middleware refuses them, by a sign-in
    redirect or a 401, and by a 403, the same for every visitor of each kind)."""
    triers = {}
    for name, path, _params, _pattern in pages:
        for method in ("get", "post"):
            chosen, stopped = set(), {}
            for label, user in everyone:
                if passes_the_door(user, path, method):
                    chosen.add(label)
                else:
                    stopped.setdefault(user is None, label)
            triers[(name, method)] = chosen | set(stopped.values())
    return triers


def everyone_for(make_user):
    everyone = crawl.principals(make_user)
    only = os.environ.get("MALFORMED_ONLY")  # while fixing: MALFORMED_ONLY="Committee officer" tries one kind
    if only:
        everyone = [(label, user) for label, user in everyone if only in label]
    return everyone


def read_site(client, pages, everyone, folder):
    """Every page as every visitor: the forms each offers (what a browser would post back), the query names of
    its links, which visitor may read which page, and the server errors met on the way, by URL name. Each
    visitor's reading is shared with the GET-never-writes crawl and between the workers (tests/crawl.py)."""
    forms, queries, readable, html, failures = {}, {}, set(), set(), {}
    for label, user in everyone:

        def read_as_visitor(reads, label=label, user=user):
            crawl.sign_in(client, user)
            for name, path, _params, _pattern in pages:
                tries = Tries(client, label)
                response = tries("get", path, why="(as linked)")
                reads.failures.setdefault(name, []).extend(tries.failures)
                reads.read(name, path, response)

        read = crawl.reading(folder, label, read_as_visitor)
        for name, _path, _params, _pattern in pages:
            failures.setdefault(name, []).extend(read["failures"].get(name, []))
            page = read["pages"].get(name)
            if page is None or not page["readable"]:
                continue
            readable.add((label, name))
            if page["html"]:
                html.add(name)
            for method, target, fields in page["forms"]:
                forms.setdefault((method, target), [tuple(f) for f in fields])
            for target, names in page["queries"].items():
                queries.setdefault(target, set()).update(names)
    return {"forms": forms, "queries": queries, "readable": readable, "html": html, "failures": failures}


@pytest.fixture(autouse=True)
def quiet_request_log():
    """Each 400 (and any 500) is logged by Django with its traceback: over the walk's thousands of requests
    that was megabytes of captured output with a failure. The failures list says what went wrong."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_malformed_input_gives_a_server_error(client, finance_demo, make_user, shard, tmp_path_factory):
    samples = crawl.demo_samples()
    pages = [p for p in crawl.urls(samples) if not p[0].startswith("admin:") or p[0] == "admin:index"]
    everyone = everyone_for(make_user)
    if "site" not in SITE:
        SITE["site"] = read_site(client, pages, everyone, crawl.shared_folder(tmp_path_factory))
    site = SITE["site"]
    forms, queries, readable, html = site["forms"], site["queries"], site["readable"], site["html"]
    mine = pages[shard::SHARDS]
    failures = [f for name, *_ in mine for f in site["failures"].get(name, [])]
    count = len(mine) * len(everyone)  # each of its pages read by every visitor (read_site)

    # Then the malformed requests. Every visitor the access table lets through to a page's view tries every
    # malformed path of it (with one visitor of each kind it stops: the middleware answers them all alike), and
    # every malformed value in the query names views commonly read and in the names of the form fields. Each
    # field and query name of its own, one at a time, with the rest of the form as the site offers it, and each
    # value posted to a page that offers no form, is tried by the first visitor that may use the page (the same
    # view code runs for the others, who try one such value each).
    tried_fields, tried_queries, tried_posts, skipped = set(), set(), set(), 0
    triers = path_triers(mine, everyone)
    door_tried = set()
    for label, user in everyone:
        crawl.sign_in(client, user)
        tries = Tries(client, label)
        for name, path, params, _pattern in mine:
            for param, bad_path in bad_paths(name, params, samples):
                for method in ("get", "post"):
                    if label not in triers[(name, method)]:
                        continue
                    if not answered_at_the_door(bad_path, param):
                        tries(method, bad_path, why=f"({param} malformed)")
                    elif (bad_path, method) not in door_tried:
                        door_tried.add((bad_path, method))
                        response = tries(method, bad_path, why=f"({param} malformed)")
                        if response is not None and response.status_code != 404:
                            tries.failures.append(
                                f"{label} {method.upper()} {bad_path}: {response.status_code}, not the 404 of a "
                                f"{param} that names nothing"
                            )
            if (label, name) in readable and name not in html:
                # A document (PDF, calendar, feed) reads no query: one try is enough, by the first visitor who
                # may read it (the reading of the site made it for every other).
                if name not in tried_queries:
                    tried_queries.add(name)
                    tries("get", path, dict.fromkeys(STANDARD_QUERY, "x" * 3000), why="(long query values)")
            elif (label, name) in readable and name in tried_queries:
                tries("get", path, dict.fromkeys(STANDARD_QUERY, "1e400"), why="(query '1e400')")
            elif (label, name) in readable:
                tried_queries.add(name)
                for bad in BAD_VALUES:
                    tries("get", path, dict.fromkeys(STANDARD_QUERY, bad), why=f"(query {bad[:12]!r})")
                names = sorted(queries.get(path, set()) - set(STANDARD_QUERY))
                for query_name, bad in itertools.product(names, BAD_VALUES):
                    tries("get", path, {query_name: bad}, why=f"({query_name}={bad[:12]!r})")
            if label not in triers[(name, "post")]:
                continue  # the access table stops this visitor's posts as it stops one tried above
            first = tries("post", path, dict.fromkeys(STANDARD_QUERY, "abc"), why="(standard names)")
            if first is None or denied(first):
                continue
            fields = forms.get(("post", path))
            if not fields and name in tried_posts:
                tries("post", path, dict.fromkeys(STANDARD_QUERY, "1e400"), why="(form '1e400')")
                continue
            if not fields:
                tried_posts.add(name)
                for bad in BAD_VALUES:
                    tries("post", path, dict.fromkeys(STANDARD_QUERY, bad), why=f"(form {bad[:12]!r})")
                continue
            if name in tried_fields:
                tries("post", path, posted(fields, None, "1e400", every=True), why="(every field '1e400')")
            else:
                tried_fields.add(name)
                seen = []
                with forms_cleaned(seen):
                    for bad in BAD_VALUES:
                        tries(
                            "post",
                            path,
                            posted(fields, None, bad, every=True),
                            why=f"(every field {bad[:12]!r})",
                        )
                    # Then each field alone with each value its own cleaning accepts (see rejected_alone); the
                    # boxes a person types into, all at once first (see typed_together).
                    names = sorted({f[0] for f in fields} - {"csrfmiddlewaretoken"})
                    as_offered = posted(fields, None, None)
                    offered = errors_of_post(tries, seen, path, as_offered, "(as offered)")
                    for bad in BAD_VALUES:
                        alone = [f for f in names if not rejected_alone(seen, f, bad, as_offered)]
                        skipped += len(names) - len(alone)
                        typed = typed_together(tries, seen, path, fields, alone, bad, offered)
                        skipped += len(typed)
                        for field in alone:
                            if field not in typed:
                                tries("post", path, posted(fields, field, bad), why=f"({field}={bad[:12]!r})")
            if "password" in name:
                crawl.sign_in(client, user)  # a changed password ends the session: start it again
        failures += tries.failures
        count += tries.count
    if os.environ.get("MALFORMED_TIMES"):
        print(sorted(TIMES.items(), key=lambda kv: -kv[1])[:15], f"{count} requests, {skipped} left out")
        print("\n".join(failures[:20]))
    # The walk as a whole is over a thousand requests (the reading of the site alone); this shard tried each of
    # its pages as every visitor, and more.
    assert len(pages) * len(everyone) > 1000
    assert count > 2 * len(mine) * len(everyone)
    assert not failures, f"{len(failures)} requests gave a server error:\n" + "\n".join(failures[:60])
