"""What the generic leak test (text fields, marked) cannot mark: the numbers and names of an exempt officer
decision (its value, each council's contribution, the wards, the decision-maker) and the people on an exempt
item (who asked to address the committee). Every URL the access table opens to the public, signed out, pages,
feeds, .ics and PDF text included, shows none of them; the public still reads the decision's title and
summary. People inside read them all."""

import re
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from governance.committees import services
from governance.delegations import services as delegation_services
from governance.models import AgendaItem, Meeting, Partnership

from .delegation_helpers import cio, council, save_decision
from .test_exempt_items_never_leak import content_text, media, public_paths  # noqa: F401 (media: a fixture)

VALUE = Decimal("1234567.89")
# Below every council's key decision threshold (so the decision can be taken without a forward plan entry).
SHARES = [(Decimal("611110.99"), 1), (Decimal("12.34"), 0), (Decimal("623444.56"), 1)]
MAKER = "Quillon Vexbridge"
REQUESTER = "Philomena Zarkovic"


def spellings(amount):
    """How a template or PDF may print an amount."""
    whole, pence = f"{amount:.2f}".split(".")
    grouped = f"{int(whole):,}"
    found = {f"{amount:.2f}", f"{grouped}.{pence}"}
    return found | ({grouped, whole} if amount >= 1000 else set())  # "12" alone is on every page


def test_an_exempt_decisions_numbers_and_names_and_an_exempt_items_requester_stay_private(
    jc, officer, client
):
    partnership = Partnership.objects.get(slug="shared-digital")
    decision, _ = save_decision(
        shares=[
            (council(code), amount, wards)
            for code, (amount, wards) in zip(("LBC", "LBH", "LBI"), SHARES, strict=True)
        ],
        value=VALUE,
        decision_maker_name=MAKER,
        is_exempt=True,
        exempt_paragraph=3,
        public_summary="A contract award.",
    )
    try:
        delegation_services.officer_decision_take(decision=decision, by=cio())
    except Exception as error:
        failing = [c for c in getattr(error, "checks", []) if not c.passed]
        raise AssertionError(f"the decision should pass its checks: {failing}") from error

    meeting = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=30), venue="Town Hall", by=officer
    )
    meeting.refresh_from_db()
    secret = services.agenda_item_add(
        meeting=meeting,
        version=meeting.agenda_version,
        by=officer,
        title="Secret contract",
        is_exempt=True,
        exempt_paragraph=3,
        public_title="Contract matter (exempt)",
    )
    services.agenda_publish(meeting=meeting, by=officer)
    Meeting.objects.filter(pk=meeting.pk).update(date=date.today() - timedelta(days=1))
    meeting.refresh_from_db()
    services.meeting_mark_held(meeting=meeting, by=officer)
    services.deputation_add(
        meeting=meeting, requester=REQUESTER, received=date.today(), item=secret, heard=True, by=officer
    )
    later = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=40), venue="Town Hall", by=officer
    )
    services.agenda_publish(meeting=later, by=officer)
    services.minutes_approve(meeting=later, by=officer)
    assert AgendaItem.objects.get(pk=secret.pk).is_exempt

    secrets = {MAKER, REQUESTER} | spellings(VALUE)
    for amount, _wards in SHARES:
        secrets |= spellings(amount)
    paths = public_paths(partnership) + [f"/{partnership.slug}/forward-plan/?all=1"]
    decision_page = f"/{partnership.slug}/officer-decisions/{decision.pk}/"
    assert decision_page in paths
    read = 0
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        if response.status_code != 200:
            continue
        read += 1
        text = content_text(response)
        for secret_text in secrets:
            assert secret_text not in text, (
                f"{secret_text!r} of an exempt record reached the public at {path}"
            )
    assert read >= 20
    page = client.get(decision_page).content.decode()
    assert "A contract award." in page and "paragraph 3" in page
    assert not re.search(r"\bwards?\b", page, re.IGNORECASE)  # not even the heading of the wards column
    minutes = client.get(f"/{partnership.slug}/meetings/{meeting.pk}/minutes/").content.decode()
    assert "Contract matter (exempt)".upper() in minutes.upper()

    # People inside read it all.
    client.force_login(get_user_model().objects.get(username="cio"))
    inside = client.get(decision_page).content.decode()
    assert MAKER in inside and "611,110.99" in inside
