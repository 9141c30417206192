"""Language, notification preferences and digests."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from civichub.accounts.models import NotificationPreference, QueuedNotification
from civichub.accounts.notifications import notify
from civichub.accounts.services import notification_preferences_update

from .factories import PromoterFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_language_sets_cookie_and_preference(client, settings):
    user = UserFactory.create()
    client.force_login(user)

    response = client.post("/accounts/impostazioni/lingua/", {"language": "en"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.language == "en"
    assert '<html lang="en">' in client.get("/accounts/impostazioni/lingua/").content.decode()


def test_mail_goes_out_in_the_recipient_language():
    user = UserFactory.create(language="en")
    with mock.patch("civichub.accounts.notifications.send_templated_mail") as send:
        notify(
            user=user,
            kind="account",
            template="accounts/email/role_changed",
            context={"change": None},
        )

    assert send.call_args.kwargs["language"] == "en"


def test_allauth_mail_is_rendered_in_the_recipient_language(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory.create(language="en")
    with (
        django_capture_on_commit_callbacks(execute=True),
        mock.patch("civichub.accounts.adapter.translation.override") as override,
    ):
        client.post("/accounts/password/reset/", {"email": user.email})

    override.assert_called_with("en")
    assert mail.outbox[-1].to == [user.email]


def test_notification_page_lists_kinds_for_the_person(client):
    client.force_login(UserFactory.create())
    participant_page = client.get("/accounts/impostazioni/notifiche/").content.decode()
    client.force_login(PromoterFactory.create())
    promoter_page = client.get("/accounts/impostazioni/notifiche/").content.decode()

    assert "Il tuo account e il tuo ruolo" in participant_page
    assert "Richieste da esaminare" not in participant_page
    assert "Richieste da esaminare" in promoter_page


def test_never_sends_nothing_and_daily_waits_for_the_digest(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory.create()
    client.force_login(user)
    # Every kind other apps register is on the form too: keep them at their default.
    from civichub.accounts.registry import NOTIFICATION_KINDS

    defaults = {f"kind_{key}": kind.default for key, kind in NOTIFICATION_KINDS.items()}
    client.post(
        "/accounts/impostazioni/notifiche/",
        {**defaults, "kind_account": "never", "kind_organisations": "daily"},
    )
    assert NotificationPreference.objects.get(user=user, kind="account").frequency == "never"
    assert NotificationPreference.objects.get(user=user, kind="organisations").frequency == "daily"

    with django_capture_on_commit_callbacks(execute=True):
        notify(user=user, kind="account", template="accounts/email/role_changed", context={})
        for _number in range(2):
            notify(
                user=user,
                kind="organisations",
                template="accounts/email/role_changed",
                context={},
            )
    assert mail.outbox == []
    assert QueuedNotification.objects.filter(user=user).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notification_digests", frequency="daily", stdout=mock.Mock())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert mail.outbox[0].body.count("il tuo ruolo nell'hub") == 2
    assert not QueuedNotification.objects.exists()


def test_kinds_not_meant_for_the_person_are_refused():
    with pytest.raises(ValidationError):
        notification_preferences_update(
            user=UserFactory.create(), frequencies={"moderation": "never"}
        )
