"""Writes of discussions: threads, replies, edits, useful marks, accepted answers, pin,
lock and move. Every change goes through a function here.

Rules worth knowing:

- bodies are sanitised with ``core.html.sanitise_html`` on save; the text must not be
  empty once the markup is gone;
- a new post is screened by ``moderation.services.post_screen``: it is saved ``held``
  (only its author and the area's moderators see it) or ``visible``. Counters,
  ``last_activity_at`` and every announcement (area followers, thread followers,
  mentioned people) happen only for visible posts; a held post is counted and announced
  by ``thread_approved`` / ``reply_approved`` when a moderator approves it;
- a repeated ``request_key`` (double click, retry, the form's hidden random key) returns
  the post created the first time (the unique constraint on author and key decides
  under races);
- mentions are parsed on create and on edit; people are told once, when the post
  appears, and only if they can read the area; an edit never tells anyone;
- every edit first keeps the old text in a ``PostRevision``;
- ``threads_count`` / ``replies_count`` / ``useful_count`` move with ``F()`` updates in
  the transaction that changes the rows they count.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civichub.accounts.models import User
from civichub.core.audit import log_action
from civichub.core.html import sanitise_html
from civichub.moderation.models import ContentState

from .. import mentions
from ..models import Area, Category, Mention, PostRevision, Reply, Thread, UsefulReaction
from ..permissions import can

LOG_PREFIX = "civichub.communities."
# Audit actions (label, message), for the back office's log (wagtail_hooks.py).
LOG_ACTIONS = {
    "thread_create": (gettext_lazy("Nuova discussione"), gettext_lazy("Discussione aperta")),
    "thread_update": (gettext_lazy("Modifica discussione"), gettext_lazy("Discussione modificata")),
    "thread_pin": (gettext_lazy("In evidenza"), gettext_lazy("Discussione messa in evidenza")),
    "thread_unpin": (
        gettext_lazy("Non in evidenza"),
        gettext_lazy("Discussione tolta dall'evidenza"),
    ),
    "thread_lock": (gettext_lazy("Chiusura"), gettext_lazy("Discussione chiusa")),
    "thread_unlock": (gettext_lazy("Riapertura"), gettext_lazy("Discussione riaperta")),
    "thread_move": (gettext_lazy("Spostamento"), gettext_lazy("Discussione spostata")),
    "reply_create": (gettext_lazy("Risposta"), gettext_lazy("Risposta pubblicata")),
    "reply_update": (gettext_lazy("Modifica risposta"), gettext_lazy("Risposta modificata")),
    "answer_accept": (gettext_lazy("Risposta accettata"), gettext_lazy("Risposta accettata")),
    "answer_unaccept": (
        gettext_lazy("Risposta non più accettata"),
        gettext_lazy("Risposta accettata annullata"),
    ),
}

TITLE_MIN_LENGTH = 5
TITLE_MAX_LENGTH = 160
BODY_MAX_LENGTH = 20_000
MAX_TAGS = 5
TAG_MAX_LENGTH = 40
SLUG_MAX_LENGTH = 80


# --- helpers -------------------------------------------------------------------------------


def _require(actor: Any, permission: str, obj: Any) -> None:
    if not can(actor, permission, obj):
        raise PermissionDenied


def _log(instance: Any, action: str, actor: Any, **data: Any) -> None:
    log_action(instance=instance, action=LOG_PREFIX + action, user=actor, data=data)


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) < TITLE_MIN_LENGTH:
        raise ValidationError(
            {
                "title": _("Scrivi un titolo di almeno %(min)d caratteri.")
                % {"min": TITLE_MIN_LENGTH}
            }
        )
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {
                "title": _("Il titolo può avere al massimo %(max)d caratteri.")
                % {"max": TITLE_MAX_LENGTH}
            }
        )
    return title


def clean_body(body: str) -> str:
    """Sanitised HTML with some text in it, or a ``ValidationError`` on ``body``."""
    if len(body or "") > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Il testo può avere al massimo %(max)d caratteri.")
                % {"max": BODY_MAX_LENGTH}
            }
        )
    cleaned = sanitise_html(body or "").strip()
    if not mentions.plain_text(cleaned).replace("&nbsp;", " ").strip():
        raise ValidationError({"body": _("Scrivi il testo del messaggio.")})
    return cleaned


def _clean_category(category: str) -> str:
    if category not in Category.values:
        raise ValidationError({"category": _("Scegli una categoria dall'elenco.")})
    return category


def _clean_tags(tags: Iterable[str]) -> list[str]:
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(str(tag).split()).lower()
        if not tag or tag in cleaned:
            continue
        if len(tag) > TAG_MAX_LENGTH:
            raise ValidationError(
                {
                    "tags": _("Ogni etichetta può avere al massimo %(max)d caratteri.")
                    % {"max": TAG_MAX_LENGTH}
                }
            )
        cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise ValidationError(
            {"tags": _("Puoi usare al massimo %(max)d etichette.") % {"max": MAX_TAGS}}
        )
    return cleaned


def _cleaned(checks: list[tuple[str, Callable[[Any], Any], Any]]) -> dict[str, Any]:
    """Each value through its cleaner; every field's error at once."""
    errors: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for name, clean, value in checks:
        try:
            values[name] = clean(value)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return values


