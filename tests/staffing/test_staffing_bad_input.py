"""Bad input is refused with a clear error and nothing is saved: a holder longer than the post, holders above
the post's FTE, a reports-to loop, a restructure that deletes a post twice."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from governance.audit import versions
from governance.audit.versions import current_version
from staffing import services
from staffing.models import Post, PostHolder, RestructureChange


def _holder(post, **kw):
    fields = {
        "person": "A Person",
        "kind": PostHolder.Kind.EMPLOYED,
        "fte": Decimal("1"),
        "start": date(2016, 4, 1),
        "terms_council": post.employing_council,
    }
    fields.update(kw)
    return services.holder_add(post=post, by=None, **fields)


def test_a_holder_cannot_stay_after_the_post_ends(post_factory):
    post = post_factory(effective_to=date(2018, 3, 31))
    with pytest.raises(ValidationError) as exc:
        _holder(post, end=date(2018, 6, 30))
    assert exc.value.message_dict["end"] == [
        "The holder cannot stay after the post ends (it ends on 31 March 2018)."
    ]
    with pytest.raises(ValidationError):
        _holder(post, end=None)  # open-ended in a post that ends
    assert not PostHolder.objects.filter(post=post).exists()


def test_a_holder_cannot_start_before_the_post(post_factory):
    post = post_factory(effective_from=date(2017, 4, 1))
    with pytest.raises(ValidationError, match="cannot start before the post exists"):
        _holder(post, start=date(2017, 3, 1))
    assert not PostHolder.objects.exists()


def test_two_holders_cannot_fill_more_than_the_posts_fte(post_factory):
    post = post_factory(fte=Decimal("1"))
    _holder(post, fte=Decimal("0.6"))
    with pytest.raises(ValidationError) as exc:
        _holder(post, fte=Decimal("0.6"), start=date(2017, 1, 1))
    assert exc.value.message_dict["fte"] == [
        "Holders would fill 1.20 FTE of this 1.00 FTE post from 1 January 2017."
    ]
    assert PostHolder.objects.filter(post=post).count() == 1
    # One after the other is fine: the first leaves the day before the second starts.
    other = post_factory(fte=Decimal("1"))
    _holder(other, end=date(2016, 12, 31))
    _holder(other, start=date(2017, 1, 1))
    assert PostHolder.objects.filter(post=other).count() == 2


def test_ending_a_post_before_its_holder_leaves_is_refused(post_factory):
    post = post_factory()
    _holder(post)
    with pytest.raises(ValidationError, match="outside its dates"):
        services.post_update(
            post=post, version=current_version(post), by=None, effective_to=date(2018, 3, 31)
        )
    post.refresh_from_db()
    assert post.effective_to is None


def test_a_reports_to_loop_is_refused(post_factory):
    top = post_factory(title="Chief Digital and Information Officer")
    middle = post_factory(title="Head of Operations", reports_to=top)
    bottom = post_factory(title="Service Desk Manager", reports_to=middle)
    before = current_version(top)
    with pytest.raises(ValidationError) as exc:
        services.post_update(post=top, version=before, by=None, reports_to=bottom)
    assert exc.value.message_dict["reports_to"] == [
        "Reporting to that post would make a loop: Chief Digital and Information Officer → Service Desk Manager"
        " → Head of Operations → Chief Digital and Information Officer."
    ]
    top.refresh_from_db()
    assert top.reports_to is None and current_version(top) == before
    with pytest.raises(ValidationError, match="loop"):
        services.post_update(post=top, version=before, by=None, reports_to=top)


def test_a_restructure_cannot_delete_a_post_twice(sd, post_factory):
    post = post_factory()
    restructure = services.restructure_create(
        partnership=sd, by=None, name="Phase 1", effective_date=date(2018, 4, 1), staff_affected=5
    )
    services.restructure_delete_post(restructure=restructure, post=post, by=None)
    with pytest.raises(ValidationError) as exc:
        services.restructure_delete_post(restructure=restructure, post=post, by=None)
    assert exc.value.messages == [f"This restructure already deletes {post}."]
    assert RestructureChange.objects.filter(restructure=restructure).count() == 1


def test_a_stale_edit_is_refused(post_factory):
    post = post_factory()
    read = current_version(post)
    services.post_update(post=post, version=read, by=None, title="Renamed")
    with pytest.raises(versions.StaleRecord, match="Somebody else saved"):
        services.post_update(post=post, version=read, by=None, title="Renamed again")
    assert Post.objects.get(pk=post.pk).title == "Renamed"


def test_secondments_need_their_council_and_end_and_agency_its_day_rate(post_factory, councils):
    post = post_factory()
    with pytest.raises(ValidationError, match="seconded from"):
        _holder(post, kind=PostHolder.Kind.SECONDED_IN, terms_council=councils["LBI"])
    with pytest.raises(ValidationError, match="day rate"):
        _holder(post, kind=PostHolder.Kind.AGENCY, terms_council=None, end=date(2017, 1, 1))
    with pytest.raises(ValidationError, match="TUPE"):
        _holder(post, tupe_from=councils["LBI"])
    assert not PostHolder.objects.exists()
