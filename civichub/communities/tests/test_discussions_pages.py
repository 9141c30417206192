"""Discussion pages over HTTP: who sees a thread, the new discussion form, replying,
quoting, edits and history, useful, accepted answers, pin / lock / move, the thread
list with its filters, the mention autocomplete, and query counts."""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.tests.factories import PromoterFactory, StaffFactory, UserFactory
from civichub.moderation.models import ContentState

from ..models import Area, Category, PostRevision, Reply, Thread, UsefulReaction
from ..services import discussions as services
from .factories import AreaFactory, MembersAreaFactory, PrivateAreaFactory, facilitator, member
from .factories_discussions import ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def kwargs(thread: Thread, **extra: Any) -> dict[str, Any]:
    return {"area": thread.area.slug, "pk": thread.pk, "slug": thread.slug, **extra}


def url(name: str, thread: Thread, **extra: Any) -> str:
    return reverse(f"communities:{name}", kwargs=kwargs(thread, **extra))


# --- who sees a thread -----------------------------------------------------------------------

ROLES = ["visitor", "participant", "member", "facilitator", "promoter", "staff"]
# role -> (public, members, private)
SEES = {
    "visitor": (True, False, False),
    "participant": (True, True, False),
    "member": (True, True, True),
    "facilitator": (True, True, True),
    "promoter": (True, True, False),
    "staff": (True, True, True),
}


def user_for(role: str, area: Area) -> Any:
    if role == "visitor":
        return None
    if role == "participant":
        return UserFactory.create()
    if role == "member":
        return member(area)
    if role == "facilitator":
        return facilitator(area)
    if role == "promoter":
        return PromoterFactory.create()
    return StaffFactory.create(is_staff=True)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", [0, 1, 2])
def test_thread_page_visibility_matrix(client, role, kind):
    area = [AreaFactory, MembersAreaFactory, PrivateAreaFactory][kind]()
    thread = ThreadFactory.create(area=area, title="Bilancio partecipativo: da dove partire")
    user = user_for(role, area)
    if user is not None:
        login(client, user)
    response = client.get(thread.get_absolute_url())
    if SEES[role][kind]:
        assert response.status_code == 200
        assert "Bilancio partecipativo" in response.content.decode()
    else:
        assert response.status_code == 404


def test_private_thread_is_404_like_a_missing_one(client):
    thread = ThreadFactory.create(area=PrivateAreaFactory.create())
    login(client, UserFactory.create())
    assert client.get(thread.get_absolute_url()).status_code == 404
    missing = reverse("communities:thread", kwargs=kwargs(thread, pk=thread.pk + 99))
    assert client.get(missing).status_code == 404


def test_held_thread_only_for_author_and_moderators(client):
    area = AreaFactory.create()
    author = member(area)
    thread = ThreadFactory.create(area=area, author=author, moderation_state=ContentState.HELD)
    assert client.get(thread.get_absolute_url()).status_code == 404
    login(client, member(area))
    assert client.get(thread.get_absolute_url()).status_code == 404
    login(client, author)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    assert "In attesa di revisione" in response.content.decode()
    login(client, facilitator(area))
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_wrong_slug_and_short_address_redirect(client):
    thread = ThreadFactory.create()
    wrong = reverse("communities:thread", kwargs=kwargs(thread, slug="vecchio-titolo"))
    response = client.get(wrong + "?pagina=2")
    assert response.status_code == 301
    assert response["Location"] == thread.get_absolute_url() + "?pagina=2"
    short = reverse("communities:thread_short", kwargs={"area": thread.area.slug, "pk": thread.pk})
    assert client.get(short)["Location"] == thread.get_absolute_url()


def test_thread_of_another_area_is_not_found_under_this_one(client):
    thread = ThreadFactory.create()
    other = AreaFactory.create()
    wrong = reverse("communities:thread", kwargs=kwargs(thread, area=other.slug))
    assert client.get(wrong).status_code == 404


# --- new discussion ----------------------------------------------------------------------------


def form_data(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Regolamento dei beni comuni: esperienze?",
        "category": Category.QUESTION,
        "tags": "regolamento, beni comuni",
        "body": "<p>Chi ha già adottato il regolamento?</p>",
        "request_key": "chiave-modulo-1",
        **extra,
    }


def test_new_discussion_form_and_post(client):
    area = AreaFactory.create()
    login(client, member(area))
    address = reverse("communities:thread_create", kwargs={"area": area.slug})
    page = client.get(address)
    assert page.status_code == 200
    assert 'name="request_key"' in page.content.decode()
    response = client.post(address, form_data())
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert sorted(tag.name for tag in thread.tags.all()) == ["beni comuni", "regolamento"]
    # The same form sent twice: one thread.
    client.post(address, form_data())
    assert Thread.objects.count() == 1