def _slug(title: str) -> str:
    return slugify(title)[:SLUG_MAX_LENGTH].strip("-") or "discussione"


def _screen(author: User, text: str) -> str:
    from civichub.moderation.services import post_screen

    return str(post_screen(author=author, text=text))


def _translated(message: Any, **values: Any) -> Callable[[str], str]:
    """A notification text in each recipient's language."""

    def text(language: str) -> str:
        with translation.override(language):
            return str(message) % values

    return text


def _notifications() -> Any:
    from civichub.notifications import services

    return services


def _readers(users: Iterable[User], area: Area) -> list[User]:
    """The people among ``users`` who can read ``area`` (nobody hears of what they
    cannot open)."""
    return [user for user in users if can(user, "communities.view_area", area)]


def _save_mentions(
    *, area: Area, html: str, thread: Thread | None = None, reply: Reply | None = None
) -> list[User]:
    """Mention rows for the people ``html`` names that have none yet; returns them."""
    named = mentions.find_mentioned(html, area)
    if not named:
        return []
    existing = Mention.objects.filter(thread=thread, reply=reply).values_list("user_id", flat=True)
    already = set(existing)
    new = [user for user in named if user.pk not in already]
    Mention.objects.bulk_create(
        [Mention(thread=thread, reply=reply, user=user) for user in new], ignore_conflicts=True
    )
    return new


def _tell_mentioned(
    *, users: Sequence[User], area: Area, post: Thread | Reply, actor: User
) -> None:
    readers = [user for user in _readers(users, area) if user.pk != actor.pk]
    if not readers:
        return
    thread = post if isinstance(post, Thread) else post.thread
    _notifications().notify(
        users=readers,
        kind="mentions",
        text=_translated(
            gettext_lazy("%(name)s ti ha menzionato in «%(title)s»"),
            name=actor.display_name,
            title=thread.title,
        ),
        url=post_url(post),
        target=thread,
        actor=actor,
        group_key=f"mention:{thread.pk}",
    )


def post_url(post: Thread | Reply) -> str:
    if isinstance(post, Thread):
        return post.get_absolute_url()
    thread = post.thread
    return reverse(
        "communities:reply",
        kwargs={"area": thread.area.slug, "pk": thread.pk, "slug": thread.slug, "reply": post.pk},
    )


# --- threads -------------------------------------------------------------------------------


def thread_create(
    *,
    area: Area,
    author: User,
    title: str,
    body: str,
    category: str,
    tags: Iterable[str] = (),
    request_key: str = "",
) -> Thread:
    """Open a discussion in ``area``. The author follows it; the area's followers hear
    of it once it is visible."""
    if request_key:
        existing = Thread.objects.filter(author=author, request_key=request_key).first()
        if existing is not None:
            return existing
    _require(author, "communities.post_in_area", area)
    if area.archived_at:
        raise ValidationError(_("L'area è archiviata: non si possono aprire discussioni."))
    values = _cleaned(
        [
            ("title", _clean_title, title),
            ("body", clean_body, body),
            ("category", _clean_category, category),
            ("tags", _clean_tags, tags),
        ]
    )
    now = timezone.now()
    with transaction.atomic():
        state = _screen(author, f"{values['title']}\n{values['body']}")
        thread = Thread(
            area=area,
            author=author,
            title=values["title"],
            slug=_slug(values["title"]),
            category=values["category"],
            body=values["body"],
            moderation_state=state,
            request_key=request_key[:40],
            created_at=now,
        )
        try:
            with transaction.atomic():
                thread.save()
        except IntegrityError:
            if not request_key:
                raise
            return Thread.objects.get(author=author, request_key=request_key[:40])
        if values["tags"]:
            thread.tags.set(values["tags"])
        named = _save_mentions(area=area, html=thread.body, thread=thread)
        _notifications().follow(user=author, target=thread)
        _log(thread, "thread_create", author, area=area.slug, state=state)
        if state == ContentState.VISIBLE:
            _thread_appeared(thread, named, now)
    return thread


