"""Statement numbers start with the partnership's own prefix, unique across partnerships: two slugs with the
same initials (shared-digital and stock-data) can no longer give the same numbers."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from finance import services
from governance.models import Partnership
from governance.partners.models import statement_prefix_for


def test_the_prefix_defaults_to_the_initials_and_then_to_the_first_free_number():
    assert statement_prefix_for("shared-digital-south", []) == "SDS"
    assert statement_prefix_for("south-digital-services", ["SDS"]) == "SDS2"
    assert statement_prefix_for("south-digital-services", ["SDS", "SDS2"]) == "SDS3"
    assert statement_prefix_for("2024-digital", []) == "P2D"


@pytest.mark.django_db
def test_partnerships_whose_slugs_share_initials_get_different_prefixes():
    made = [
        Partnership.objects.create(name=name, slug=slug, legal_basis="s113", start_date=date(2020, 4, 1))
        for name, slug in (
            ("Shared Digital South", "shared-digital-south"),
            ("South Digital", "south-digital-s"),
        )
    ]
    assert [p.statement_prefix for p in made] == ["SDS", "SDS2"]
    third = Partnership(
        name="Third", slug="service-design-studio", legal_basis="s113", start_date=date(2020, 4, 1)
    )
    third.full_clean()  # a blank prefix is filled before the uniqueness check
    assert third.statement_prefix == "SDS3"


@pytest.mark.django_db
def test_the_database_refuses_a_prefix_another_partnership_has():
    first = Partnership.objects.create(
        name="A", slug="alpha", legal_basis="s113", start_date=date(2020, 4, 1)
    )
    clash = Partnership(
        name="B",
        slug="beta",
        legal_basis="s113",
        start_date=date(2020, 4, 1),
        statement_prefix=first.statement_prefix,
    )
    with pytest.raises(ValidationError):
        clash.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()


def test_issued_numbers_use_the_partnerships_prefix(finance_demo, sd):
    assert sd.statement_prefix == "SD"  # the demo's, as before: the numbers already issued keep their meaning
    Partnership.objects.filter(pk=sd.pk).update(statement_prefix="SDJC")
    sd.refresh_from_db()
    services.statements_draft(partnership=sd, year=2018, period="Q2")
    issued = services.statements_issue(partnership=sd, year=2018, period="Q2")
    assert issued and all(s.number.startswith("SDJC-2018/19-") for s in issued)