def test_new_discussion_bad_input_saves_nothing(client):
    area = AreaFactory.create()
    login(client, member(area))
    address = reverse("communities:thread_create", kwargs={"area": area.slug})
    response = client.post(address, form_data(title=""))
    assert response.status_code == 200
    assert "Questo campo è obbligatorio" in response.content.decode()
    response = client.post(address, form_data(body="<p> </p><script>x</script>"))
    assert "Scrivi il testo del messaggio" in response.content.decode()
    response = client.post(address, form_data(title="Sì"))
    assert "almeno 5 caratteri" in response.content.decode()
    assert not Thread.objects.exists()


def test_new_discussion_for_non_members(client):
    area = AreaFactory.create()
    address = reverse("communities:thread_create", kwargs={"area": area.slug})
    assert "/accounts/login/" in client.get(address)["Location"]
    login(client, UserFactory.create())
    assert client.get(address).status_code == 403
    assert client.post(address, form_data()).status_code == 403
    assert not Thread.objects.exists()
    private = PrivateAreaFactory.create()
    address = reverse("communities:thread_create", kwargs={"area": private.slug})
    assert client.get(address).status_code == 404


# --- replying -----------------------------------------------------------------------------------


def test_reply_post_and_double_submit(client):
    thread = ThreadFactory.create()
    replier = member(thread.area)
    login(client, replier)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'action="' + url("reply_create", thread) in page
    data = {"body": "<p>Noi abbiamo usato il modello Labsus.</p>", "request_key": "k-1"}
    response = client.post(url("reply_create", thread), data)
    reply = Reply.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#risposta-{reply.pk}")
    client.post(url("reply_create", thread), data)
    assert Reply.objects.count() == 1
    thread.refresh_from_db()
    assert thread.replies_count == 1


def test_reply_with_quote(client):
    thread = ThreadFactory.create()
    quoted = ReplyFactory.create(
        thread=thread, body="<p>Il regolamento di Bologna è il modello.</p>"
    )
    login(client, member(thread.area))
    form = client.get(url("reply_create", thread) + f"?cita={quoted.pk}")
    assert "Il regolamento di Bologna" in form.content.decode()
    client.post(
        url("reply_create", thread) + f"?cita={quoted.pk}",
        {"body": "<p>Confermo.</p>", "quoted": quoted.pk, "request_key": "q1"},
    )
    reply = Reply.objects.exclude(pk=quoted.pk).get()
    assert reply.quoted == quoted
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "ha scritto:" in page


def test_empty_reply_is_refused(client):
    thread = ThreadFactory.create()
    login(client, member(thread.area))
    response = client.post(url("reply_create", thread), {"body": "<p></p>", "request_key": "x"})
    assert response.status_code == 400
    assert not Reply.objects.exists()


def test_locked_thread_hides_the_form_and_refuses_replies(client):
    thread = ThreadFactory.create(locked_at=timezone.now())
    login(client, member(thread.area))
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "La discussione è chiusa" in page
    assert 'name="request_key"' not in page
    response = client.post(url("reply_create", thread), {"body": "<p>Ciao</p>"})
    assert response.status_code == 403
    assert not Reply.objects.exists()


def test_non_members_get_a_notice_not_the_form(client):
    thread = ThreadFactory.create()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Per rispondere" in page
    assert 'name="request_key"' not in page
    login(client, UserFactory.create())
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Solo i membri dell" in page
    assert client.post(url("reply_create", thread), {"body": "<p>x</p>"}).status_code == 403


def test_reply_permalink_goes_to_its_page(client):
    thread = ThreadFactory.create()
    replies = [ReplyFactory.create(thread=thread) for _ in range(31)]
    response = client.get(url("reply", thread, reply=replies[-1].pk))
    assert response["Location"] == f"{thread.get_absolute_url()}?pagina=2#risposta-{replies[-1].pk}"


# --- edits ----------------------------------------------------------------------------------


def test_edit_thread_keeps_history(client):
    area = AreaFactory.create()
    author = member(area)
    thread = ThreadFactory.create(area=area, author=author)
    login(client, author)
    response = client.post(
        url("thread_edit", thread),
        {"title": "Titolo corretto della domanda", "category": "question", "body": "<p>Nuovo</p>"},
    )
    thread.refresh_from_db()
    assert response.status_code == 302
    assert thread.title == "Titolo corretto della domanda"
    history = client.get(url("thread_revisions", thread))
    assert history.status_code == 200
    assert "Come avviare un patto" in history.content.decode()