def _thread_appeared(thread: Thread, named: Sequence[User], when: Any) -> None:
    """Count a thread that became visible and announce it after commit."""
    area = thread.area
    Area.objects.filter(pk=area.pk).update(
        threads_count=F("threads_count") + 1, last_activity_at=when
    )
    author = thread.author

    def announce() -> None:
        _notifications().notify_followers(
            target=area,
            kind="areas",
            text=_translated(
                gettext_lazy("Nuova discussione in «%(area)s»: %(title)s"),
                area=area.name,
                title=thread.title,
            ),
            url=thread.get_absolute_url(),
            actor=author,
            group_key=f"area:{area.pk}",
        )
        _tell_mentioned(users=named, area=area, post=thread, actor=author)

    transaction.on_commit(announce)


def thread_approved(thread: Thread, *args: Any, **kwargs: Any) -> None:
    """Moderation's ``on_approve`` for a held thread: count it and announce it."""
    named = [mention.user for mention in thread.mentions.select_related("user")]
    _thread_appeared(thread, named, timezone.now())


def thread_update(
    *,
    thread: Thread,
    actor: User,
    title: str,
    body: str,
    category: str | None = None,
    tags: Iterable[str] | None = None,
) -> Thread:
    """Edit a thread (its author until it is locked, facilitators always), keeping the
    old title and text as a revision. People newly mentioned are linked, not told."""
    _require(actor, "communities.edit_post", thread)
    values = _cleaned(
        [
            ("title", _clean_title, title),
            ("body", clean_body, body),
            ("category", _clean_category, category if category is not None else thread.category),
            ("tags", _clean_tags, tags if tags is not None else ()),
        ]
    )
    changed = (
        values["title"] != thread.title
        or values["body"] != thread.body
        or values["category"] != thread.category
    )
    with transaction.atomic():
        if changed:
            PostRevision.objects.create(
                thread=thread, title=thread.title, body=thread.body, edited_by=actor
            )
            thread.title = values["title"]
            thread.slug = _slug(values["title"])
            thread.body = values["body"]
            thread.category = values["category"]
            thread.edited_at = timezone.now()
            thread.save(update_fields=["title", "slug", "body", "category", "edited_at"])
            _save_mentions(area=thread.area, html=thread.body, thread=thread)
        if tags is not None:
            thread.tags.set(values["tags"])
        _log(thread, "thread_update", actor)
    return thread


def _facilitated(thread: Thread, actor: User, field: str, value: Any, action: str) -> Thread:
    _require(actor, "communities.facilitate_area", thread.area)
    with transaction.atomic():
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        _log(thread, action, actor)
    return thread


def thread_pin(*, thread: Thread, actor: User) -> Thread:
    return _facilitated(
        thread, actor, "pinned_at", thread.pinned_at or timezone.now(), "thread_pin"
    )


def thread_unpin(*, thread: Thread, actor: User) -> Thread:
    return _facilitated(thread, actor, "pinned_at", None, "thread_unpin")


def thread_lock(*, thread: Thread, actor: User) -> Thread:
    return _facilitated(
        thread, actor, "locked_at", thread.locked_at or timezone.now(), "thread_lock"
    )


def thread_unlock(*, thread: Thread, actor: User) -> Thread:
    return _facilitated(thread, actor, "locked_at", None, "thread_unlock")


def thread_move(*, thread: Thread, actor: User, area: Area) -> Thread:
    """Move a thread (with its replies) to ``area``: facilitators of both areas."""
    source = thread.area
    _require(actor, "communities.facilitate_area", source)
    _require(actor, "communities.facilitate_area", area)
    if area.pk == source.pk:
        raise ValidationError({"area": _("La discussione è già in quest'area.")})
    if area.archived_at:
        raise ValidationError({"area": _("L'area scelta è archiviata.")})
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        thread.area = area
        thread.save(update_fields=["area"])
        if locked.moderation_state == ContentState.VISIBLE:
            Area.objects.filter(pk=source.pk, threads_count__gt=0).update(
                threads_count=F("threads_count") - 1
            )
            Area.objects.filter(pk=area.pk).update(
                threads_count=F("threads_count") + 1, last_activity_at=timezone.now()
            )
        _log(thread, "thread_move", actor, source=source.slug, target=area.slug)
    return thread


