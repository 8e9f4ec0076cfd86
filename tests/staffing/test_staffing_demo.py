"""The demo establishment has the seed's figures: the 2014 Tri-borough restructure (5 posts deleted, 11 FTE
created on 1 April 2015, secondments extended to 31 March 2015) and Shared Digital's 405 FTE (Camden and
Islington 313, Haringey 92), with BAU 355 and continuous improvement 104 FTE in 2017/18."""

from datetime import date
from decimal import Decimal

import pytest

from governance.models import Partnership
from staffing import demo, selectors
from staffing.models import Post, PostHolder, Restructure


@pytest.fixture
def loaded(full_demo):
    """Every app's demo, staffing's included (committed for the worker: not loaded again for each test)."""
    return full_demo


def test_the_2014_restructure_deletes_five_posts_and_creates_eleven_fte(loaded):
    tri = Partnership.objects.get(slug="triborough-ict")
    r = Restructure.objects.get(partnership=tri, name=demo.RESTRUCTURE_2014)
    assert r.is_applied and r.effective_date == date(2015, 4, 1)
    comparison = selectors.restructure_comparison(r)
    assert sorted(p.title for p in comparison.deleted) == sorted(t for _, t, _, _ in demo.TRI_DELETED)
    assert (comparison.deleted_fte, comparison.created_fte, comparison.net_fte) == (5, 11, 6)
    # The table adds up: 11 before, less 5 deleted, less the 5 seconded posts (four Strategic Relationship
    # Managers and a Problem Manager) that end the day before, plus 11 created, is 12 after: +1.
    assert (comparison.before_fte, comparison.ended_fte, comparison.after_fte) == (11, 5, 12)
    assert comparison.change_fte == 1 and comparison.adds_up
    dlt = Post.objects.filter(partnership=tri, team="ICT DLT", effective_from=date(2015, 4, 1))
    assert dlt.count() == 6
    leads = {pl.council.code: pl.post.title for p in dlt for pl in p.placements.filter(is_lead=True)}
    assert set(leads) == {"LBHF", "RBKC", "WCC"}  # a lead Head of Service for each council
    srm = Post.objects.get(partnership=tri, title="Strategic Relationship Manager")
    assert srm.fte == Decimal("4.00") and srm.reports_to.title == "Head of Business Partnering"


def test_the_srm_and_problem_manager_secondments_are_extended_to_31_march_2015(loaded):
    secondees = PostHolder.objects.filter(post__partnership__slug="triborough-ict", kind="seconded_in")
    assert secondees.count() == 5
    assert {h.end for h in secondees} == {date(2015, 3, 31)}
    assert {h.seconded_from.code for h in secondees} == {"LBHF"}
    assert all(h.extensions.get().previous_end == date(2014, 10, 31) for h in secondees)


def test_shared_digital_has_the_seeds_establishment(loaded):
    sd = Partnership.objects.get(slug="shared-digital")
    by_council = selectors.establishment_fte(sd, date(2016, 4, 1))
    assert by_council == {"LBC": Decimal("175"), "LBI": Decimal("138"), "LBH": Decimal("92")}
    assert by_council["LBC"] + by_council["LBI"] == 313
    by_line = selectors.establishment_fte(sd, date(2017, 4, 1), by="funding_line")
    assert by_line == {"bau_staff": Decimal("355"), "continuous_improvement": Decimal("104")}
    cost = selectors.staffing_cost(sd, 2017)
    assert sum(r.fte_years for r in cost) == Decimal("459.00")
    assert all(r.total > 0 for r in cost)


def test_the_cdio_holds_the_office_and_has_the_seeds_reporting_lines(loaded):
    cdio = Post.objects.get(partnership__slug="shared-digital", reference="SD-CDIO")
    assert cdio.office is not None and cdio.office.short_name == "CDIO"
    assert cdio.reports_to.title == "Executive Director Corporate Services"
    assert cdio.reports_to.employing_council.code == "LBC"
    dotted = {(d.to_post.title, d.to_post.employing_council.code) for d in cdio.dotted_lines.all()}
    assert dotted == {("Chief Operating Officer", "LBH"), ("Corporate Director Resources", "LBI")}
    assert sorted(pl.council.code for pl in cdio.placements.all()) == ["LBC", "LBH", "LBI"]


def test_generated_holders_are_marked_illustrative(loaded):
    names = set(
        PostHolder.objects.filter(post__partnership__slug="shared-digital").values_list("person", flat=True)
    )
    assert all(n.startswith("Illustrative holder") or n == "Ed Garcez" for n in names)


def test_loading_again_changes_nothing(loaded):
    counts = (Post.objects.count(), PostHolder.objects.count(), Post.history.count())
    demo.load()
    assert (Post.objects.count(), PostHolder.objects.count(), Post.history.count()) == counts
