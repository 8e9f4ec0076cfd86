"""Applying a restructure closes the posts it deletes and opens those it creates on its date, in one
transaction; it needs an approving decision and the consultation period its staff numbers call for."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance.audit.versions import current_version
from staffing import selectors, services
from staffing.models import Post, PostHolder, Restructure


@pytest.fixture
def cio(post_factory):
    return post_factory(
        reference="CIO", title="Chief Information Officer", team="Leadership", effective_from=date(2010, 1, 1)
    )


def _restructure(sd, **kw):
    fields = {
        "name": "ICT DLT",
        "effective_date": date(2015, 4, 1),
        "staff_affected": 5,
        "decision_text": "Executive decision, 1 December 2014",
    }
    fields.update(kw)
    return services.restructure_create(partnership=sd, by=None, **fields)


def test_applying_closes_deleted_posts_and_opens_created_ones_on_the_date(
    sd, cio, post_factory, grade, councils, admin_user
):
    old = post_factory(
        reference="OLD1",
        title="Head of IS Strategy",
        team="Leadership",
        reports_to=cio,
        effective_from=date(2010, 4, 1),
    )
    services.holder_add(
        post=old,
        by=None,
        person="Holder",
        kind="employed",
        fte=Decimal("1"),
        start=date(2012, 1, 1),
        terms_council=councils["LBC"],
    )
    r = _restructure(sd)
    services.restructure_delete_post(restructure=r, post=old, by=None)
    head = services.restructure_create_post(
        restructure=r,
        by=None,
        reference="DLT1",
        title="Head of Business Partnering",
        grade=grade,
        fte=Decimal("1"),
        team="ICT DLT",
        employing_council=councils["LBC"],
        funding_line="bau_staff",
        reports_to=cio,
    )
    services.restructure_create_post(
        restructure=r,
        by=None,
        reference="SRM",
        title="Strategic Relationship Manager",
        grade=grade,
        fte=Decimal("4"),
        team="Business Partnering",
        employing_council=councils["LBC"],
        funding_line="bau_staff",
        reports_to_new=head,
    )
    r.refresh_from_db()
    services.restructure_apply(restructure=r, by=admin_user, version=current_version(r))

    old.refresh_from_db()
    assert old.effective_to == date(2015, 3, 31) and old.deleted_by_restructure == r
    assert PostHolder.objects.get(post=old).end == date(2015, 3, 31)
    new_head = Post.objects.get(reference="DLT1")
    srm = Post.objects.get(reference="SRM")
    assert (new_head.effective_from, new_head.reports_to, new_head.created_by_restructure) == (
        date(2015, 4, 1),
        cio,
        r,
    )
    assert srm.reports_to == new_head and srm.fte == Decimal("4.00")
    r.refresh_from_db()
    assert r.state == Restructure.State.APPLIED and r.applied_by == admin_user
    assert old.history.first().history_user == admin_user
    comparison = selectors.restructure_comparison(r)
    assert (comparison.deleted_fte, comparison.created_fte, comparison.net_fte) == (1, 5, 4)
    assert comparison.after_fte - comparison.before_fte == 4


def test_an_applied_restructure_cannot_be_applied_or_changed_again(sd, cio, post_factory):
    r = _restructure(sd)
    services.restructure_delete_post(
        restructure=r, post=post_factory(effective_from=date(2010, 1, 1)), by=None
    )
    services.restructure_apply(restructure=r, by=None)
    with pytest.raises(ValidationError, match="has been applied"):
        services.restructure_apply(restructure=r, by=None)
    with pytest.raises(ValidationError, match="has been applied"):
        services.restructure_delete_post(restructure=r, post=cio, by=None)


def test_a_restructure_needs_an_approving_decision(sd, post_factory):
    r = _restructure(sd, decision_text="")
    services.restructure_delete_post(
        restructure=r, post=post_factory(effective_from=date(2010, 1, 1)), by=None
    )
    with pytest.raises(ValidationError) as exc:
        services.restructure_apply(restructure=r, by=None)
    assert exc.value.messages == [services.ERROR_NO_DECISION]


def test_a_restructure_cannot_take_effect_before_its_consultation_ends(sd, post_factory):
    post = post_factory(effective_from=date(2010, 1, 1))
    r = _restructure(sd, staff_affected=20, consultation_start=date(2015, 3, 10))
    services.restructure_delete_post(restructure=r, post=post, by=None)
    with pytest.raises(ValidationError) as exc:
        services.restructure_apply(restructure=r, by=None)
    assert exc.value.messages == [
        "20 staff affected need 30 days of collective consultation: the earliest the restructure can take "
        "effect is 9 April 2015."
    ]
    post.refresh_from_db()
    assert post.effective_to is None  # nothing saved
    r2 = _restructure(sd, name="Later", staff_affected=19, consultation_start=None)
    services.restructure_delete_post(restructure=r2, post=post, by=None)
    services.restructure_apply(restructure=r2, by=None)  # 19 affected: no collective consultation needed


def test_a_deleted_post_still_reported_to_stops_the_restructure_and_nothing_changes(sd, cio, post_factory):
    report = post_factory(title="Analyst", reports_to=cio)
    r = _restructure(sd, effective_date=date(2018, 4, 1))
    services.restructure_delete_post(restructure=r, post=cio, by=None)
    with pytest.raises(ValidationError) as exc:
        services.restructure_apply(restructure=r, by=None)
    assert exc.value.messages == [f"{cio} is deleted but {report} would still report to it: move them first."]
    cio.refresh_from_db()
    assert cio.effective_to is None
    assert Restructure.objects.get(pk=r.pk).state == Restructure.State.DRAFT


def test_a_failure_part_way_through_leaves_everything_as_it_was(sd, cio, post_factory, grade, councils):
    """The second new post clashes with a reference made since it was drafted: the first deletion and the
    first creation are rolled back with it."""
    old = post_factory(effective_from=date(2010, 1, 1))
    r = _restructure(sd, effective_date=date(2018, 4, 1))
    services.restructure_delete_post(restructure=r, post=old, by=None)
    for ref in ("NEW1", "NEW2"):
        services.restructure_create_post(
            restructure=r,
            by=None,
            reference=ref,
            title="New",
            grade=grade,
            fte=Decimal("1"),
            team="T",
            employing_council=councils["LBC"],
            funding_line="bau_staff",
        )
    post_factory(reference="NEW2")
    with pytest.raises(ValidationError):
        services.restructure_apply(restructure=r, by=None)
    old.refresh_from_db()
    assert old.effective_to is None
    assert not Post.objects.filter(reference="NEW1").exists()
