"""notify, coalescing, e-mail by preference, fan-out to followers, follow."""

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from civichub.accounts.models import NotificationPreference, QueuedNotification, User
from civichub.accounts.notifications import notification_digests_send
from civichub.accounts.tests.factories import NewUserFactory, UserFactory
from civichub.experiences.tests.factories import DraftFactory, ExperienceFactory

from .. import services
from ..models import Follow, Notification, UnreadCounter
from ..selectors import followers, is_following, unread_count

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the on-commit callbacks (mail and tasks) of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _notify(users, **kwargs):
    defaults = {"kind": "mentions", "text": "Ti hanno citato.", "url": "/esperienze/"}
    return services.notify(users=users, **{**defaults, **kwargs})


def test_notify_creates_a_row_and_counts_it(committed):
    person = UserFactory.create()
    with committed():
        told = _notify([person], group_key="thread:1")
    row = Notification.objects.get()
    assert told == 1
    assert (row.recipient, row.kind, row.count, row.text) == (
        person,
        "mentions",
        1,
        "Ti hanno citato.",
    )
    assert unread_count(person) == 1
    # "mentions" is immediate by default: one e-mail, with the one-click headers.
    [message] = mail.outbox
    assert message.to == [person.email]
    assert "Ti hanno citato." in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert "/notifiche/disiscrivi/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_never_the_actor_nor_inactive_or_erased_people(committed):
    actor, active = UserFactory.create(), UserFactory.create()
    inactive = UserFactory.create(is_active=False)
    erased = UserFactory.create(erased_at=timezone.now())
    with committed():
        told = _notify([actor, active, inactive, erased, active], actor=actor)
    assert told == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [active.pk]
    assert [message.to for message in mail.outbox] == [[active.email]]


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown notification kind"):
        _notify([UserFactory.create()], kind="nessuno")


def test_each_person_reads_the_text_in_their_language(committed):
    italian, english = UserFactory.create(language="it"), UserFactory.create(language="en")
    with committed():
        _notify([italian, english], text=lambda language: f"testo-{language}")
    texts = dict(Notification.objects.values_list("recipient", "text"))
    assert texts == {italian.pk: "testo-it", english.pk: "testo-en"}
    lazy = gettext_lazy("Notifiche")
    with committed():
        _notify([english], text=lazy, group_key="lazy")
    with translation.override("en"):
        expected = str(lazy)
    assert Notification.objects.get(group_key="lazy").text == expected


def test_same_group_folds_into_the_unread_row_and_mails_once_an_hour(committed):
    person = UserFactory.create()
    with time_machine.travel(NOW, tick=False), committed():
        _notify([person], text="Una risposta in «Orti urbani».", group_key="thread:7")
    with time_machine.travel(NOW + datetime.timedelta(minutes=30), tick=False), committed():
        _notify([person], text="2 risposte in «Orti urbani».", group_key="thread:7")
    row = Notification.objects.get()
    assert (row.count, row.text) == (2, "2 risposte in «Orti urbani».")
    assert row.updated_at == NOW + datetime.timedelta(minutes=30)
    assert unread_count(person) == 1
    assert len(mail.outbox) == 1  # no second e-mail within the hour
    with time_machine.travel(NOW + datetime.timedelta(minutes=91), tick=False), committed():
        _notify([person], text="3 risposte in «Orti urbani».", group_key="thread:7")
    assert Notification.objects.get().count == 3
    assert len(mail.outbox) == 2
    # Once read, the next event of the group starts a new row (and mails again).
    services.notifications_mark_read(user=person)
    with time_machine.travel(NOW + datetime.timedelta(minutes=95), tick=False), committed():
        _notify([person], group_key="thread:7")
    assert Notification.objects.count() == 2
    assert unread_count(person) == 1
    assert len(mail.outbox) == 3


def test_preference_never_keeps_the_row_without_mail(committed):
    person = UserFactory.create()
    NotificationPreference.objects.create(user=person, kind="mentions", frequency="never")
    with committed():
        _notify([person])
    assert Notification.objects.count() == 1
    assert mail.outbox == []
    assert not QueuedNotification.objects.exists()