# --- replies -------------------------------------------------------------------------------


def reply_create(
    *,
    thread: Thread,
    author: User,
    body: str,
    quoted: Reply | None = None,
    request_key: str = "",
) -> Reply:
    """Reply to ``thread``. The thread's author, its followers and the people mentioned
    are told once it is visible; the author follows the thread."""
    request_key = (request_key or "")[:40]
    if request_key:
        existing = Reply.objects.filter(author=author, request_key=request_key).first()
        if existing is not None:
            return existing
    area = thread.area
    _require(author, "communities.post_in_area", area)
    if thread.locked_at:
        raise ValidationError(_("La discussione è chiusa: non si possono aggiungere risposte."))
    if thread.moderation_state != ContentState.VISIBLE:
        raise ValidationError(_("Non si può rispondere a una discussione in attesa di revisione."))
    if quoted is not None and (
        quoted.thread_id != thread.pk or quoted.moderation_state != ContentState.VISIBLE
    ):
        raise ValidationError({"quoted": _("La risposta citata non è disponibile.")})
    cleaned = clean_body(body)
    now = timezone.now()
    with transaction.atomic():
        current = Thread.objects.select_for_update().only("pk", "locked_at").get(pk=thread.pk)
        if current.locked_at:
            raise ValidationError(_("La discussione è chiusa: non si possono aggiungere risposte."))
        state = _screen(author, cleaned)
        reply = Reply(
            thread=thread,
            author=author,
            body=cleaned,
            quoted=quoted,
            moderation_state=state,
            request_key=request_key,
            created_at=now,
        )
        try:
            with transaction.atomic():
                reply.save()
        except IntegrityError:
            if not request_key:
                raise
            return Reply.objects.get(author=author, request_key=request_key)
        named = _save_mentions(area=area, html=cleaned, reply=reply)
        _notifications().follow(user=author, target=thread)
        _log(thread, "reply_create", author, reply=reply.pk, state=state)
        if state == ContentState.VISIBLE:
            _reply_appeared(reply, named)
    return reply


def _reply_appeared(reply: Reply, named: Sequence[User]) -> None:
    """Count a reply that became visible and tell the people concerned after commit."""
    thread = reply.thread
    area = thread.area
    author = reply.author
    when = reply.created_at
    Thread.objects.filter(pk=thread.pk).update(
        replies_count=F("replies_count") + 1, last_reply_at=when, last_reply_by=author
    )
    Area.objects.filter(pk=area.pk).update(last_activity_at=when)

    def announce() -> None:
        notifications = _notifications()
        url = post_url(reply)
        mentioned = {user.pk for user in named}
        if thread.author_id != author.pk and thread.author_id not in mentioned:
            thread_author = thread.author
            if can(thread_author, "communities.view_area", area):
                notifications.notify(
                    users=[thread_author],
                    kind="replies",
                    text=_translated(
                        gettext_lazy("%(name)s ha risposto alla tua discussione «%(title)s»"),
                        name=author.display_name,
                        title=thread.title,
                    ),
                    url=url,
                    target=thread,
                    actor=author,
                    group_key=f"thread:{thread.pk}",
                )
        notifications.notify_followers(
            target=thread,
            kind="threads",
            text=_translated(
                gettext_lazy("Nuove risposte in «%(title)s»"),
                title=thread.title,
            ),
            url=url,
            actor=author,
            group_key=f"thread:{thread.pk}",
            exclude=[thread.author_id, *mentioned],
        )
        _tell_mentioned(users=named, area=area, post=reply, actor=author)

    transaction.on_commit(announce)


def reply_approved(reply: Reply, *args: Any, **kwargs: Any) -> None:
    """Moderation's ``on_approve`` for a held reply: count it and tell people."""
    named = [mention.user for mention in reply.mentions.select_related("user")]
    _reply_appeared(reply, named)


