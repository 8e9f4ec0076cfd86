"""What got in the way in the browser, page by page: a favicon, titles that name the partnership once, the
partnership's committees linked, a public committee page without source references or officer warnings, a
job page that keeps the partnership's navigation and a way back, whole pounds without ".00", delegation
limits that do not contradict themselves, e-mail addresses that link with mailto:, and wide tables that
scroll in their own box at 375 px."""

import re
import warnings

from django.contrib import admin
from django.contrib.auth import get_user_model

from governance.jobs import services as jobs
from governance.models import Council, Partnership
from governance.papers.markdown import render_markdown
from governance.partners.admin import CouncilAdmin
from governance.roles import Role

P = "/shared-digital"


def title(page):
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def test_every_page_has_a_favicon_and_names_the_partnership_once_in_its_title(demo, client):
    page = client.get(f"{P}/").content.decode()
    assert '<link rel="icon" href="/static/images/favicon.svg"' in page
    assert title(page) == "Shared Digital – Shared Service Governance"
    assert title(client.get(f"{P}/meetings/").content.decode()).count("Shared Digital") == 1


def test_the_partnership_page_links_its_committees(demo, client):
    page = client.get(f"{P}/").content.decode()
    sd = Partnership.objects.get(slug="shared-digital")
    for body in sd.bodies.all():
        assert f'href="{P}/committees/{body.slug}/">{body.name}</a>' in page


def test_the_public_committee_page_has_no_source_references_or_officer_warnings(demo, client):
    page = client.get(f"{P}/committees/shared-digital-joint-committee/").content.decode()
    assert "(D1 L" not in page
    assert "govuk-warning-text" not in page and "Only 0 meetings" not in page
    # The terms of reference read as paragraphs, one for each of the source's.
    assert '<p class="govuk-body">Powers: providing democratic oversight' in page


def test_the_job_page_keeps_the_partnership_navigation_and_a_way_back(demo, client, make_user):
    sd = Partnership.objects.get(slug="shared-digital")
    owner = make_user(Role.COMMITTEE_OFFICER, sd)
    job = jobs.job_create(kind="test", title="Agenda pack", by=owner, partnership=sd)
    client.force_login(owner)
    page = client.get(f"/jobs/{job.pk}/", HTTP_REFERER=f"http://testserver{P}/meetings/").content.decode()
    assert '<nav class="app-nav"' in page and f'href="{P}/meetings/"' in page
    assert f'<a href="{P}/meetings/" class="govuk-back-link">Back</a>' in page
    page = client.get(f"/jobs/{job.pk}/").content.decode()  # no referer: back to the partnership
    assert f'<a href="{P}/" class="govuk-back-link">Back</a>' in page


def test_whole_pounds_show_no_pence_and_delegation_limits_do_not_contradict(demo, client):
    page = client.get(f"{P}/delegations/").content.decode()
    assert "No financial limit in the delegation" not in page
    assert ".00" not in page
    assert "(D1 L" not in page


def test_email_addresses_in_report_text_link_with_mailto():
    html = render_markdown(
        "Cheryl Hardman, cheryl.hardman@camden.gov.uk, or [write](jo.bloggs@camden.gov.uk)."
    )
    assert '<a href="mailto:cheryl.hardman@camden.gov.uk"' in html
    assert '<a href="mailto:jo.bloggs@camden.gov.uk"' in html
    assert 'href="cheryl' not in html and 'href="/' not in html
    # An address already in a link's text is left alone; other links keep their scheme.
    html = render_markdown("[site](https://www.camden.gov.uk/) and <mailto:a@b.gov.uk>")
    assert 'href="https://www.camden.gov.uk/"' in html and html.count('href="mailto:') == 1


def test_wide_tables_scroll_in_their_own_focusable_box(demo, client):
    page = client.get(f"{P}/delegations/").content.decode()
    tables = page.count('<table class="govuk-table')
    assert tables and page.count('<div class="app-table-scroll" tabindex="0" role="region"') == tables


def test_a_council_website_without_a_scheme_is_read_as_https_without_a_warning(rf, demo):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    request = rf.get("/")
    request.user = user
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        form_class = CouncilAdmin(Council, admin.site).get_form(request)
    assert form_class.base_fields["website"].assume_scheme == "https"
