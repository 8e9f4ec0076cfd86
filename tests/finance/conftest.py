import pytest


@pytest.fixture
def finance_demo(demo):
    """The governance demo data plus the finance demo data (budgets, forecasts, savings, Q1 2018/19 issued)."""
    from finance import demo as finance_demo_module

    finance_demo_module.load()
    return demo


@pytest.fixture
def sd(demo):
    from governance.models import Partnership

    return Partnership.objects.get(slug="shared-digital")


@pytest.fixture
def tri(demo):
    from governance.models import Partnership

    return Partnership.objects.get(slug="triborough-ict")
