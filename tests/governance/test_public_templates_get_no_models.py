"""Public templates never receive a model: every page, feed and PDF the public can open is rendered from the
rooms' public projections (frozen dataclasses), so a template cannot reach a field nobody chose to publish.

Generic: it renders every URL the access table opens to the public, signed out, with ids from the data (the
exempt-item leak test's walk), listens to every template rendered on the way (pages and the HTML of PDFs),
and fails if any context value, or anything inside a list, tuple, dict or dataclass in it, is a model
instance or a queryset. A public URL or template added later is covered without editing this test."""

import dataclasses
from datetime import date, timedelta

from django.core.paginator import Page
from django.db.models import Model, QuerySet
from django.test.signals import template_rendered

from governance.models import Partnership
from governance.papers.services import pack_build

from .delegation_helpers import forward_plan_entry
from .test_exempt_items_never_leak import business, media, public_paths  # noqa: F401 (media: a fixture)

# What Django and the layout put in every context, for the request itself rather than a record.
FRAMEWORK_KEYS = {
    "request",
    "user",
    "perms",
    "messages",
    "csrf_token",
    "view",
    "navigation",
    "DEFAULT_MESSAGE_LEVELS",
}


def models_in(value, where, depth=0, seen=None):
    """Paths to every model instance or queryset reachable from a context value."""
    seen = set() if seen is None else seen
    if id(value) in seen or depth > 6:
        return []
    seen.add(id(value))
    if isinstance(value, Model | QuerySet):
        return [f"{where}: {type(value).__name__}"]
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            found += models_in(v, f"{where}[{k!r}]", depth + 1, seen)
    elif isinstance(value, list | tuple | set | frozenset):
        for n, v in enumerate(value):
            found += models_in(v, f"{where}[{n}]", depth + 1, seen)
    elif isinstance(value, Page):
        found += models_in(list(value.object_list), f"{where}.object_list", depth + 1, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            found += models_in(getattr(value, f.name), f"{where}.{f.name}", depth + 1, seen)
    return found


def test_every_public_url_renders_its_templates_from_projections_only(jc, officer, client):
    partnership = Partnership.objects.get(slug="shared-digital")
    rendered = []

    def listen(sender, template, context, **kwargs):
        rendered.append((template.name, context))

    def models_rendered(where):
        found = []
        for name, context in rendered:
            for key, value in context.flatten().items():
                if key not in FRAMEWORK_KEYS:
                    found += [f"{where} ({name}) {p}" for p in models_in(value, key)]
        rendered.clear()
        return found

    _first, later = business(jc, officer)
    # A key decision ahead on the forward plan (business() gave a public resolution, for the decision notice).
    forward_plan_entry(date.today(), date.today() + timedelta(days=60), reference="SD/2099/01")
    template_rendered.connect(listen, dispatch_uid="public-templates-get-no-models")
    try:
        # The public pack is built by a job, not a request: its front sheet, cover, minutes and reports too.
        pack_build(meeting=later, audience="public", by=officer)
        problems = models_rendered("the public pack")
        pages = 0
        paths = public_paths(partnership) + [f"/{partnership.slug}/forward-plan/?all=1"]
        for path in paths:
            rendered.clear()
            response = client.get(path)
            assert response.status_code < 500, path
            if response.status_code != 200:
                continue
            pages += 1
            problems += models_rendered(path)
    finally:
        template_rendered.disconnect(dispatch_uid="public-templates-get-no-models")
    assert pages >= 20
    assert any("decision.pdf" in p for p in paths)
    assert not problems, "public templates were given models:\n" + "\n".join(sorted(set(problems)))
