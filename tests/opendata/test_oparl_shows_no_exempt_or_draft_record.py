"""OParl shows only what the public projections show: an exempt agenda item, a report on one, its appendices,
an exempt officer decision and a draft meeting never appear, not even by id — in no list (with the deleted
objects asked for too) and at no URL (they answer 404)."""

from datetime import date, timedelta

from governance.committees import services
from governance.models import AgendaItem, Appendix, Meeting, OfficerDecision, Report

from .conftest import local

BODY = "/oparl/v1.1/body/shared-digital/"
KINDS = (
    "organization",
    "person",
    "membership",
    "meeting",
    "agendaItem",
    "paper",
    "consultation",
    "file",
    "location",
)


def every_id(client):
    ids = set()
    for kind in KINDS:
        url = f"{BODY}{kind}/?modified_since=2000-01-01T00:00:00%2B00:00"
        while url:
            data = client.get(local(url)).json()
            text = str(data["data"])
            ids |= {o["id"] for o in data["data"]}
            ids |= {part.split("'")[0] for part in text.split("http://testserver")[1:]}
            url = data["links"].get("next")
    return ids


def test_exempt_and_draft_records_never_appear_in_oparl(client, business, jc, officer):
    draft = services.meeting_create(
        body=jc, date=date.today() + timedelta(days=90), venue="Town Hall", by=officer
    )
    exempt_items = list(
        AgendaItem.objects.filter(meeting__body__partnership__slug="shared-digital", is_exempt=True)
    )
    exempt_reports = list(Report.objects.filter(item__in=exempt_items))
    exempt_appendices = list(Appendix.objects.filter(report__in=exempt_reports))
    exempt_decisions = list(
        OfficerDecision.objects.filter(partnership__slug="shared-digital", is_exempt=True)
    )
    assert exempt_items and exempt_reports and exempt_appendices and exempt_decisions
    assert Meeting.objects.filter(pk=draft.pk, status=Meeting.Status.DRAFT).exists()
    forbidden = (
        [f"{BODY}agendaItem/{i.pk}/" for i in exempt_items]
        + [
            f"{BODY}{kind}/report-{r.pk}/"
            for r in exempt_reports
            for kind in ("paper", "file", "consultation")
        ]
        + [f"{BODY}file/appendix-{a.pk}/" for a in exempt_appendices]
        + [f"{BODY}paper/decision-{d.pk}/" for d in exempt_decisions]
        + [f"{BODY}meeting/{draft.pk}/", f"{BODY}location/{draft.pk}/"]
    )
    shown = {local(i) for i in every_id(client)}
    assert shown, "the walk found nothing"
    for path in forbidden:
        assert path not in shown, path
        assert client.get(path).status_code == 404, path
