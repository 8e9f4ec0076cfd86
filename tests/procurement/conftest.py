from datetime import date
from decimal import Decimal

import pytest


@pytest.fixture
def sd(demo):
    from governance.models import Partnership

    return Partnership.objects.get(slug="shared-digital")


@pytest.fixture
def tri(demo):
    from governance.models import Partnership

    return Partnership.objects.get(slug="triborough-ict")


@pytest.fixture
def councils(demo):
    from governance.models import Council

    return {c.code: c for c in Council.objects.all()}


@pytest.fixture
def procurement_demo(demo):
    """The governance demo plus the procurement demo: the seed's contracts."""
    from procurement import demo as procurement_demo_module

    procurement_demo_module.load()
    return demo


@pytest.fixture
def cio(demo):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="cio")


@pytest.fixture
def make_contract(sd, councils, cio):
    """make_contract(**fields) -> a saved draft contract of Shared Digital, shared equally by default."""
    from procurement import services

    counter = {"n": 0}

    def make(shares=None, extensions=(), partnership=None, **fields):
        counter["n"] += 1
        total = Decimal(fields.pop("total_value", "90000.00"))
        values = {
            "reference": f"T-{counter['n']}",
            "title": f"Test contract {counter['n']}",
            "category": "software",
            "total_value": total,
            "annual_value": Decimal(fields.pop("annual_value", (total / 3).quantize(Decimal("0.01")))),
            "start_date": date(2018, 4, 1),
            "end_date": date(2021, 3, 31),
            "route": "open",
        }
        values.update(fields)
        if shares is None:
            third = (total / 3).quantize(Decimal("0.01"))
            shares = [
                (councils["LBC"], total - 2 * third),
                (councils["LBH"], third),
                (councils["LBI"], third),
            ]
        contract, _ = services.contract_save(
            partnership=partnership or sd, by=cio, shares=shares, extensions=extensions, **values
        )
        return contract

    return make