def test_daily_preference_queues_for_the_digest_grouped(committed):
    person = UserFactory.create()
    NotificationPreference.objects.create(user=person, kind="mentions", frequency="daily")
    with committed():
        _notify([person], text="Prima risposta.", group_key="thread:3")
        _notify([person], text="Seconda risposta.", group_key="thread:3")
        _notify([person], text="Altro avviso.", group_key="")
    assert mail.outbox == []
    assert list(QueuedNotification.objects.values_list("group_key", flat=True)) == [
        "thread:3",
        "thread:3",
        "",
    ]
    with committed():
        assert notification_digests_send(frequency="daily") == 1
    [digest] = mail.outbox
    assert "Seconda risposta." in digest.body
    assert "Prima risposta." not in digest.body  # the group shows its latest item
    assert "(2 aggiornamenti)" in digest.body
    assert "Altro avviso." in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not QueuedNotification.objects.exists()


def test_custom_email_template_gets_the_context(committed):
    person = UserFactory.create()
    experience = ExperienceFactory.create()
    with committed():
        _notify(
            [person],
            kind="replies",
            email_template="experiences/email/experience_approved",
            context={
                "experience": experience,
                "experience_url": "https://x.example/e/",
                "comment": "",
            },
        )
    [message] = mail.outbox
    assert experience.title in f"{message.subject} {message.body}"


def test_mark_read_one_and_all():
    person = UserFactory.create()
    _notify([person], group_key="a")
    _notify([person], group_key="b")
    _notify([person], group_key="c")
    first = Notification.objects.order_by("pk")[0]
    other = UserFactory.create()
    assert services.notifications_mark_read(user=other, ids=[first.pk]) == 0  # not theirs
    assert services.notifications_mark_read(user=person, ids=[first.pk]) == 1
    assert services.notifications_mark_read(user=person, ids=[first.pk]) == 0  # twice
    assert unread_count(person) == 2
    assert services.notifications_mark_read(user=person) == 2
    assert unread_count(person) == 0
    assert services.unread_counter_refresh(user=person) == 0


# --- follows and fan-out -------------------------------------------------------------------


def test_follow_and_unfollow():
    person = UserFactory.create()
    experience = ExperienceFactory.create()
    services.follow(user=person, target=experience)
    services.follow(user=person, target=experience)  # twice: one row
    assert Follow.objects.count() == 1
    assert is_following(person, experience)
    assert list(followers(experience)) == [person]
    services.unfollow(user=person, target=experience)
    assert not is_following(person, experience)


@pytest.mark.parametrize(
    "who",
    ["anonymous", "inactive"],
)
def test_only_members_follow(who):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who == "anonymous" else UserFactory.create(is_active=False)
    with pytest.raises(PermissionDenied):
        services.follow(user=user, target=ExperienceFactory.create())


def test_nobody_follows_what_they_cannot_see_or_is_not_followable():
    person = UserFactory.create()
    with pytest.raises(PermissionDenied):
        services.follow(user=person, target=DraftFactory.create())
    with pytest.raises(PermissionDenied):
        services.follow(user=person, target=person)  # oneself
    with pytest.raises(PermissionDenied):
        services.follow(user=person, target=NotificationPreference(pk=1, user=person))
    assert not Follow.objects.exists()


def test_notify_followers_costs_the_request_one_enqueue(monkeypatch, committed):
    from .. import tasks

    calls = []

    class FakeTask:
        def enqueue(self, **kwargs):
            calls.append(kwargs)

    monkeypatch.setattr(tasks, "fan_out", FakeTask())
    experience = ExperienceFactory.create()
    for _n in range(3):
        services.follow(user=UserFactory.create(), target=experience)
    with committed():
        services.notify_followers(
            target=experience,
            kind="follows",
            text=lambda language: f"aggiornata-{language}",
            url=experience.get_absolute_url(),
            context={"experience": experience},
            exclude=[experience.author],
        )
    assert len(calls) == 1
    assert calls[0]["texts"] == {"it": "aggiornata-it", "en": "aggiornata-en"}
    assert calls[0]["context"] == {
        "experience": {"__model__": "experiences.experience", "pk": experience.pk}
    }
    assert calls[0]["exclude_ids"] == [experience.author_id]
    assert not Notification.objects.exists()


