"""The membership form gate, and the OpenID Connect button driven by settings."""

import pytest

from .factories import NewUserFactory, StaffFactory

pytestmark = pytest.mark.django_db

OIDC = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "spid-cie",
                "name": "SPID o CIE",
                "client_id": "civichub",
                "secret": "segreto",
                "settings": {"server_url": "https://proxy.example.it"},
            }
        ]
    }
}


def test_gate_keeps_account_pages_api_and_language_reachable(client):
    client.force_login(NewUserFactory.create())

    assert client.get("/").status_code == 302
    assert client.get("/accounts/email/").status_code == 200
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/lingua/en/").status_code == 302
    assert client.get("/lingua/en/")["Location"] == "/"
    assert client.post("/accounts/logout/").status_code == 302


def test_gate_lets_htmx_requests_and_staff_through(client):
    client.force_login(NewUserFactory.create())
    assert client.get("/", HTTP_HX_REQUEST="true").status_code == 200

    client.force_login(StaffFactory.create(joined_at=None))
    assert client.get("/").status_code == 200


def test_no_login_provider_means_no_button(client):
    content = client.get("/accounts/login/").content.decode()

    assert "Oppure entra con" not in content


def test_configured_provider_shows_a_post_button(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = OIDC

    content = client.get("/accounts/login/").content.decode()

    assert "Oppure entra con" in content
    assert 'action="/accounts/oidc/spid-cie/login/?process=login"' in content
    assert "SPID o CIE" in content
