"""The pipeline opens on a useful default (issue 21 §5): as at today when anything falls due within 18 months
of it; when every date the contracts record is past (the demo's contracts, read years later), as at the day
before the first of them, saying so, rather than three empty tables. An "as at" asked for is kept."""

from datetime import date

from procurement import selectors

URL = "/shared-digital/procurement/pipeline/"


def test_today_when_something_falls_due(procurement_demo, sd):
    assert selectors.default_pipeline_day(sd, date(2017, 10, 30)) == date(2017, 10, 30)


def test_the_day_before_the_first_recorded_date_when_all_are_past(procurement_demo, sd):
    # The first date the demo's active contracts record: Islington's support and maintenance ends 31 March 2018.
    assert selectors.default_pipeline_day(sd, date(2030, 1, 1)) == date(2018, 3, 30)


def test_the_page_says_where_it_opened_and_keeps_a_date_asked_for(procurement_demo, sd, client, make_user):
    from governance.roles import Role

    client.force_login(make_user(Role.AUDITOR, sd))
    page = client.get(URL).content.decode()
    assert "the pipeline opens as at 30 March 2018, the day before the first of them" in page
    assert "LBI-CM-SM" in page.split('id="within-6"')[1].split("</table>")[0]
    asked = client.get(URL, {"on": "2026-01-01"}).content.decode()
    assert "the pipeline opens as at" not in asked and "within 6, 12 and 18 months of 1 January 2026" in asked