def test_fan_out_reaches_followers_but_not_the_actor_nor_excluded(committed):
    experience = ExperienceFactory.create()
    actor, excluded, follower, gone = UserFactory.create_batch(4)
    for person in (actor, excluded, follower, gone):
        services.follow(user=person, target=experience)
    User.objects.filter(pk=gone.pk).update(is_active=False)
    with committed():
        services.notify_followers(
            target=experience,
            kind="follows",
            text="Aggiornata.",
            url="/esperienze/x/",
            actor=actor,
            exclude=[excluded.pk],
            group_key=f"experience:{experience.pk}",
        )
    assert list(Notification.objects.values_list("recipient", flat=True)) == [follower.pk]
    row = Notification.objects.get()
    assert row.target == experience
    assert row.actor == actor


def test_fan_out_to_ten_thousand_followers_in_bounded_queries(django_assert_max_num_queries):
    experience = ExperienceFactory.create()
    content_type = ContentType.objects.get_for_model(experience)
    User.objects.bulk_create(
        [User(email=f"seguace{n}@example.org", joined_at=timezone.now()) for n in range(10_000)],
        batch_size=2000,
    )
    people = list(User.objects.filter(email__startswith="seguace").values_list("pk", flat=True))
    Follow.objects.bulk_create(
        [Follow(user_id=pk, content_type=content_type, object_id=experience.pk) for pk in people],
        batch_size=2000,
    )
    # 20 batches of 500, each a constant number of queries: follows, unread rows of the
    # group, preferences, hub name, bulk inserts of notifications, counters and digest
    # queue, the counters' update, savepoints. SQLite splits a bulk insert by its 999
    # parameters (7 + 4 + 2 inserts per batch, about 20 queries); PostgreSQL needs one.
    with django_assert_max_num_queries(20 * 22 + 10):
        told = services.followers_notify(
            content_type_id=content_type.pk,
            object_id=experience.pk,
            kind="follows",
            texts={"it": "Aggiornata.", "en": "Updated."},
            url=experience.get_absolute_url(),
            group_key=f"experience:{experience.pk}",
        )
    assert told == 10_000
    assert Notification.objects.count() == 10_000
    assert UnreadCounter.objects.filter(unread=1).count() == 10_000
    # "follows" is daily by default: queued for the digest, not mailed.
    assert QueuedNotification.objects.count() == 10_000
    # A second update folds into the same rows.
    services.followers_notify(
        content_type_id=content_type.pk,
        object_id=experience.pk,
        kind="follows",
        texts={"it": "Aggiornata di nuovo."},
        url=experience.get_absolute_url(),
        group_key=f"experience:{experience.pk}",
    )
    assert Notification.objects.count() == 10_000
    assert set(Notification.objects.values_list("count", flat=True)) == {2}
    assert UnreadCounter.objects.filter(unread=1).count() == 10_000


def test_not_joined_people_may_follow_too_as_members():
    # Members (signed in, active) may follow, as experiences allowed before.
    person = NewUserFactory.create()
    services.follow(user=person, target=ExperienceFactory.create())
    assert Follow.objects.count() == 1


def test_experience_updates_reach_its_followers(committed):
    from civichub.experiences.services import experience_update

    experience = ExperienceFactory.create()
    follower = UserFactory.create()
    services.follow(user=follower, target=experience)
    services.follow(user=experience.author, target=experience)
    for summary in ("Nuovo riassunto del percorso.", "Riassunto rivisto ancora."):
        with committed():
            experience_update(
                experience=experience, actor=experience.author, data={"summary": summary}
            )
    row = Notification.objects.get()
    assert row.recipient == follower  # not the author who edited it
    assert row.kind == "follows"
    assert row.count == 2  # both updates folded into one line
    assert experience.title in row.text
    assert row.url == experience.get_absolute_url()
