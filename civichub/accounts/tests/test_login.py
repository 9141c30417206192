"""Login by e-mail, mandatory verification, two factors, logout, e-mail change."""

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail

from .factories import NewUserFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "password-di-prova-123"


def _current_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_login_with_email_in_any_case(client):
    user = UserFactory.create(email="anna.neri@example.org")

    response = client.post(
        "/accounts/login/", {"login": "Anna.Neri@EXAMPLE.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_before_the_membership_form_leads_to_it(client):
    user = NewUserFactory.create()

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response["Location"] == "/accounts/adesione/"


def test_unverified_address_cannot_sign_in(client):
    user = UserFactory.create(verified_email=False)

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_wrong_password_gives_a_form_error(client):
    user = UserFactory.create()

    response = client.post("/accounts/login/", {"login": user.email, "password": "sbagliata"})

    assert response.status_code == 200
    assert "Ci sono errori nel modulo" in response.content.decode()


def test_login_with_totp_asks_for_the_code(client):
    user = UserFactory.create()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    page = client.get("/accounts/2fa/authenticate/")
    assert "Verifica in due passaggi" in page.content.decode()

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post("/accounts/2fa/authenticate/", {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_logout_needs_a_post(client):
    user = UserFactory.create()
    client.force_login(user)

    page = client.get("/accounts/logout/")
    assert page.status_code == 200
    assert "_auth_user_id" in client.session

    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_header_shows_login_and_sign_up_to_visitors(client):
    content = client.get("/").content.decode()

    assert 'href="/accounts/login/"' in content
    assert 'href="/accounts/signup/"' in content


def test_header_menu_for_members_has_profile_settings_and_logout_form(client):
    user = UserFactory.create()
    client.force_login(user)

    content = client.get("/").content.decode()

    assert 'id="user-menu-toggle"' in content
    assert 'href="/accounts/profilo/"' in content
    assert 'href="/accounts/impostazioni/"' in content
    assert 'action="/accounts/logout/"' in content
    assert "/admin/" not in content


def test_header_menu_for_staff_links_the_back_office(client):

    client.force_login(StaffFactory.create())

    content = client.get("/").content.decode()

    assert 'href="/admin/"' in content
    assert 'href="/accounts/contributori/richieste/"' in content


def test_email_change_takes_effect_once_the_new_address_is_confirmed(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory.create(email="vecchio@example.org")
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/email/", {"action_add": "", "email": "Nuovo@Example.org"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "vecchio@example.org"
    message = mail.outbox[-1]
    assert message.to == ["nuovo@example.org"]
    link = re.search(r"(/accounts/confirm-email/[^/\s]+/)", str(message.body))
    assert link
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link.group(1))
    user.refresh_from_db()
    assert user.email == "nuovo@example.org"


def test_email_change_to_a_disposable_domain_is_refused(client):
    client.force_login(UserFactory.create())

    response = client.post("/accounts/email/", {"action_add": "", "email": "x@mailinator.com"})

    assert response.status_code == 200
    assert "indirizzi e-mail temporanei non sono accettati" in response.content.decode()
