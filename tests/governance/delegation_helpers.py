"""Helpers for the delegation and officer-decision tests: the demo's Shared Digital, its CDIO, councils and
delegations, and a way to save a draft decision with each council's share."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from governance.delegations import services
from governance.demo import DEMO_AWARDS
from governance.models import Council, Delegation, ForwardPlanEntry, Office, OfficerDecision, Partnership

D = Decimal
MOBILE = "Mobile devices, calls and data: procure through a single supplier and award a contract"
TOR = "Procurement strategies and contract awards at or below £2m revenue and £5m capital"


def sd():
    return Partnership.objects.get(slug="shared-digital")


def council(code):
    return Council.objects.get(code=code)


def cio():
    return get_user_model().objects.get(username="cio")


def equal_shares(total):
    """Thirds to the penny, the remainder to Camden."""
    total = D(total)
    third = (total / 3).quantize(D("0.01"))
    return [(council("LBC"), total - 2 * third, 0), (council("LBH"), third, 0), (council("LBI"), third, 0)]


def shares_with_haringey(haringey, total="1500000.00"):
    rest = D(total) - D(haringey)
    half = (rest / 2).quantize(D("0.01"))
    return [(council("LBC"), rest - half, 0), (council("LBH"), D(haringey), 0), (council("LBI"), half, 0)]


def save_decision(shares=None, delegation=MOBILE, existing=None, **fields):
    values = {
        "title": "Award of the mobile devices, calls and data contract",
        "office": Office.objects.get(partnership=sd(), short_name="CDIO"),
        "decision_maker_name": "Ed Garcez",
        "decided_on": date(2018, 3, 1),
        "subject": "contract_award",
        "delegation": Delegation.objects.get(partnership=sd(), title=delegation),
        "value": D("1500000.00"),
        "capital_value": D("0"),
        "decision": "To award the contract to the single supplier.",
        "reasons": "The procurement strategy approved on 19 June 2017.",
    }
    values.update(fields)
    if shares is None:
        shares = equal_shares(values["value"])
    return services.officer_decision_save(
        partnership=sd(), by=cio(), shares=shares, existing=existing, **values
    )


def forward_plan_entry(published_on, decision_due, reference="SD/2018/01", **fields):
    return services.forward_plan_entry_create(
        partnership=sd(),
        by=cio(),
        councils=[council("LBH")],
        reference=reference,
        title="Award of the mobile devices contract",
        decision_maker="Chief Digital and Information Officer",
        decision_due=decision_due,
        published_on=published_on,
        **fields,
    )


def check(checks, name):
    return next(c for c in checks if c.name == name)


def entry(reference):
    return ForwardPlanEntry.objects.get(partnership=sd(), reference=reference)


def no_decision_but_the_demos():
    """Nothing saved: the only officer decisions are the demo's two awards (governance/demo.py)."""
    return not OfficerDecision.objects.exclude(title__in=[a["title"] for a in DEMO_AWARDS]).exists()


def the_new_decision():
    return OfficerDecision.objects.exclude(title__in=[a["title"] for a in DEMO_AWARDS]).get()
