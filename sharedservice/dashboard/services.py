"""The board PDF: the dashboard printed as one tagged PDF through the papers room's machinery (each part
rendered by governance.papers.documents.rendered, joined and tagged by governance.papers.pdf.assemble)."""

from django.template.loader import render_to_string

from governance.papers.documents import rendered
from governance.papers.pdf import Part, assemble

from . import charts, selectors


def board_title(partnership, d, meeting):
    if meeting is not None:
        return f"{partnership.name}: the shared service at a glance, for {meeting.body.name}, {meeting.date:%-d %B %Y}"
    return f"{partnership.name}: the shared service at a glance, {d.year_label}"


def board_pack_build(*, partnership, year, council, day, meeting_id=None, progress=None):
    """(pdf bytes, filename): the dashboard for a partnership and year (a council, if given) as at `day`,
    titled and dated for the board meeting named (one of the upcoming meetings), or for the year."""
    progress = progress or (lambda stage, done, total: None)
    progress("Gathering the figures", 0, 3)
    d = selectors.dashboard(partnership, year, council=council, day=day)
    meeting = next((m for m in d.decisions["meetings"] if m.pk == meeting_id), None)
    title = board_title(partnership, d, meeting)
    host = partnership.host_on(day)
    author = f"{host.name if host else partnership.name}, Chief Digital and Information Officer"
    progress("Drawing the charts", 1, 3)
    html = render_to_string(
        "print/dashboard_board.html",
        {"d": d, "charts": charts.charts_for(d), "title": title, "author": author, "meeting": meeting},
    )
    progress("Rendering the PDF", 2, 3)
    pdf = rendered(html)[0]
    assembled = assemble([Part("dashboard", title, pdf)], title=title, author=author, number_first_page=True)
    progress("Done", 3, 3)
    stamp = meeting.date.isoformat() if meeting else day.isoformat()
    suffix = f"-{council.code.lower()}" if council else ""
    return assembled.pdf, f"dashboard-{partnership.slug}-{d.year}{suffix}-{stamp}.pdf"
