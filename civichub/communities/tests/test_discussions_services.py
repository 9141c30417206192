"""services.discussions: threads, replies, edits with history, mentions, useful marks,
accepted answers, pin / lock / move, screening and announcements."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from civichub.accounts.tests.factories import PromoterFactory, UserFactory
from civichub.moderation.models import ContentState, ModerationSettings, Suspension
from civichub.moderation.services import content_approve
from civichub.notifications.models import Follow, Notification
from civichub.notifications.services import follow

from ..models import Area, Category, Mention, PostRevision, Reply, Thread, UsefulReaction
from ..services import discussions as services
from .factories import AreaFactory, PrivateAreaFactory, facilitator, member
from .factories_discussions import ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def person(first: str = "Giulia", last: str = "Ferri") -> Any:
    return UserFactory.create(first_name=first, last_name=last)


@pytest.fixture
def area() -> Area:
    return AreaFactory.create(name="Beni comuni", slug="beni-comuni")


def open_thread(area: Area, author: Any, **kwargs: Any) -> Thread:
    values = {
        "title": "Come si scrive un patto di collaborazione?",
        "body": "<p>Cerchiamo un modello di patto per un giardino condiviso.</p>",
        "category": Category.QUESTION,
    }
    values.update(kwargs)
    return services.thread_create(area=area, author=author, **values)


def notifications(user: Any, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


# --- thread_create ---------------------------------------------------------------------------


def test_thread_create_counts_sanitises_and_follows(area, django_capture_on_commit_callbacks):
    author = member(area)
    with django_capture_on_commit_callbacks(execute=True):
        thread = open_thread(
            area,
            author,
            body='<p onclick="x()">Ciao <script>alert(1)</script><strong>a tutti</strong></p>',
            tags=["Patti", "giardini", "patti"],
        )
    assert thread.moderation_state == ContentState.VISIBLE
    assert "script" not in thread.body
    assert "onclick" not in thread.body
    assert "<strong>a tutti</strong>" in thread.body
    assert thread.slug == "come-si-scrive-un-patto-di-collaborazione"
    assert sorted(tag.name for tag in thread.tags.all()) == ["giardini", "patti"]
    area.refresh_from_db()
    assert area.threads_count == 1
    assert area.last_activity_at is not None
    assert Follow.objects.filter(user=author, object_id=thread.pk).exists()


def test_thread_create_tells_area_followers_once_visible(area, django_capture_on_commit_callbacks):
    author, follower = member(area), member(area)
    follow(user=follower, target=area)
    with django_capture_on_commit_callbacks(execute=True):
        thread = open_thread(area, author)
    [notice] = notifications(follower, "areas")
    assert notice.group_key == f"area:{area.pk}"
    assert notice.url == thread.get_absolute_url()
    assert notifications(author, "areas") == []


@pytest.mark.parametrize(
    ("field", "values", "message"),
    [
        ("title", {"title": "   "}, "titolo"),
        ("title", {"title": "x" * 161}, "al massimo"),
        ("body", {"body": "<p>  </p><script>ciao</script>"}, "Scrivi il testo"),
        ("body", {"body": "x" * 20_001}, "al massimo"),
        ("category", {"category": "chiacchiere"}, "categoria"),
        ("tags", {"tags": ["a", "b", "c", "d", "e", "f"]}, "etichette"),
    ],
)
def test_thread_create_refuses_bad_input(area, field, values, message):
    author = member(area)
    with pytest.raises(ValidationError) as error:
        open_thread(area, author, **values)
    assert message in " ".join(error.value.message_dict[field])
    assert not Thread.objects.exists()
    area.refresh_from_db()
    assert area.threads_count == 0


def test_thread_create_needs_membership(area):
    with pytest.raises(PermissionDenied):
        open_thread(area, UserFactory.create())
    assert not Thread.objects.exists()


def test_thread_create_refused_to_suspended_people(area):
    author = member(area)
    Suspension.objects.create(user=author, reason="Spam", created_by=PromoterFactory.create())
    with pytest.raises((ValidationError, PermissionDenied)):
        open_thread(area, author)
    assert not Thread.objects.exists()


def test_thread_create_same_request_key_returns_the_first(area):
    author = member(area)
    first = open_thread(area, author, request_key="chiave-1")
    again = open_thread(area, author, request_key="chiave-1", title="Un altro titolo qualsiasi")
    assert again.pk == first.pk
    assert Thread.objects.count() == 1
    area.refresh_from_db()
    assert area.threads_count == 1


def test_held_thread_is_counted_and_announced_on_approval(area, django_capture_on_commit_callbacks):
    config = ModerationSettings.load()
    config.hold_first_posts = 1
    config.save()
    author, follower, named = member(area), member(area), member(area, person("Marco", "Neri"))
    follow(user=follower, target=area)
    with django_capture_on_commit_callbacks(execute=True):
        thread = open_thread(area, author, body="<p>Che ne pensi @Marco Neri?</p>")
    assert thread.moderation_state == ContentState.HELD
    area.refresh_from_db()
    assert area.threads_count == 0
    assert notifications(follower, "areas") == []
    assert notifications(named, "mentions") == []
    with django_capture_on_commit_callbacks(execute=True):
        content_approve(target=thread, actor=PromoterFactory.create())
    area.refresh_from_db()
    assert area.threads_count == 1
    assert len(notifications(follower, "areas")) == 1
    assert len(notifications(named, "mentions")) == 1


# --- mentions ----------------------------------------------------------------------------------


def test_mentions_by_name_and_public_id_told_once(area, django_capture_on_commit_callbacks):
    author = member(area)
    anna = member(area, person("Anna", "De Luca"))
    luca = person("Luca", "Bianchi")  # not in the area, but a public area: may read it
    with django_capture_on_commit_callbacks(execute=True):
        thread = open_thread(
            area,
            author,
            body=f"<p>@Anna De Luca e @{luca.public_id}, e ancora @Anna De Luca.</p>",
        )
    assert set(Mention.objects.filter(thread=thread).values_list("user_id", flat=True)) == {
        anna.pk,
        luca.pk,
    }
    assert len(notifications(anna, "mentions")) == 1
    assert len(notifications(luca, "mentions")) == 1


def test_mentions_skip_people_who_cannot_read_the_area(django_capture_on_commit_callbacks):
    private = PrivateAreaFactory.create()
    author = member(private)
    outsider = person("Paolo", "Verdi")
    with django_capture_on_commit_callbacks(execute=True):
        open_thread(private, author, body=f"<p>Ciao @{outsider.public_id}</p>")
    assert notifications(outsider, "mentions") == []


def test_edit_does_not_tell_mentioned_people(area, django_capture_on_commit_callbacks):
    author = member(area)
    anna = member(area, person("Anna", "Rossi"))
    marco = member(area, person("Marco", "Galli"))
    with django_capture_on_commit_callbacks(execute=True):
        thread = open_thread(area, author, body="<p>Ciao @Anna Rossi</p>")
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_update(
            thread=thread,
            actor=author,
            title=thread.title,
            body="<p>Ciao @Anna Rossi e @Marco Galli</p>",
        )
    assert len(notifications(anna, "mentions")) == 1
    assert notifications(marco, "mentions") == []
    # Marco's mention is linked all the same.
    assert Mention.objects.filter(thread=thread, user=marco).exists()


# --- replies ---------------------------------------------------------------------------------


def test_reply_create_counts_follows_and_tells(area, django_capture_on_commit_callbacks):
    author, replier, follower = member(area), member(area), member(area)
    thread = ThreadFactory.create(area=area, author=author)
    follow(user=follower, target=thread)
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_create(thread=thread, author=replier, body="<p>Ecco il nostro.</p>")
    thread.refresh_from_db()
    assert thread.replies_count == 1
    assert thread.last_reply_at == reply.created_at
    assert thread.last_reply_by == replier
    assert Follow.objects.filter(user=replier, object_id=thread.pk).exists()
    assert [n.kind for n in Notification.objects.filter(recipient=author)] == ["replies"]
    [notice] = notifications(follower, "threads")
    assert notice.group_key == f"thread:{thread.pk}"
    assert f"/risposte/{reply.pk}/" in notice.url


def test_many_replies_make_one_unread_notification_per_follower(
    area, django_capture_on_commit_callbacks
):
    follower = member(area)
    thread = ThreadFactory.create(area=area)
    follow(user=follower, target=thread)
    repliers = [member(area) for _ in range(3)]
    for replier in repliers:
        with django_capture_on_commit_callbacks(execute=True):
            services.reply_create(thread=thread, author=replier, body="<p>D'accordo.</p>")
    [notice] = notifications(follower, "threads")
    assert notice.count == 3


def test_reply_refused_on_locked_thread(area):
    replier = member(area)
    thread = ThreadFactory.create(area=area)
    services.thread_lock(thread=thread, actor=facilitator(area))
    with pytest.raises(ValidationError, match="chiusa"):
        services.reply_create(thread=thread, author=replier, body="<p>Ancora una cosa.</p>")
    assert not Reply.objects.exists()


def test_reply_double_submit_creates_one(area):
    replier = member(area)
    thread = ThreadFactory.create(area=area)
    first = services.reply_create(
        thread=thread, author=replier, body="<p>Uno</p>", request_key="k1"
    )
    again = services.reply_create(
        thread=thread, author=replier, body="<p>Uno</p>", request_key="k1"
    )
    assert again.pk == first.pk
    thread.refresh_from_db()
    assert Reply.objects.count() == 1
    assert thread.replies_count == 1


def test_reply_quoting_another_thread_is_refused(area):
    replier = member(area)
    thread = ThreadFactory.create(area=area)
    elsewhere = ReplyFactory.create()
    with pytest.raises(ValidationError):
        services.reply_create(thread=thread, author=replier, body="<p>x</p>", quoted=elsewhere)


def test_reply_needs_membership(area):
    thread = ThreadFactory.create(area=area)
    with pytest.raises(PermissionDenied):
        services.reply_create(thread=thread, author=UserFactory.create(), body="<p>Ciao</p>")


def test_held_reply_counted_on_approval(area, django_capture_on_commit_callbacks):
    config = ModerationSettings.load()
    config.hold_first_posts = 5
    config.save()
    author = member(area)
    thread = ThreadFactory.create(area=area, author=author)
    replier = member(area)
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_create(thread=thread, author=replier, body="<p>Prima risposta</p>")
    assert reply.moderation_state == ContentState.HELD
    thread.refresh_from_db()
    assert thread.replies_count == 0
    assert notifications(author, "replies") == []
    with django_capture_on_commit_callbacks(execute=True):
        content_approve(target=reply, actor=PromoterFactory.create())
    thread.refresh_from_db()
    assert thread.replies_count == 1
    assert len(notifications(author, "replies")) == 1


# --- edits -------------------------------------------------------------------------------------


def test_thread_update_keeps_a_revision(area):
    author = member(area)
    thread = open_thread(area, author)
    old_title, old_body = thread.title, thread.body
    services.thread_update(
        thread=thread, actor=author, title="Un titolo migliore per la domanda", body="<p>Nuovo</p>"
    )
    [revision] = PostRevision.objects.filter(thread=thread)
    assert (revision.title, revision.body, revision.edited_by) == (old_title, old_body, author)
    thread.refresh_from_db()
    assert thread.title == "Un titolo migliore per la domanda"
    assert thread.edited_at


def test_author_cannot_edit_once_locked_but_facilitator_can(area):
    author = member(area)
    boss = facilitator(area)
    thread = open_thread(area, author)
    services.thread_lock(thread=thread, actor=boss)
    with pytest.raises(PermissionDenied):
        services.thread_update(thread=thread, actor=author, title=thread.title, body="<p>x</p>")
    services.thread_update(thread=thread, actor=boss, title=thread.title, body="<p>Corretto</p>")
    assert PostRevision.objects.filter(thread=thread).count() == 1


def test_reply_update_revision_and_permissions(area):
    author = member(area)
    reply = ReplyFactory.create(thread=ThreadFactory.create(area=area), author=author)
    with pytest.raises(PermissionDenied):
        services.reply_update(reply=reply, actor=member(area), body="<p>Non mia</p>")
    services.reply_update(reply=reply, actor=author, body="<p>Corretta</p>")
    [revision] = PostRevision.objects.filter(reply=reply)
    assert "regolamento" in revision.body
    reply.refresh_from_db()
    assert reply.body == "<p>Corretta</p>"
    assert reply.edited_at


# --- useful, accepted answers -------------------------------------------------------------------


def test_useful_mark_once_and_never_own(area):
    reader = member(area)
    reply = ReplyFactory.create(thread=ThreadFactory.create(area=area))
    services.reply_mark_useful(reply=reply, user=reader)
    services.reply_mark_useful(reply=reply, user=reader)
    reply.refresh_from_db()
    assert reply.useful_count == 1
    assert UsefulReaction.objects.count() == 1
    services.reply_unmark_useful(reply=reply, user=reader)
    services.reply_unmark_useful(reply=reply, user=reader)
    reply.refresh_from_db()
    assert reply.useful_count == 0
    with pytest.raises(ValidationError):
        services.reply_mark_useful(reply=reply, user=reply.author)


def test_useful_refused_to_people_who_cannot_read():
    private = PrivateAreaFactory.create()
    reply = ReplyFactory.create(thread=ThreadFactory.create(area=private))
    with pytest.raises(PermissionDenied):
        services.reply_mark_useful(reply=reply, user=UserFactory.create())


def test_accept_answer_by_question_author_or_facilitator(area, django_capture_on_commit_callbacks):
    author = member(area)
    thread = ThreadFactory.create(area=area, author=author, category=Category.QUESTION)
    reply = ReplyFactory.create(thread=thread)
    with pytest.raises(PermissionDenied):
        services.answer_accept(thread=thread, reply=reply, actor=member(area))
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_accept(thread=thread, reply=reply, actor=author)
    thread.refresh_from_db()
    assert thread.accepted_reply == reply
    assert len(notifications(reply.author, "replies")) == 1
    services.answer_unaccept(thread=thread, actor=facilitator(area))
    thread.refresh_from_db()
    assert thread.accepted_reply is None


def test_accept_only_on_questions_and_own_replies(area):
    author = member(area)
    proposal = ThreadFactory.create(area=area, author=author, category=Category.PROPOSAL)
    with pytest.raises(PermissionDenied):
        services.answer_accept(
            thread=proposal, reply=ReplyFactory.create(thread=proposal), actor=author
        )
    question = ThreadFactory.create(area=area, author=author)
    with pytest.raises(ValidationError):
        services.answer_accept(thread=question, reply=ReplyFactory.create(), actor=author)


# --- pin, lock, move -----------------------------------------------------------------------------


def test_pin_lock_for_facilitators_only(area):
    thread = ThreadFactory.create(area=area)
    with pytest.raises(PermissionDenied):
        services.thread_pin(thread=thread, actor=member(area))
    boss = facilitator(area)
    services.thread_pin(thread=thread, actor=boss)
    services.thread_lock(thread=thread, actor=boss)
    thread.refresh_from_db()
    assert thread.pinned_at
    assert thread.locked_at
    services.thread_unpin(thread=thread, actor=boss)
    services.thread_unlock(thread=thread, actor=boss)
    thread.refresh_from_db()
    assert thread.pinned_at is None
    assert thread.locked_at is None


def test_move_needs_facilitating_both_areas(area):
    other = AreaFactory.create()
    author = member(area)
    thread = open_thread(area, author)
    boss = facilitator(area)
    with pytest.raises(PermissionDenied):
        services.thread_move(thread=thread, actor=boss, area=other)
    facilitator(other, boss)
    boss.__dict__.pop("_area_memberships", None)  # the per-request memo
    services.thread_move(thread=thread, actor=boss, area=other)
    thread.refresh_from_db()
    area.refresh_from_db()
    other.refresh_from_db()
    assert thread.area == other
    assert (area.threads_count, other.threads_count) == (0, 1)
    with pytest.raises(ValidationError):
        services.thread_move(thread=thread, actor=PromoterFactory.create(), area=other)


# --- moderation ------------------------------------------------------------------------------


def test_hiding_and_restoring_posts_moves_the_counters(area):
    from civichub.moderation.services import content_hide, content_remove, content_restore

    promoter = PromoterFactory.create()
    thread = open_thread(area, member(area))
    reply = services.reply_create(thread=thread, author=member(area), body="<p>Ecco il nostro.</p>")
    thread.refresh_from_db()
    assert (thread.replies_count, Area.objects.get(pk=area.pk).threads_count) == (1, 1)

    content_hide(target=reply, actor=promoter, reason="Dati personali di terzi.")
    thread.refresh_from_db()
    assert thread.replies_count == 0
    content_restore(target=reply, actor=promoter, reason="Dati tolti dall'autrice.")
    thread.refresh_from_db()
    assert thread.replies_count == 1

    content_remove(target=thread, actor=promoter, reason="Pubblicità.")
    assert Area.objects.get(pk=area.pk).threads_count == 0
