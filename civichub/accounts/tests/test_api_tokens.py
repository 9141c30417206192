"""API tokens from the account settings, and /api/v1/me."""

import re

import pytest
from wagtail.models import APIToken

from .conftest import PASSWORD, sign_in
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def _create_token(client, name: str = "Cruscotto") -> str:
    """Create a token through the page, confirming the password when asked."""
    response = client.post("/accounts/impostazioni/token/", {"name": name})
    if response.status_code == 302:
        response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    found = re.search(r'<code class="accounts-secret">([^<]+)</code>', response.content.decode())
    assert found, response.content.decode()[:3000]
    return found.group(1)


def test_me_needs_a_token(client):
    assert client.get("/api/v1/me").status_code == 401
    assert (
        client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer wagtail_inventato").status_code == 401
    )


def test_session_alone_does_not_open_the_api(client):
    client.force_login(UserFactory.create())

    assert client.get("/api/v1/me").status_code == 401


def test_token_is_shown_once_stored_hashed_used_and_revoked(client):
    user = UserFactory.create(first_name="Sara", last_name="Fontana")
    sign_in(client, user)

    secret = _create_token(client)

    token = APIToken.objects.get(user=user)
    assert token.name == "Cruscotto"
    assert secret not in token.key_hash
    assert secret.startswith(token.prefix)
    listing = client.get("/accounts/impostazioni/token/").content.decode()
    assert "Cruscotto" in listing
    assert secret not in listing

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == user.public_id
    assert (body["email"], body["first_name"], body["role"]) == (user.email, "Sara", "participant")
    assert body["profile_url"].endswith(f"/persone/{user.public_id}/")
    token.refresh_from_db()
    assert token.last_used_at is not None

    assert client.post(f"/accounts/impostazioni/token/{token.pk}/revoca/").status_code == 302
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert "Non hai token attivi." in client.get("/accounts/impostazioni/token/").content.decode()


def test_creating_a_token_asks_to_confirm_identity(client):
    user = UserFactory.create()
    client.force_login(user)

    response = client.post("/accounts/impostazioni/token/", {"name": "Script"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert not APIToken.objects.filter(user=user).exists()


def test_nobody_else_can_revoke_a_token(client):
    owner = UserFactory.create()
    token, _secret = APIToken.create_token(user=owner, name="Mio")
    client.force_login(UserFactory.create())

    assert client.post(f"/accounts/impostazioni/token/{token.pk}/revoca/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_of_an_inactive_person_is_refused(client):
    owner = UserFactory.create(is_active=False)
    _token, secret = APIToken.create_token(user=owner, name="Vecchio")

    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
