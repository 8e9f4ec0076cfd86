"""The public projection reads in a fixed number of queries whatever the number of rows: the meetings feed,
the agenda, search and the decisions feed cost the same with twice the meetings."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.committees import public, services

from ..conftest import add_business


def publish_meetings(jc, officer, count, start):
    for n in range(count):
        meeting = services.meeting_create(
            body=jc, date=date.today() + timedelta(days=start + n), venue="Town Hall", by=officer
        )
        add_business(meeting, officer, f"Network review {start + n}")
        add_business(
            meeting,
            officer,
            f"Contract {start + n}",
            is_exempt=True,
            exempt_paragraph=3,
            public_title="Network contract (exempt)",
        )
        services.agenda_publish(meeting=meeting, by=officer)


def queries(call):
    with CaptureQueriesContext(connection) as ctx:
        call()
    return len(ctx.captured_queries)


def test_public_reads_cost_the_same_with_twice_the_meetings(jc, officer, sd):
    publish_meetings(jc, officer, 2, 30)
    meeting = jc.meetings.order_by("-date").first()
    reads = {
        "meetings": lambda: public.public_meetings(sd),
        "resolutions": lambda: public.public_resolutions(sd),
        "agenda": lambda: public.public_agenda_items(meeting),
    }
    before = {name: queries(call) for name, call in reads.items()}
    publish_meetings(jc, officer, 2, 60)
    after = {name: queries(call) for name, call in reads.items()}
    assert after == before
    assert len(public.public_meetings(sd)) >= 4
