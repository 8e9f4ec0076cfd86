"""The CIO records an officer decision that needs a Haringey parallel decision and a forward-plan notice,
sees both flagged, records them, and sees the decision become takeable; then takes it and finds it in the
decisions register. Every page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import assert_accessible, content, expect, fill_date

pytestmark = pytest.mark.e2e

MOBILE = "Mobile devices, calls and data: procure through a single supplier and award a contract"


def test_cio_records_a_decision_needing_a_parallel_decision_and_notice(page, live_server, demo_live, sign_in):
    today = timezone.localdate()
    sign_in("cio")
    page.locator("section[data-role='cio']").get_by_role("link", name="Record a decision").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Record a decision"
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill("Award of the mobile devices, calls and data contract")
    page.get_by_label("Decision maker (name)", exact=True).fill("Ed Garcez")
    page.get_by_label("Subject", exact=True).select_option(label="Contract award")
    page.get_by_label("Delegation", exact=True).select_option(label=MOBILE)
    page.get_by_label("Total value (£)", exact=True).fill("1500000.00")
    page.get_by_label("The decision", exact=True).fill("To award the contract to the single supplier.")
    page.get_by_label("Reasons", exact=True).fill(
        "The single source procurement strategy approved on 19 June 2017."
    )
    for code in ("Camden", "Haringey", "Islington"):
        page.get_by_label(f"London Borough of {code}: contribution (£)", exact=True).fill("500000.00")
    page.get_by_role("button", name="Save as a draft and check").click()

    summary = page.get_by_role("alert").filter(has_text="This decision cannot be taken yet")
    assert summary.is_visible(), page.locator("main").inner_text()[:1500]
    assert "Forward plan notice" in summary.inner_text()
    assert "Parallel decision: London Borough of Haringey" in summary.inner_text()
    assert page.get_by_role("button", name="Record as taken and publish").count() == 0
    assert_accessible(page)
    decision_url = page.url

    # The forward-plan notice, published 40 days ago.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forward plan").click()
    page.get_by_role("link", name="Add a key decision to the forward plan").click()
    assert_accessible(page)
    page.get_by_label("Reference", exact=True).fill("SD/2026/01")
    page.get_by_label("Matter to be decided", exact=True).fill(
        "Award of the mobile devices, calls and data contract"
    )
    page.get_by_label("Decision maker", exact=True).fill("Chief Digital and Information Officer")
    page.get_by_label("London Borough of Haringey", exact=True).check()
    fill_date(page, "Date of the decision", today)
    fill_date(page, "Notice published on", today - timedelta(days=40))
    page.get_by_role("button", name="Publish on the forward plan").click()
    assert "Forward plan entry SD/2026/01 added." in content(page)
    assert_accessible(page)

    # Link the notice to the decision.
    page.goto(decision_url)
    page.get_by_role("link", name="Edit the decision").click()
    page.get_by_label("Forward plan notice (optional)", exact=True).select_option(
        label="SD/2026/01: Award of the mobile devices, calls and data contract"
    )
    page.get_by_role("button", name="Save as a draft and check").click()
    summary = page.get_by_role("alert").filter(has_text="This decision cannot be taken yet")
    assert "Forward plan notice" not in summary.inner_text()
    assert "Parallel decision: London Borough of Haringey" in summary.inner_text()

    # Haringey's Cabinet Member decision.
    fill_date(page, "Date of the council’s decision", today)
    page.get_by_role("button", name="Record London Borough of Haringey’s decision").click()
    assert page.get_by_role("alert").filter(has_text="This decision cannot be taken yet").count() == 0
    take = page.get_by_role("button", name="Record as taken and publish")
    assert take.is_visible()
    assert_accessible(page)
    take.click()
    assert "Decision recorded as taken and its notice published" in content(page)
    expect(page.get_by_text("Can take effect", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Decisions", exact=True).click()
    expect(
        page.get_by_role("link", name="Award of the mobile devices, calls and data contract", exact=True)
    ).to_be_visible()
    assert_accessible(page)
