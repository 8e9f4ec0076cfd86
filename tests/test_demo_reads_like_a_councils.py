"""Every public page, feed, API answer and PDF of the demo reads like a council's own (issue 21 §6): no seed line
references ("(seed D1 L3391)", "(D1 L774)", "(L801)"), no "ILLUSTRATIVE" and no "(name not in the seed)". Where
the demo had to invent a value, the note is kept where only officers and auditors read it."""

import re

import pytest
from django.contrib.auth import get_user_model

from governance.demo import public_text
from tests import crawl
from tests.pdf_text import pdf_text

SEED_NOTES = re.compile(r"\bD[01]\s+L\d|\(L\d+|ILLUSTRATIVE|not in the seed|\bseed\s+D[01]\b", re.IGNORECASE)


def text_of(response):
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        return pdf_text(body)
    return body.decode("utf-8", "replace")


def test_public_text_drops_the_seed_references_and_keeps_the_rest():
    assert public_text("Constituted October 2016 (D1 L1772): six members.") == "Constituted October 2016: six members."
    assert public_text("Quarterly reporting (L801) implies four meetings.") == "Quarterly reporting implies four meetings."
    assert public_text("Approved 19 June 2017, D1 L242).") == "Approved 19 June 2017)."
    assert public_text("the model” (seed D1 L3391).") == "the model”."
    assert public_text("Section 5 (Legal) and (LGA 1972)") == "Section 5 (Legal) and (LGA 1972)"


@pytest.mark.django_db
def test_no_public_page_feed_api_answer_or_pdf_of_the_demo_carries_seed_notes(client, finance_demo):
    from governance import demo as governance_demo
    from procurement import demo as procurement_demo

    procurement_demo.load()
    governance_demo.load_live_meeting()
    samples = crawl.demo_samples()
    found, read = [], 0
    for _name, path, _params, _pattern in crawl.urls(samples, include_admin=False):
        response = client.get(path)
        if response.status_code != 200:
            continue
        read += 1
        for match in SEED_NOTES.finditer(text_of(response)):
            found.append(f"{path}: …{match.string[max(0, match.start() - 60) : match.end() + 20]}…")
    assert read > 20  # the public pages of the demo (30 when written)
    assert not found, "\n".join(found[:30])


def test_the_demos_invented_values_are_noted_for_officers_only(demo, client):
    from governance.models import DecisionRule, OfficerDecision
    from procurement import demo as procurement_demo
    from procurement.models import Contract

    procurement_demo.load()
    assumed = DecisionRule.objects.get(kind="key_decision", council__code="LBC")
    assert "Demo value" in assumed.officer_note and "D1" not in assumed.source
    decision = OfficerDecision.objects.filter(partnership__slug="shared-digital").first()
    assert "Demo values" in decision.officer_note and "Demo values" not in decision.reasons
    url = f"/shared-digital/officer-decisions/{decision.pk}/"
    assert "Demo values" not in client.get(url).content.decode()  # the public
    client.force_login(get_user_model().objects.get(username="officer"))
    assert "Note for officers (not published)" in client.get(url).content.decode()
    mosaic = Contract.objects.filter(supplier__name="Mosaic case management supplier").first()
    assert "does not name the supplier" in mosaic.notes
