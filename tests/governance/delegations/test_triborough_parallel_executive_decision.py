"""The Tri-borough report of 2014 is an executive decision taken in parallel by the three councils (a key
decision, forward plan reference 04230/14/K/A): the partnership's decisions register holds each council's
decision with the report's recommendations, and its filters apply to them."""

import pytest

from governance.models import Council, ExecutiveDecision

pytestmark = pytest.mark.django_db
URL = "/triborough-ict/decisions/"


def test_the_register_holds_the_three_councils_decisions_with_the_recommendations(demo, client):
    page = client.get(URL).content.decode()
    assert "3 decisions." in page
    assert "Hammersmith &amp; Fulham: Full Cabinet" in page
    assert "Kensington and Chelsea: The Leader of the Council, Councillor Nicholas Paget Brown" in page
    assert "Westminster City Council: Cabinet Member for Finance and Customer Services" in page
    assert page.count("Forward plan reference 04230/14/K/A") == 3
    # H&F's Full Cabinet, 1 December 2014, first; the dates the report leaves blank are said so, after it.
    assert page.index("1 Dec 2014") < page.index("Date not recorded here")
    assert "2.3 That the following posts be deleted with effect from 1 April 2015" in page
    assert "Strategic Relationship Manager 4 FTE; Problem Manager 1 FTE." in page
    assert "be authorised to enter into a section 113 agreement" in page
    assert "be authorised to approve hosting arrangements" in page


def test_the_officers_note_on_a_blank_date_is_not_public(demo, client):
    assert ExecutiveDecision.objects.exclude(officer_note="").count() == 2
    assert "Enter the date from the council" not in client.get(URL).content.decode()


def test_the_registers_filters_apply_to_them(demo, client):
    rbkc = Council.objects.get(code="RBKC")
    one = client.get(URL, {"council": rbkc.pk}).content.decode()
    assert "1 decision." in one and "Paget Brown" in one
    assert "3 decisions." in client.get(URL, {"key_decision": "true"}).content.decode()
    assert "0 decisions." in client.get(URL, {"key_decision": "false"}).content.decode()
    words = client.get(URL, {"text": "section 113"}).content.decode()
    assert "3 decisions." in words
    dated = client.get(URL, {"date_from": "2014-11-01"}).content.decode()
    assert "1 decision." in dated and "Full Cabinet" in dated


def test_the_shared_digital_register_does_not_list_them(demo, client):
    assert "04230/14/K/A" not in client.get("/shared-digital/decisions/").content.decode()
