import pytest
from django.core.cache import cache
from django.test import Client

from civichub.accounts.models import User

PASSWORD = "password-di-prova-123"


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    # allauth counts attempts in the cache, which outlives each test's database.
    cache.clear()


def sign_in(client: Client, user: User, password: str = PASSWORD) -> None:
    """Sign in through allauth's form, as a person would (records the
    authentication that sensitive pages ask to be recent)."""
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