def test_edit_refused_to_others(client):
    thread = ThreadFactory.create()
    reply = ReplyFactory.create(thread=thread)
    login(client, member(thread.area))
    assert client.get(url("thread_edit", thread)).status_code == 404
    assert (
        client.post(url("reply_edit", thread, reply=reply.pk), {"body": "<p>x</p>"}).status_code
        == 404
    )
    assert not PostRevision.objects.exists()


def test_edit_reply_and_its_history(client):
    thread = ThreadFactory.create()
    author = member(thread.area)
    reply = ReplyFactory.create(thread=thread, author=author)
    login(client, author)
    response = client.post(url("reply_edit", thread, reply=reply.pk), {"body": "<p>Rivista</p>"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.body == "<p>Rivista</p>"
    history = client.get(url("reply_revisions", thread, reply=reply.pk)).content.decode()
    assert "regolamento comunale" in history


# --- useful, accepted answers -------------------------------------------------------------------


def test_useful_toggle_with_htmx(client):
    thread = ThreadFactory.create()
    reply = ReplyFactory.create(thread=thread)
    login(client, member(thread.area))
    address = url("reply_useful", thread, reply=reply.pk)
    response = client.post(address, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    reply.refresh_from_db()
    assert reply.useful_count == 1
    response = client.post(address)
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.useful_count == 0
    assert not UsefulReaction.objects.exists()


def test_useful_on_own_reply_is_refused(client):
    thread = ThreadFactory.create()
    author = member(thread.area)
    reply = ReplyFactory.create(thread=thread, author=author)
    login(client, author)
    response = client.post(
        url("reply_useful", thread, reply=reply.pk), headers={"HX-Request": "true"}
    )
    assert "Non puoi" in response.content.decode()
    reply.refresh_from_db()
    assert reply.useful_count == 0


def test_accept_answer_shown_first(client):
    area = AreaFactory.create()
    author = member(area)
    thread = ThreadFactory.create(area=area, author=author)
    first = ReplyFactory.create(thread=thread, body="<p>Prima risposta.</p>")
    ReplyFactory.create(thread=thread, body="<p>Seconda risposta, quella giusta.</p>")
    login(client, member(area))
    assert client.post(url("answer_toggle", thread, reply=first.pk)).status_code == 404
    login(client, author)
    client.post(url("answer_toggle", thread, reply=first.pk))
    thread.refresh_from_db()
    assert thread.accepted_reply == first
    page = client.get(thread.get_absolute_url()).content.decode()
    assert page.index('id="accettata-titolo"') < page.index('id="risposte-titolo"')


# --- facilitators -----------------------------------------------------------------------------


def test_pin_lock_move_for_facilitators_only(client):
    area, other = AreaFactory.create(), AreaFactory.create()
    thread = ThreadFactory.create(area=area)
    login(client, member(area))
    assert client.post(url("thread_pin", thread)).status_code == 404
    assert client.post(url("thread_lock", thread)).status_code == 404
    assert client.get(url("thread_move", thread)).status_code == 404
    boss = facilitator(area)
    facilitator(other, boss)
    login(client, boss)
    client.post(url("thread_pin", thread))
    client.post(url("thread_lock", thread))
    thread.refresh_from_db()
    assert thread.pinned_at
    assert thread.locked_at
    response = client.post(url("thread_move", thread), {"area": other.pk})
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.area == other


# --- the thread list ------------------------------------------------------------------------------


def test_thread_list_filters_and_pinned_first(client):
    area = AreaFactory.create()
    old = ThreadFactory.create(area=area, title="Vecchia ma in evidenza", pinned_at=timezone.now())
    answered = ThreadFactory.create(
        area=area, title="Con risposte", replies_count=3, category="proposal"
    )
    fresh = ThreadFactory.create(area=area, title="Appena aperta")
    fresh.tags.add("giardini")
    address = reverse("communities:threads", kwargs={"area": area.slug})
    listed = client.get(address).context["listing"]["page"].object_list
    assert listed[0] == old
    unanswered = (
        client.get(address, {"senza_risposta": "on"}).context["listing"]["page"].object_list
    )
    assert answered not in unanswered
    assert fresh in unanswered
    assert client.get(address, {"categoria": "proposal"}).context["listing"][
        "page"
    ].object_list == [answered]
    assert client.get(address, {"etichetta": "giardini"}).context["listing"][
        "page"
    ].object_list == [fresh]
    by_replies = client.get(address, {"ordine": "risposte"}).context["listing"]["page"].object_list
    assert by_replies[:2] == [old, answered]
    # Nonsense is ignored.
    assert client.get(address, {"categoria": "x", "ordine": "y", "pagina": "z"}).status_code == 200


def test_thread_list_hides_other_peoples_held_threads(client):
    area = AreaFactory.create()
    ThreadFactory.create(area=area, title="In attesa", moderation_state=ContentState.HELD)
    ThreadFactory.create(area=area, title="Rimossa", moderation_state=ContentState.REMOVED)
    page = client.get(reverse("communities:threads", kwargs={"area": area.slug})).content.decode()
    assert "In attesa" not in page
    assert "Rimossa" not in page


def _list_queries(client, area) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The site's header and footer cache page addresses (LocMemCache culls at random):
    # warm what the process memoises, then start each measured request from an empty cache.
    client.get(reverse("communities:threads", kwargs={"area": area.slug}))
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("communities:threads", kwargs={"area": area.slug}))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_thread_list_queries_do_not_grow(client):
    area = AreaFactory.create()
    login(client, member(area))
    for n in range(3):
        ThreadFactory.create(area=area, last_reply_by=UserFactory.create()).tags.add(
            f"etichetta-{n}"
        )
    few = _list_queries(client, area)
    for n in range(30):
        ThreadFactory.create(area=area, last_reply_by=UserFactory.create()).tags.add(f"altra-{n}")
    many = _list_queries(client, area)
    print("list queries", few, many)
    assert few == many


# --- the thread page: queries -------------------------------------------------------------------


def _thread_queries(client, thread) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(thread.get_absolute_url(), {"pagina": 2})  # as in _list_queries
    cache.clear()

    with CaptureQueriesContext(connection) as captured:
        response = client.get(thread.get_absolute_url(), {"pagina": 2})
    assert response.status_code == 200
    return len(captured.captured_queries)


def _bulk_replies(thread: Thread, count: int, authors: list[Any]) -> None:
    now = timezone.now()
    Reply.objects.bulk_create(
        [
            Reply(
                thread=thread,
                author=authors[n % len(authors)],
                body=f'<p>Risposta {n}: <a href="/esperienze/esperienza-{n % 5}/">vedi</a>.</p>',
                created_at=now,
            )
            for n in range(count)
        ]
    )


def test_a_long_thread_renders_in_constant_queries(client):
    area = AreaFactory.create()
    reader = member(area)
    authors = [member(area) for _ in range(4)]
    short, long = ThreadFactory.create(area=area), ThreadFactory.create(area=area)
    _bulk_replies(short, 31, authors)
    _bulk_replies(long, 2000, authors)
    for thread in (short, long):
        replies = list(thread.replies.order_by("created_at", "pk")[:31])
        # On page 2: a useful mark and a quote; the accepted answer is on page 1.
        services.reply_mark_useful(reply=replies[30], user=reader)
        Reply.objects.filter(pk=replies[30].pk).update(quoted=replies[0])
        thread.accepted_reply = replies[1]
        thread.save(update_fields=["accepted_reply"])
    login(client, reader)
    few, many = _thread_queries(client, short), _thread_queries(client, long)
    print("thread page queries", few, many)
    assert few == many


# --- mentions and cards on the page --------------------------------------------------------------


def test_mentions_link_to_visible_profiles_only(client):
    from civichub.accounts.tests.factories import public_profile

    area = AreaFactory.create()
    author = member(area)
    shown = public_profile(member(area, UserFactory.create(first_name="Anna", last_name="Riva")))
    hidden = member(area, UserFactory.create(first_name="Bruno", last_name="Sala"))
    hidden.profile.visibility = "private"
    hidden.profile.save()
    thread = services.thread_create(
        area=area,
        author=author,
        title="Chi viene al laboratorio?",
        body="<p>Ci sono @Anna Riva e @Bruno Sala?</p>",
        category=Category.QUESTION,
    )
    page = client.get(thread.get_absolute_url()).content.decode()
    profile = reverse("accounts:profile", kwargs={"public_id": shown.public_id})
    assert f'<a class="mention" href="{profile}">@Anna Riva</a>' in page
    assert '<span class="mention">@Bruno Sala</span>' in page
    assert hidden.public_id not in page


def test_mention_autocomplete(client):
    area = AreaFactory.create()
    member(area, UserFactory.create(first_name="Carla", last_name="Monti"))
    UserFactory.create(first_name="Carlo", last_name="Esterno")
    address = reverse("communities:mentions", kwargs={"area": area.slug})
    assert "Carla" not in client.get(address, {"q": "Car"}).content.decode()
    login(client, member(area))
    content = client.get(address, {"q": "car"}).content.decode()
    assert 'role="listbox"' in content
    assert 'data-insert="@Carla Monti"' in content
    assert "Esterno" not in content
