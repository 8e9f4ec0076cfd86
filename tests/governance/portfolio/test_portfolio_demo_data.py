"""The demo portfolio comes from the seed documents: the six themes with a board and a co-chair per council,
the named initiatives as projects (each left out while the seed does not record all five real-project facts),
and the risks of the governance options report and the WAN report with their ratings mapped."""

import pytest

from governance.portfolio.models import CoChair, Programme, Project, Risk


@pytest.mark.django_db
def test_the_six_themes_each_with_a_board_and_three_co_chairs(sd):
    programmes = list(Programme.objects.filter(partnership=sd).select_related("board"))
    assert [p.name for p in programmes] == [
        "Using data better",
        "Enabling a mobile workforce",
        "Customer enabling",
        "Joining up services",
        "Business process efficiencies",
        "Enabling infrastructure",
    ]
    assert sum(p.is_transformational for p in programmes) == 3
    assert all(p.board.kind == "programme_board" for p in programmes)
    assert CoChair.objects.filter(programme__in=programmes).values("council").distinct().count() == 3
    assert CoChair.objects.filter(programme__in=programmes).count() == 18


@pytest.mark.django_db
def test_the_named_initiatives_are_projects(sd):
    titles = set(Project.objects.filter(partnership=sd).values_list("title", flat=True))
    assert {
        "Office 365 programme",
        "Data-centre consolidation",
        "Network transformation (shared WAN)",
        "ASC and children's services case management review",
    } <= titles
    wan = Project.objects.get(partnership=sd, title="Network transformation (shared WAN)")
    assert str(wan.allocated_budget) == "990000.00"
    assert wan.exclusion_reasons == [
        "It has no assigned project manager.",
        "It has no allocated budget and timelines.",  # the seed gives no end date
    ]


@pytest.mark.django_db
def test_the_seeds_risks_with_their_ratings(sd):
    risks = Risk.objects.filter(partnership=sd)
    assert risks.filter(source__contains="Table 5.2").count() == 4
    assert risks.filter(source__contains="Table 5.4").count() == 6
    assert risks.filter(project__title="Network transformation (shared WAN)").count() == 3
    outside = risks.get(description__startswith="The new company will be seen as an outside body")
    assert (outside.rating_as_written, outside.likelihood, outside.impact, outside.score) == (
        "High/High",
        4,
        4,
        16,
    )


@pytest.mark.django_db
def test_loading_the_demo_twice_changes_nothing(demo, sd):
    from governance.portfolio import demo as portfolio_demo

    counts = (
        Programme.objects.count(),
        Project.objects.count(),
        Risk.objects.count(),
        CoChair.objects.count(),
    )
    portfolio_demo.load()
    assert (
        Programme.objects.count(),
        Project.objects.count(),
        Risk.objects.count(),
        CoChair.objects.count(),
    ) == counts
