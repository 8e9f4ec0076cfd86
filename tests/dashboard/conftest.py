import pytest


@pytest.fixture
def full_demo(finance_demo):
    """Every app's demo data: governance (portfolio included), staffing, procurement and finance."""
    from procurement import demo as procurement_demo
    from staffing import demo as staffing_demo

    staffing_demo.load()
    procurement_demo.load()
    return finance_demo


@pytest.fixture
def as_user(client, full_demo):
    from django.contrib.auth import get_user_model

    def sign_in(username):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return sign_in
