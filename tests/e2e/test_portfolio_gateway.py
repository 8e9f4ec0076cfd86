"""The CIO submits a proposal to the portfolio gateway, scores it, puts it on the agenda of the Strategy and
Portfolio Management Board's next meeting, records the board's approval there, and sees the project in the
shared technology portfolio and the board's resolution in the decisions register. Every page passes axe-core."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from governance.committees import services as committee_services
from governance.models import Body

from .conftest import assert_accessible, content, expect, fill_date

pytestmark = pytest.mark.e2e

TITLE = "Cloud-hosted telephony"


@pytest.fixture
def board_meeting(demo_live):
    """The board's next meeting, its agenda published by the committee officer."""
    officer = get_user_model().objects.get(username="officer")
    board = Body.objects.get(slug="strategy-and-portfolio-management-board")
    meeting = committee_services.meeting_create(
        body=board,
        date=timezone.localdate() + timedelta(days=21),
        venue="5 Pancras Square, London N1C 4AG",
        by=officer,
    )
    committee_services.agenda_publish(meeting=meeting, by=officer)
    return meeting


def test_a_proposal_passes_the_gateway_into_the_portfolio(page, live_server, board_meeting, sign_in):
    sign_in("cio")
    page.goto(f"{live_server.url}/shared-digital/portfolio/")
    assert page.get_by_role("heading", level=1).inner_text() == "Shared technology portfolio"
    assert page.locator("#count-in-portfolio").inner_text() == "0"
    assert_accessible(page)

    # Submit the proposal.
    page.get_by_role("link", name="Submit a proposal to the gateway").click()
    assert_accessible(page)
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Programme (optional)", exact=True).select_option(label="Enabling infrastructure")
    for council in ("Camden", "Haringey", "Islington"):
        page.get_by_label(f"London Borough of {council}", exact=True).check()
    page.get_by_label("ICT Lead (optional)", exact=True).fill("Michael Johnston")
    page.get_by_label("Project manager (optional)", exact=True).fill("Priya Shah")
    page.get_by_label("Project manager from (optional)", exact=True).select_option(label="ICT")
    page.get_by_label("Sponsor (optional)", exact=True).fill("Ed Garcez")
    page.get_by_label("Scope (optional)", exact=True).fill("Move the councils' telephony to the cloud.")
    page.get_by_label("Allocated budget (£) (optional)", exact=True).fill("250000.00")
    fill_date(page, "Start (optional)", date(2026, 4, 1))
    fill_date(page, "End (optional)", date(2027, 3, 31))
    page.get_by_role("button", name="Submit the proposal").click()
    assert "Proposal submitted to the gateway" in content(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Score the proposal"
    assert_accessible(page)

    # Score it against the six criteria and record the alignment checks.
    for label, value in [
        ("Partnership", "5"),
        ("Responding to customer need", "3"),
        ("Embedding with service needs", "4"),
        ("Aggregation", "5"),
        ("Building resilience", "4"),
        ("Transforming the business", "3"),
    ]:
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Aligns with the strategy", exact=True).check()
    page.get_by_label("Aligns with the architecture principles", exact=True).check()
    page.get_by_role("button", name="Save the scores").click()
    ranking = page.locator("#ranking")
    row = ranking.get_by_role("row").filter(has_text=TITLE)
    assert row.get_by_role("cell").first.inner_text() == "1"
    assert "24" in row.inner_text()
    assert_accessible(page)

    # The proposal goes on the agenda of the board's next meeting, and the board approves it there.
    row.get_by_role("link", name=f"Decide on {TITLE}").click()
    assert_accessible(page)
    when = f"Strategy and Portfolio Management Board, {board_meeting.date:%-d %B %Y}"
    page.get_by_label("Board meeting", exact=True).select_option(label=when)
    page.get_by_role("button", name="Add to the agenda").click()
    assert f"as “Portfolio gateway: {TITLE}”" in content(page)
    assert_accessible(page)
    item = page.get_by_label("Board meeting and agenda item", exact=True)
    assert item.evaluate("s => s.options[s.selectedIndex].text") == f"{when}: Portfolio gateway: {TITLE}"
    page.get_by_label("Approve onto the portfolio", exact=True).check()
    page.get_by_label("Reasons (optional)", exact=True).fill("It aligns with the cloud first strategy.")
    page.get_by_role("button", name="Record the decision").click()
    assert "The board's decision is recorded as its resolution" in content(page)
    expect(page.get_by_text("Part of the shared technology portfolio.")).to_be_visible()
    assert_accessible(page)

    # In the portfolio, under its programme …
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Portfolio", exact=True).click()
    assert page.locator("#count-in-portfolio").inner_text() == "1"
    section = page.get_by_role("region", name="Enabling infrastructure")
    assert section.get_by_role("link", name=TITLE).is_visible()

    # … and in the decisions register, as the board's resolution.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Decisions", exact=True).click()
    # expect() waits for the page the click opens; is_visible() would read the old one while it is replaced.
    expect(
        page.get_by_text(f"“{TITLE}” be approved onto the shared technology portfolio", exact=False)
    ).to_be_visible()

    # The risk register with its heat map, and the highlight reports, pass axe-core too.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Risks", exact=True).click()
    expect(page.get_by_role("img", name="Heat map of open risks")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Highlight reports").click()
    assert_accessible(page)
