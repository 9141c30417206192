"""Sign-up to profile, without a browser: e-mail verification, membership form,
and the abuse checks on the way (duplicates, disposable domains, honeypot, limits)."""

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from civichub.accounts.models import Consent, Profile, User
from civichub.organisations.models import Membership, Organisation
from civichub.organisations.tests.factories import OrganisationFactory, admin_of, municipality
from civichub.taxonomy.models import Theme

from .factories import NewUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "una-password-lunga-2026"


def _sign_up(client, email: str, **extra: str):
    return client.post("/accounts/signup/", {"email": email, "password1": PASSWORD, **extra})


def _confirmation_link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", str(message.body))
    assert found, message.body
    return found.group(1)


def _membership_data(**overrides: object) -> dict[str, object]:
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None
    data: dict[str, object] = {
        "first_name": "Chiara",
        "last_name": "Bellini",
        "actor_kind": "third_sector",
        "organisation_choice": "none",
        "municipality": municipality().pk,
        "themes": [theme.pk],
        "participation": ["working_areas", "codesign"],
        "visibility": "public",
        "accept_terms": "on",
        "accept_privacy": "on",
        "newsletter": "on",
    }
    data.update(overrides)
    return data


def test_journey_from_sign_up_to_visible_profile(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "Chiara.Bellini@Example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get()
    assert user.email == "chiara.bellini@example.org"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chiara.bellini@example.org"]
    link = _confirmation_link(message)

    # Not signed in until the address is confirmed.
    assert client.get("/accounts/impostazioni/").status_code == 302
    page = client.get(link)
    assert page.status_code == 200
    assert "Conferma l'indirizzo e-mail" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/adesione/"
    assert EmailAddress.objects.get(user=user).verified

    # Until the form is done, the hub's pages lead to it.
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"].startswith("/accounts/adesione/?next=")
    form_page = client.get("/accounts/adesione/")
    assert form_page.status_code == 200
    assert "Modulo di adesione" in form_page.content.decode()

    response = client.post("/accounts/adesione/", _membership_data(), REMOTE_ADDR="192.0.2.10")
    user.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/persone/{user.public_id}/"
    assert user.joined_at is not None
    assert (user.first_name, user.last_name) == ("Chiara", "Bellini")
    profile = Profile.objects.get(user=user)
    assert profile.actor_kind == "third_sector"
    assert profile.participation == ["working_areas", "codesign"]
    assert profile.themes.count() == 1
    consents = {c.kind: c for c in Consent.objects.filter(user=user)}
    assert set(consents) == {"terms", "privacy", "newsletter"}
    assert consents["terms"].version == "2026-11"
    assert consents["terms"].ip_address == "192.0.2.10"

    client.logout()
    profile_page = client.get(f"/persone/{user.public_id}/")
    assert profile_page.status_code == 200
    assert "Chiara Bellini" in profile_page.content.decode()
    assert client.get("/").status_code == 200


def test_membership_form_requires_terms_and_privacy(client):
    user = NewUserFactory.create()
    client.force_login(user)
    data = _membership_data()
    del data["accept_terms"], data["accept_privacy"]

    response = client.post("/accounts/adesione/", data)

    assert response.status_code == 200
    assert "Ci sono errori nel modulo" in response.content.decode()
    user.refresh_from_db()
    assert user.joined_at is None
    assert not Consent.objects.filter(user=user).exists()


def test_membership_form_joins_existing_organisation_as_request(
    client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    user = NewUserFactory.create()
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/adesione/",
            _membership_data(organisation_choice="existing", organisation=organisation.pk),
        )

    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.status == Membership.Status.PENDING
    assert any(admin.email in message.to for message in mail.outbox)


def test_membership_form_creates_new_organisation_with_person_as_admin(client):
    user = NewUserFactory.create()
    client.force_login(user)

    response = client.post(
        "/accounts/adesione/",
        _membership_data(
            organisation_choice="new",
            new_organisation_name="Rete dei Quartieri Solidali",
            new_organisation_kind="ets",
            new_organisation_runts_section="aps",
        ),
    )

    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Rete dei Quartieri Solidali")
    membership = Membership.objects.get(user=user, organisation=organisation)
    assert (membership.role, membership.status) == ("admin", "active")


def test_new_organisation_errors_show_on_their_fields_and_save_nothing(client):
    user = NewUserFactory.create()
    client.force_login(user)

    response = client.post(
        "/accounts/adesione/",
        _membership_data(
            organisation_choice="new",
            new_organisation_name="Comune di Esempio",
            new_organisation_kind="pa",
        ),
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "codice IPA" in content
    user.refresh_from_db()
    assert user.joined_at is None
    assert not Organisation.objects.filter(name="Comune di Esempio").exists()


def test_invalid_confirmation_link_explains_and_verifies_nothing(client):
    response = client.get("/accounts/confirm-email/chiave-inventata/")

    assert response.status_code == 200
    assert "scaduto o non è valido" in response.content.decode()
    assert client.post("/accounts/confirm-email/chiave-inventata/").status_code == 404


def test_expired_confirmation_link_is_refused(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, "ritardo@example.org")
    link = _confirmation_link(mail.outbox[0])

    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        page = client.get(link)
        confirmation = client.post(link)

    assert page.status_code == 200
    assert "scaduto o non è valido" in page.content.decode()
    assert confirmation.status_code == 404
    assert not EmailAddress.objects.get(email="ritardo@example.org").verified


def test_duplicate_email_in_other_case_creates_nothing_and_tells_the_owner(
    client, django_capture_on_commit_callbacks
):
    existing = UserFactory.create(email="mario.rossi@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "Mario.ROSSI@example.org")

    # The same answer as for a new address: nobody learns who is signed up.
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(email__iexact="mario.rossi@example.org").count() == 1
    assert [m.to for m in mail.outbox] == [[existing.email]]
    assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("email", ["qualcuno@mailinator.com", "qualcuno@sub.yopmail.com"])
def test_disposable_domains_are_refused_with_a_clear_message(client, email):
    response = _sign_up(client, email)

    assert response.status_code == 200
    assert "indirizzi e-mail temporanei non sono accettati" in response.content.decode()
    assert not User.objects.exists()


def test_honeypot_filled_in_looks_like_success_but_creates_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _sign_up(client, "bot@example.org", sito_web="https://spam.example")

    assert response.status_code == 302
    assert not User.objects.exists()
    assert mail.outbox == []


def test_sign_up_rate_limit_gives_the_designed_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    for number in range(2):
        assert _sign_up(client, f"persona{number}@example.org").status_code == 302

    response = _sign_up(client, "persona-in-piu@example.org")

    assert response.status_code == 429
    content = response.content.decode()
    assert "Troppi tentativi" in content
    assert "it-header-wrapper" in content
    assert not User.objects.filter(email="persona-in-piu@example.org").exists()


def test_login_rate_limit_gives_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    user = UserFactory.create()
    for _attempt in range(2):
        client.post("/accounts/login/", {"login": user.email, "password": "sbagliata"})

    response = client.post("/accounts/login/", {"login": user.email, "password": "sbagliata"})

    assert response.status_code == 429
    assert "Troppi tentativi" in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client):
    user = UserFactory.create()
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "sbagliata"})

    response = client.post(
        "/accounts/login/", {"login": user.email, "password": "password-di-prova-123"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_password_reset_rate_limit_gives_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/h/ip"}
    client.post("/accounts/password/reset/", {"email": "qualcuno@example.org"})

    response = client.post("/accounts/password/reset/", {"email": "altro@example.org"})

    assert response.status_code == 429
