"""The board paper: the dashboard's figures as a paper for a board meeting, one tagged PDF built through the
papers room's machinery (each part rendered by governance.papers.documents.rendered, joined and tagged by
governance.papers.pdf.assemble): a cover, a one-page summary of the headline figures with their direction
since the last board paper and a red/amber/green status each, the CIO's commentary, then the sections."""

from decimal import Decimal

from django.template.loader import render_to_string

from finance.periods import year_slug
from governance.papers.documents import rendered
from governance.papers.pdf import Part, assemble

from . import board, charts, selectors


def board_title(partnership, d, meeting):
    """The paper's heading: dated by the day its figures are as at."""
    when = f"as at {d.day:%-d %B %Y}"
    if meeting is not None:
        return (
            f"{partnership.name}: report to {meeting.body.name}, {meeting.date:%-d %B %Y}: "
            f"the shared service {when}"
        )
    return f"{partnership.name}: report to the board, {d.year_label}: the shared service {when}"


def _pounds(value):
    return board._pounds(value)


def headlines(d):
    """The summary page's figures, from the dashboard's: [board.Headline]."""
    money, seed, people = d.money, d.money["seed"], d.people
    staff = people["reconciliation"]["totals"]
    month = f", month {money['month']} ({money['month_name']})" if money["month"] else ""
    rows = []
    if seed["revenue_forecast"] is not None:
        v = seed["revenue_variance"]
        way = "over" if v > 0 else "under" if v < 0 else "on budget"
        rows.append(
            board.Headline(
                "revenue",
                f"Revenue forecast out-turn{month}",
                seed["revenue_forecast"],
                f"{_pounds(seed['revenue_forecast'])} against a budget of {_pounds(seed['revenue_budget'])}: "
                f"{_pounds(abs(v))} {way}" if v else f"{_pounds(seed['revenue_forecast'])}, on budget",
                board.revenue_rag(seed["revenue_budget"], v),
                "Green on or under budget; amber over by up to 1%; red beyond",
            )
        )
    else:
        rows.append(
            board.Headline(
                "revenue",
                "Revenue budget",
                seed["revenue_budget"],
                f"{_pounds(seed['revenue_budget'])}, no forecast yet",
                board.NONE,
                "Status once a forecast is made",
            )
        )
    if seed["one_off_forecast"] is not None:
        v = seed["one_off_variance"]
        shown = f"{_pounds(seed['one_off_forecast'])} against a current budget of {_pounds(seed['one_off_budget'])}"
        if v < 0:
            shown += f": {_pounds(-v)} under, which stays with each council"
        elif v > 0:
            shown += f": {_pounds(v)} over"
        rows.append(
            board.Headline(
                "one_off",
                f"One-off provisions forecast{month}",
                seed["one_off_forecast"],
                shown,
                board.one_off_rag(v),
                "Green within the current budget; red over it",
            )
        )
    rows.append(
        board.Headline(
            "vacancies",
            f"Vacant posts on {d.day:%-d %B %Y}",
            Decimal(people["vacant"]),
            f"{people['vacant']} of {people['posts']} posts in the budget ({people['vacant_fte']:.2f} FTE)",
            board.vacancy_rag(people["vacant"], people["posts"]),
            "Green up to 5% of posts; amber up to 15%; red beyond",
            money=False,
        )
    )
    rows.append(
        board.Headline(
            "staff_cost",
            "Staff budget less the establishment's cost",
            staff["difference"],
            f"{_pounds(staff['budget'])} less {_pounds(staff['cost'])}: {_pounds(staff['difference'])}",
            board.staff_cost_rag(staff["difference"]),
            "Green when the budget covers the establishment; amber when short",
        )
    )
    rows.append(
        board.Headline(
            "agency",
            f"Agency cover in {d.year_label}",
            staff["agency"],
            f"{staff['agency_posts']} posts, {_pounds(staff['agency'])} "
            f"({_pounds(staff['agency_premium'])} beyond the salaried cost replaced)",
            board.count_rag(staff["agency_posts"]),
            "Green with no agency cover; amber with any",
        )
    )
    soon = d.contracts["horizons"][0][1] if d.contracts["horizons"] else []  # the nearest horizon: 6 months
    rows.append(
        board.Headline(
            "contracts_due",
            "Contract dates falling due within 6 months",
            Decimal(len(soon)),
            f"{len(soon)}",
            board.count_rag(len(soon)),
            "Green with none; amber with any",
            money=False,
        )
    )
    recharges = money["recharges"]
    rows.append(
        board.Headline(
            "overdue_invoices",
            "Recharge invoices overdue",
            recharges["overdue_total"],
            f"{len(recharges['overdue'])}, {_pounds(recharges['overdue_total'])} still owed",
            board.count_rag(len(recharges["overdue"]), red_from=3),
            "Green with none; amber with some; red with three or more",
        )
    )
    past = len(d.portfolio["past_review"])
    rows.append(
        board.Headline(
            "risks_past_review",
            "Open risks past their review date",
            Decimal(past),
            f"{past} of {d.portfolio['open_risks']} open risks",
            board.count_rag(past, red_from=5),
            "Green with none; amber with some; red with five or more",
            money=False,
        )
    )
    overdue = d.decisions["actions_overdue"]
    rows.append(
        board.Headline(
            "actions_overdue",
            "Actions from minutes overdue",
            Decimal(overdue),
            f"{overdue} of {d.decisions['actions_total']} recorded",
            board.count_rag(overdue, red_from=5),
            "Green with none; amber with some; red with five or more",
            money=False,
        )
    )
    return rows


