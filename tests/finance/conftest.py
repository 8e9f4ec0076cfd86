import pytest


@pytest.fixture
def sd(demo):
    from governance.models import Partnership

    return Partnership.objects.get(slug="shared-digital")


@pytest.fixture
def tri(demo):
    from governance.models import Partnership

    return Partnership.objects.get(slug="triborough-ict")