def _visibility_delta(old_state: str, new_state: str) -> int:
    """+1 when a post becomes visible, -1 when it stops being visible, else 0."""
    return int(new_state == ContentState.VISIBLE) - int(old_state == ContentState.VISIBLE)


def thread_state_changed(thread: Thread, old_state: str, new_state: str) -> None:
    """Moderation's ``on_change``: a hidden, removed or restored thread moves its area's
    count (a restored thread is not announced again)."""
    delta = _visibility_delta(old_state, new_state)
    if delta:
        Area.objects.filter(pk=thread.area_id, threads_count__gte=-delta).update(
            threads_count=F("threads_count") + delta
        )


def reply_state_changed(reply: Reply, old_state: str, new_state: str) -> None:
    """Moderation's ``on_change``: a hidden, removed or restored reply moves its thread's
    count."""
    delta = _visibility_delta(old_state, new_state)
    if delta:
        Thread.objects.filter(pk=reply.thread_id, replies_count__gte=-delta).update(
            replies_count=F("replies_count") + delta
        )


def reply_update(*, reply: Reply, actor: User, body: str) -> Reply:
    """Edit a reply (its author until the thread is locked, facilitators always),
    keeping the old text as a revision."""
    _require(actor, "communities.edit_post", reply)
    cleaned = clean_body(body)
    if cleaned == reply.body:
        return reply
    with transaction.atomic():
        PostRevision.objects.create(reply=reply, body=reply.body, edited_by=actor)
        reply.body = cleaned
        reply.edited_at = timezone.now()
        reply.save(update_fields=["body", "edited_at"])
        _save_mentions(area=reply.thread.area, html=cleaned, reply=reply)
        _log(reply.thread, "reply_update", actor, reply=reply.pk)
    return reply


# --- useful, accepted answers ------------------------------------------------------------


def reply_mark_useful(*, reply: Reply, user: User) -> Reply:
    """Mark ``reply`` useful (once per person; never one's own)."""
    if reply.author_id == getattr(user, "pk", None):
        raise ValidationError(_("Non puoi segnare come utile una tua risposta."))
    _require(user, "communities.mark_useful", reply)
    if reply.moderation_state != ContentState.VISIBLE:
        raise ValidationError(_("Questa risposta non è disponibile."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                UsefulReaction.objects.create(reply=reply, user=user)
        except IntegrityError:
            return reply
        Reply.objects.filter(pk=reply.pk).update(useful_count=F("useful_count") + 1)
    reply.refresh_from_db(fields=["useful_count"])
    return reply


def reply_unmark_useful(*, reply: Reply, user: User) -> Reply:
    with transaction.atomic():
        deleted, _rows = UsefulReaction.objects.filter(reply=reply, user=user).delete()
        if deleted:
            Reply.objects.filter(pk=reply.pk, useful_count__gt=0).update(
                useful_count=F("useful_count") - 1
            )
    reply.refresh_from_db(fields=["useful_count"])
    return reply


def answer_accept(*, thread: Thread, reply: Reply, actor: User) -> Thread:
    """Mark ``reply`` as the accepted answer of a question (its author or facilitators);
    the reply's author is told."""
    _require(actor, "communities.accept_answer", thread)
    if reply.thread_id != thread.pk or reply.moderation_state != ContentState.VISIBLE:
        raise ValidationError(_("Questa risposta non è disponibile."))
    if thread.accepted_reply_id == reply.pk:
        return thread
    with transaction.atomic():
        thread.accepted_reply = reply
        thread.save(update_fields=["accepted_reply"])
        _log(thread, "answer_accept", actor, reply=reply.pk)
    if reply.author_id != actor.pk:
        recipient = reply.author

        def announce() -> None:
            _notifications().notify(
                users=[recipient],
                kind="replies",
                text=_translated(
                    gettext_lazy("La tua risposta in «%(title)s» è stata accettata"),
                    title=thread.title,
                ),
                url=post_url(reply),
                target=thread,
                actor=actor,
            )

        transaction.on_commit(announce)
    return thread


def answer_unaccept(*, thread: Thread, actor: User) -> Thread:
    _require(actor, "communities.accept_answer", thread)
    if thread.accepted_reply_id is None:
        return thread
    with transaction.atomic():
        previous = thread.accepted_reply_id
        thread.accepted_reply = None
        thread.save(update_fields=["accepted_reply"])
        _log(thread, "answer_unaccept", actor, reply=previous)
    return thread