def board_pack_build(
    *,
    partnership,
    year,
    council,
    day,
    meeting_id=None,
    commentary="",
    previous=None,
    previous_label="",
    progress=None,
):
    """(pdf bytes, filename, headline figures as JSON): the board paper for a partnership and year (a council,
    if given) as at `day`, titled and dated for the board meeting named (one of the upcoming meetings), or for
    the year, with the CIO's commentary, and each headline's direction since `previous` (the last paper's
    headline figures, {key: {"value", "shown"}}, described as `previous_label`)."""
    progress = progress or (lambda stage, done, total: None)
    progress("Gathering the figures", 0, 3)
    d = selectors.dashboard(partnership, year, council=council, day=day)
    meeting = next((m for m in d.decisions["meetings"] if m.pk == meeting_id), None)
    title = board_title(partnership, d, meeting)
    host = partnership.host_on(day)
    author = f"{host.name if host else partnership.name}, Chief Digital and Information Officer"
    rows = board.with_directions(headlines(d), previous)
    progress("Drawing the charts", 1, 3)
    context = {
        "d": d,
        "charts": charts.charts_for(d),
        "title": title,
        "author": author,
        "meeting": meeting,
        "headlines": rows,
        "commentary": commentary,
        "forecast": selectors.forecast_label(d.money),
        "previous_label": previous_label,
    }
    parts = [
        Part("cover", "Cover", rendered(render_to_string("print/board_cover.html", context))[0]),
        Part("summary", "Summary", rendered(render_to_string("print/board_summary.html", context))[0]),
        Part(
            "sections",
            "Money, contracts, people, decisions and portfolio",
            rendered(render_to_string("print/dashboard_board.html", context))[0],
        ),
    ]
    progress("Rendering the PDF", 2, 3)
    assembled = assemble(parts, title=title, author=author, number_first_page=False)
    progress("Done", 3, 3)
    stamp = meeting.date.isoformat() if meeting else day.isoformat()
    suffix = f"-{council.code.lower()}" if council else ""
    filename = f"board-paper-{partnership.slug}-{year_slug(d.year)}{suffix}-{stamp}.pdf"
    return assembled.pdf, filename, {h.key: h.as_json() for h in rows}
