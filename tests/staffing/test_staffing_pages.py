"""The staffing pages render for the people who may read them, filter the establishment, refuse bad filters,
and let staffing officers change posts through forms that carry the version they read."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.audit import versions
from governance.audit.versions import current_version
from governance.roles import Role
from staffing import services
from staffing.models import Post, PostHolder, Restructure


@pytest.fixture
def officer(make_user, sd, councils):
    return make_user(Role.STAFFING_OFFICER, sd, councils["LBC"])


@pytest.fixture
def structure(post_factory, holder_factory, councils):
    top = post_factory(reference="CDIO", title="Chief Digital and Information Officer", team="Leadership")
    ops = post_factory(reference="OPS", title="Head of Operations", team="Leadership", reports_to=top)
    desk = post_factory(
        reference="DESK",
        title="Service Desk Analyst",
        team="Operations",
        reports_to=ops,
        employing_council=councils["LBH"],
    )
    holder_factory(post=top, person="Ed Garcez")
    holder_factory(post=desk, person="Hari Haringey", terms_council=councils["LBH"])
    return top, ops, desk


def url(name, **kw):
    return reverse(f"staffing:{name}", kwargs={"partnership": "shared-digital", **kw})


def test_every_staffing_page_renders_for_a_staffing_officer(client, officer, structure):
    client.force_login(officer)
    top, ops, desk = structure
    for path in [
        url("establishment"),
        url("chart"),
        url("vacancies"),
        url("ending"),
        url("cost") + "?year=2017/18",
        url("post", pk=top.pk),
        url("post_edit", pk=top.pk),
        url("holder_add", pk=top.pk),
        url("post_create"),
        url("restructures"),
        url("restructure_create"),
        url("import"),
        url("export"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path


def test_the_establishment_filters_by_council_team_status_and_grade(client, officer, structure):
    client.force_login(officer)
    response = client.get(url("establishment"), {"council": "LBH"})
    assert [p.reference for p in response.context["page"].object_list] == ["DESK"]
    response = client.get(url("establishment"), {"team": "Leadership", "status": "vacant"})
    assert [p.reference for p in response.context["page"].object_list] == ["OPS"]
    response = client.get(url("establishment"), {"status": "filled"})
    assert {p.reference for p in response.context["page"].object_list} == {"CDIO", "DESK"}
    response = client.get(url("establishment"), {"grade": "PO5", "team": "Operations"})
    assert [p.reference for p in response.context["page"].object_list] == ["DESK"]


@pytest.mark.parametrize("query", [{"council": "XXX"}, {"colour": "red"}, {"on": "yesterday"}, {"page": "9"}])
def test_bad_filters_are_refused_with_a_message(client, officer, structure, query):
    client.force_login(officer)
    response = client.get(url("establishment"), query)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_the_chart_nests_each_post_under_the_post_it_reports_to(client, officer, structure):
    client.force_login(officer)
    html = client.get(url("chart")).content.decode()
    top, ops, desk = structure
    assert (
        html.index("Chief Digital and Information Officer")
        < html.index("Head of Operations")
        < html.index("Service Desk Analyst")
    )
    assert 'aria-label="Reporting to Head of Operations"' in html


def test_a_post_edit_with_a_stale_version_is_refused_and_shows_the_current_post(client, officer, structure):
    client.force_login(officer)
    top, ops, desk = structure
    read = current_version(ops)
    form = {
        "reference": "OPS",
        "title": "Head of Technology Operations",
        "grade": ops.grade_id,
        "fte": "1",
        "team": "Leadership",
        "reports_to": top.pk,
        "employing_council": ops.employing_council_id,
        "funding_line": "bau_staff",
        "effective_from": "2016-04-01",
        "version": str(read),
    }
    assert client.post(url("post_edit", pk=ops.pk), form).status_code == 302
    ops.refresh_from_db()
    assert ops.title == "Head of Technology Operations" and current_version(ops) > read
    assert ops.history.first().history_user == officer
    form["title"] = "Something else"
    response = client.post(url("post_edit", pk=ops.pk), form)
    assert response.status_code == 409
    assert versions.STALE in response.content.decode(), response.context["form"].errors
    assert Post.objects.get(pk=ops.pk).title == "Head of Technology Operations"


def test_a_stale_post_edit_shows_the_other_persons_change_beside_yours(
    client, officer, make_user, sd, structure
):
    """Another officer renames the post while this one edits its team: the save is refused (409), naming who
    changed what; this officer's own edit stays in the form, which now carries the new version, and sent
    again it saves."""
    top, ops, desk = structure
    client.force_login(officer)
    read = current_version(ops)
    other = make_user(Role.STAFFING_OFFICER, sd, None, first_name="Olu", last_name="Other")
    services.post_update(post=ops, version=read, by=other, title="Head of Technology Operations")
    form = {
        "reference": "OPS",
        "title": "Head of Operations",
        "grade": ops.grade_id,
        "fte": "1",
        "team": "Operations",
        "reports_to": top.pk,
        "employing_council": ops.employing_council_id,
        "funding_line": "bau_staff",
        "effective_from": "2016-04-01",
        "version": str(read),
    }
    response = client.post(url("post_edit", pk=ops.pk), form)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Changed by somebody else" in page and "Olu Other" in page and "title" in page
    ops.refresh_from_db()
    assert (ops.title, ops.team) == ("Head of Technology Operations", "Leadership")  # nothing of ours saved
    resent = response.context["form"].data
    assert resent["version"] == str(current_version(ops)) and resent["team"] == "Operations"
    assert client.post(url("post_edit", pk=ops.pk), resent).status_code == 302
    ops.refresh_from_db()
    assert ops.team == "Operations"


@pytest.mark.parametrize("version", [None, "", "abc", "9" * 40])
def test_a_post_edit_without_a_good_version_is_refused_with_a_form_error(client, officer, structure, version):
    top, ops, desk = structure
    client.force_login(officer)
    form = {
        "reference": "OPS",
        "title": "Renamed",
        "grade": ops.grade_id,
        "fte": "1",
        "team": "Leadership",
        "reports_to": top.pk,
        "employing_council": ops.employing_council_id,
        "funding_line": "bau_staff",
        "effective_from": "2016-04-01",
    }
    if version is not None:
        form["version"] = version
    response = client.post(url("post_edit", pk=ops.pk), form)
    assert response.status_code == 400
    assert versions.VERSION_MISSING in response.content.decode()
    assert Post.objects.get(pk=ops.pk).title == "Head of Operations"


def test_ending_lists_secondments_and_agency_cover_ending_in_90_days(client, officer, post_factory, councils):
    today = timezone.localdate()
    soon = post_factory(title="Seconded analyst", effective_from=date(2016, 4, 1))
    later = post_factory(title="Later secondment", effective_from=date(2016, 4, 1))
    agency = post_factory(title="Agency analyst", effective_from=date(2016, 4, 1))
    common = {"person": "X", "fte": Decimal("1"), "start": today - timedelta(days=30)}
    services.holder_add(
        post=soon,
        by=None,
        kind=PostHolder.Kind.SECONDED_IN,
        seconded_from=councils["LBI"],
        terms_council=councils["LBI"],
        end=today + timedelta(days=90),
        **common,
    )
    services.holder_add(
        post=later,
        by=None,
        kind=PostHolder.Kind.SECONDED_IN,
        seconded_from=councils["LBI"],
        terms_council=councils["LBI"],
        end=today + timedelta(days=91),
        **common,
    )
    services.holder_add(
        post=agency,
        by=None,
        kind=PostHolder.Kind.AGENCY,
        day_rate=Decimal("400"),
        end=today + timedelta(days=5),
        **common,
    )
    client.force_login(officer)
    response = client.get(url("ending"))
    titles = [h.post.title for h, _ in response.context["holders"]]
    assert titles == ["Agency analyst", "Seconded analyst"]


def test_a_secondment_is_extended_with_its_reason(client, officer, post_factory, councils):
    post = post_factory(title="Strategic Relationship Manager", effective_from=date(2013, 7, 1))
    holder = services.holder_add(
        post=post,
        by=None,
        person="S",
        kind=PostHolder.Kind.SECONDED_IN,
        fte=Decimal("1"),
        start=date(2013, 7, 1),
        end=date(2014, 10, 31),
        seconded_from=councils["LBHF"],
        terms_council=councils["LBHF"],
    )
    client.force_login(officer)
    read = current_version(holder)
    response = client.post(
        url("holder_extend", pk=holder.pk),
        {
            "new_end": "2015-03-31",
            "reason": "To complete consultation and recruitment",
            "version": read,
        },
    )
    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.end == date(2015, 3, 31)
    ext = holder.extensions.get()
    assert (ext.previous_end, ext.new_end) == (date(2014, 10, 31), date(2015, 3, 31))
    response = client.post(
        url("holder_extend", pk=holder.pk),
        {"new_end": "2015-01-31", "reason": "x", "version": current_version(holder)},
    )
    assert response.status_code == 400  # earlier than the current end
    response = client.post(
        url("holder_extend", pk=holder.pk), {"new_end": "2015-06-30", "reason": "x", "version": read}
    )
    assert response.status_code == 409  # a stale version
    page = response.content.decode()
    assert "Changed by somebody else" in page and officer.get_username() in page and "end" in page
    assert response.context["form"].data["version"] == str(current_version(holder))
    holder.refresh_from_db()
    assert holder.end == date(2015, 3, 31) and holder.extensions.count() == 1
    response = client.post(url("holder_extend", pk=holder.pk), {"new_end": "2015-06-30", "reason": "x"})
    assert response.status_code == 400 and versions.VERSION_MISSING in response.content.decode()


def test_a_restructure_is_drafted_filled_in_and_applied_through_its_pages(
    client, officer, structure, grade, councils
):
    top, ops, desk = structure
    client.force_login(officer)
    response = client.post(
        url("restructure_create"),
        {
            "name": "Operations phase 2",
            "phase": "2",
            "effective_date": "2019-04-01",
            "staff_affected": "20",
            "consultation_start": "2019-01-02",
            "decision_text": "CDIO decision under delegation",
        },
    )
    assert response.status_code == 302
    r_url = response["Location"]
    pk = int(r_url.rstrip("/").split("/")[-1])

    def version():
        return current_version(Restructure.objects.get(pk=pk))

    stale = client.post(url("restructure_delete_post", pk=pk), {"post": desk.pk, "version": version() - 1})
    assert stale.status_code == 409 and versions.STALE in stale.content.decode()
    missing = client.post(url("restructure_delete_post", pk=pk), {"post": desk.pk})
    assert missing.status_code == 400 and versions.VERSION_MISSING in missing.content.decode()
    missing = client.post(url("restructure_apply", pk=pk), {"version": "x"})
    assert missing.status_code == 400 and versions.VERSION_MISSING in missing.content.decode()
    assert not Restructure.objects.get(pk=pk).changes.exists()
    assert (
        client.post(
            url("restructure_delete_post", pk=pk), {"post": desk.pk, "version": version()}
        ).status_code
        == 302
    )
    twice = client.post(url("restructure_delete_post", pk=pk), {"post": desk.pk, "version": version()})
    assert twice.status_code == 400 and "already deletes" in twice.content.decode()
    assert (
        client.post(
            url("restructure_create_post", pk=pk),
            {
                "reference": "DESK2",
                "title": "Service Desk Lead",
                "grade": grade.pk,
                "fte": "2",
                "team": "Operations",
                "employing_council": councils["LBC"].pk,
                "funding_line": "bau_staff",
                "reports_to": ops.pk,
                "version": version(),
            },
        ).status_code
        == 302
    )
    page = client.get(r_url)
    html = page.content.decode()
    assert "30 days" in html and "1 February 2019" in html  # the earliest it can take effect
    comparison = page.context["comparison"]
    assert (comparison.deleted_fte, comparison.created_fte, comparison.net_fte) == (1, 2, 1)
    version = page.context["version"]
    assert client.post(url("restructure_apply", pk=pk), {"version": version}).status_code == 302
    desk.refresh_from_db()
    assert desk.effective_to == date(2019, 3, 31)
    assert Post.objects.get(reference="DESK2").reports_to == ops
    stale = client.post(url("restructure_apply", pk=pk), {"version": version})
    assert stale.status_code == 400


def test_a_stale_restructure_form_shows_the_other_persons_change(client, officer, make_user, sd, structure):
    """Another officer adds a post to the draft while this one has the page open: this one's addition is
    refused (409) naming the other's, nothing of it is saved, and the form now carries the new version."""
    top, ops, desk = structure
    client.force_login(officer)
    r = services.restructure_create(
        partnership=sd, by=officer, name="Phase 3", effective_date=date(2019, 4, 1), staff_affected=2
    )
    read = current_version(r)
    other = make_user(Role.STAFFING_OFFICER, sd, None, first_name="Olu", last_name="Other")
    services.restructure_delete_post(restructure=r, post=desk, by=other, version=read)
    response = client.post(url("restructure_delete_post", pk=r.pk), {"post": ops.pk, "version": read})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Changed by somebody else" in page and "Olu Other" in page and f"Deletes {desk}" in page
    assert list(r.changes.values_list("post", flat=True)) == [desk.pk]
    assert response.context["delete_form"].data["version"] == str(current_version(r))
    assert response.context["version"] == current_version(r)
