import pytest


@pytest.fixture
def as_user(client, full_demo):
    from django.contrib.auth import get_user_model

    def sign_in(username):
        client.force_login(get_user_model().objects.get(username=username))
        return client

    return sign_in
