"""Download my data, delete my account, consent history, retention of unverified sign-ups."""

import datetime
import io
import json
import zipfile

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from civichub.accounts.models import Consent, ContributorRequest, Profile, User
from civichub.accounts.registry import ERASERS, register_eraser
from civichub.accounts.services import contributor_request_submit, profile_update
from civichub.accounts.tasks import purge_unverified_accounts
from civichub.organisations.models import Membership
from civichub.organisations.tests.factories import OrganisationFactory, member

from .conftest import PASSWORD, sign_in
from .factories import NewUserFactory, UserFactory, image_upload

pytestmark = pytest.mark.django_db


def test_export_asks_to_confirm_identity_then_gives_a_zip_with_everything(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory.create(first_name="Elena", last_name="Conti")
    profile_update(
        user=user,
        first_name="Elena",
        last_name="Conti",
        values={"bio": "Lavoro in un consorzio di cooperative."},
        themes=[],
        avatar=image_upload(),
    )
    member(OrganisationFactory.create(name="Consorzio Sociale Aurora"), user)
    contributor_request_submit(user=user, requested_by=user, motivation="Vorrei contribuire.")
    sign_in(client, user)

    response = client.post("/accounts/impostazioni/privacy/esporta/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("dati.json"))
    section = data["accounts"]
    assert section["account"]["email"] == user.email
    assert section["profile"]["bio"] == "Lavoro in un consorzio di cooperative."
    assert {c["kind"] for c in section["consents"]} == {"terms", "privacy"}
    assert section["contributor_requests"][0]["motivation"] == "Vorrei contribuire."
    assert section["organisations"][0]["organisation__name"] == "Consorzio Sociale Aurora"
    assert section["email_addresses"] == [{"email": user.email, "verified": True, "primary": True}]
    avatar_files = [name for name in archive.namelist() if name.startswith("file/accounts/")]
    assert len(avatar_files) == 1
    assert archive.read(avatar_files[0])[:3] == b"\xff\xd8\xff"  # re-encoded JPEG


def test_delete_needs_the_password(client):
    user = UserFactory.create()
    client.force_login(user)

    response = client.post("/accounts/impostazioni/privacy/elimina/", {"password": "sbagliata"})

    assert response.status_code == 200
    assert "La password non è corretta." in response.content.decode()
    user.refresh_from_db()
    assert user.erased_at is None


def test_delete_anonymises_keeps_a_tombstone_and_blocks_login(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory.create(first_name="Paolo", last_name="Greco")
    profile_update(
        user=user,
        first_name="Paolo",
        last_name="Greco",
        values={},
        themes=[],
        avatar=image_upload(),
    )
    avatar_path = tmp_path / Profile.objects.get(user=user).avatar.name
    assert avatar_path.exists()
    member(OrganisationFactory.create(), user)
    contributor_request_submit(user=user, requested_by=user, motivation="Vorrei.")
    email, public_id = user.email, user.public_id
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/impostazioni/privacy/elimina/", {"password": PASSWORD})

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.erased_at is not None
    assert not user.is_active
    assert not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("", "")
    assert email not in user.email
    assert str(user) == "Utente cancellato"
    assert not Profile.objects.filter(user=user).exists()
    assert not avatar_path.exists()
    for model in (Consent, ContributorRequest, EmailAddress, Membership):
        assert not model.objects.filter(user=user).exists()
    labels = ModelLogEntry.objects.filter(object_id=str(user.pk)).values_list("label", flat=True)
    assert all("Paolo" not in label for label in labels)
    assert client.get(f"/persone/{public_id}/").status_code == 404
    login = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert login.status_code == 200
    assert "_auth_user_id" not in client.session


def test_registered_erasers_run_with_the_person(client):
    seen = []
    register_eraser("prova", lambda person: seen.append(person.pk))
    user = UserFactory.create()
    client.force_login(user)
    try:
        client.post("/accounts/impostazioni/privacy/elimina/", {"password": PASSWORD})
    finally:
        ERASERS.pop("prova")

    assert seen == [user.pk]


def test_consent_history_and_newsletter_withdrawal(client):
    user = UserFactory.create()
    client.force_login(user)

    client.post("/accounts/impostazioni/notifiche/", {"newsletter": "on", **_frequencies()})
    client.post("/accounts/impostazioni/notifiche/", _frequencies())

    newsletter = list(
        Consent.objects.filter(user=user, kind="newsletter").order_by("created_at", "pk")
    )
    assert [c.given for c in newsletter] == [True, False]
    page = client.get("/accounts/impostazioni/privacy/").content.decode()
    assert "Storico dei consensi" in page
    assert "revocato" in page


def _frequencies() -> dict[str, str]:
    """Every registered kind (other apps add theirs) at its default."""
    from civichub.accounts.registry import NOTIFICATION_KINDS

    return {f"kind_{key}": kind.default for key, kind in NOTIFICATION_KINDS.items()}


def _unverified_sign_up(email: str) -> User:
    user = NewUserFactory.create(email=email, verified_email=False)
    EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    return user


def test_purge_removes_only_old_never_verified_sign_ups(settings):
    settings.ACCOUNTS_UNVERIFIED_RETENTION_DAYS = 30
    now = timezone.now()
    with time_machine.travel(now - datetime.timedelta(days=31)):
        stale = _unverified_sign_up("dimenticato@example.org")
        verified = UserFactory.create()
        created_by_staff = NewUserFactory.create(verified_email=False)
    recent = _unverified_sign_up("recente@example.org")

    purge_unverified_accounts.enqueue()

    remaining = set(User.objects.values_list("pk", flat=True))
    assert stale.pk not in remaining
    assert {verified.pk, created_by_staff.pk, recent.pk} <= remaining


def test_purge_command_reports_how_many(settings):
    settings.ACCOUNTS_UNVERIFIED_RETENTION_DAYS = 10
    with time_machine.travel(timezone.now() - datetime.timedelta(days=11)):
        _unverified_sign_up("vecchio@example.org")
    out = io.StringIO()

    call_command("purge_unverified_accounts", stdout=out)

    assert "1" in out.getvalue()
    assert not User.objects.filter(email="vecchio@example.org").exists()
