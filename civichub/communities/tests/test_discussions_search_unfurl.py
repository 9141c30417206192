"""Discussions in the site search (private areas never indexed, members-only areas for
members only, held threads nowhere) and links that unfurl into cards."""

from typing import Any

import pytest
from django.test import Client

from civichub.accounts.tests.factories import UserFactory
from civichub.events.tests.factories import DraftEventFactory, EventFactory
from civichub.experiences.tests.factories import DraftFactory, ExperienceFactory
from civichub.library.tests.factories import resource
from civichub.moderation.models import ContentState
from civichub.search.models import SearchDocument, Visibility
from civichub.search.registry import source_for
from civichub.search.tests.factories import search, titles

from .. import unfurl
from ..models import Thread
from ..models import Visibility as AreaVisibility
from .factories import AreaFactory, MembersAreaFactory, PrivateAreaFactory
from .factories_discussions import ReplyFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def document(thread: Thread) -> Any:
    source = source_for(Thread)
    assert source is not None
    return source.document(source.queryset().get(pk=thread.pk))


def test_thread_documents_by_area_visibility_and_state():
    public = ThreadFactory.create(area=AreaFactory.create(), body="<p>Orti <b>urbani</b></p>")
    members = ThreadFactory.create(area=MembersAreaFactory.create())
    private = ThreadFactory.create(area=PrivateAreaFactory.create())
    held = ThreadFactory.create(area=AreaFactory.create(), moderation_state=ContentState.HELD)
    hidden = ThreadFactory.create(area=AreaFactory.create(), moderation_state=ContentState.HIDDEN)
    found = document(public)
    assert found.visibility == Visibility.PUBLIC
    assert found.body == "Orti urbani"
    assert found.url == public.get_absolute_url()
    assert document(members).visibility == Visibility.MEMBERS
    assert document(private) is None
    assert document(held) is None
    assert document(hidden) is None


@pytest.fixture
def indexed(django_capture_on_commit_callbacks) -> dict[str, Thread]:
    with django_capture_on_commit_callbacks(execute=True):
        threads = {
            "public": ThreadFactory.create(
                area=AreaFactory.create(), title="Pubblica sulla compostiera"
            ),
            "members": ThreadFactory.create(
                area=MembersAreaFactory.create(), title="Riservata sulla compostiera"
            ),
            "private": ThreadFactory.create(
                area=PrivateAreaFactory.create(), title="Privata sulla compostiera"
            ),
        }
    return threads


def test_search_by_role(client: Client, indexed):
    assert titles(search(client, "compostiera")) == ["Pubblica sulla compostiera"]
    client.force_login(UserFactory.create())
    assert sorted(titles(search(client, "compostiera"))) == [
        "Pubblica sulla compostiera",
        "Riservata sulla compostiera",
    ]
    assert not SearchDocument.objects.filter(title__startswith="Privata").exists()


def test_an_area_made_private_takes_its_threads_out_of_search(
    indexed, django_capture_on_commit_callbacks
):
    area = indexed["public"].area
    with django_capture_on_commit_callbacks(execute=True):
        area.visibility = AreaVisibility.PRIVATE
        area.save(update_fields=["visibility"])
    assert not SearchDocument.objects.filter(title__startswith="Pubblica").exists()


def test_a_hidden_thread_leaves_the_index(indexed, django_capture_on_commit_callbacks):
    thread = indexed["public"]
    with django_capture_on_commit_callbacks(execute=True):
        thread.moderation_state = ContentState.HIDDEN
        thread.save(update_fields=["moderation_state"])
    assert not SearchDocument.objects.filter(title__startswith="Pubblica").exists()


# --- unfurl ------------------------------------------------------------------------------------


def test_hub_paths_keep_only_hub_links():
    html = (
        '<p><a href="/esperienze/orti/">a</a> <a href="http://127.0.0.1:8000/eventi/festa/">b</a>'
        ' <a href="https://altro.example.org/esperienze/x/">c</a> <a href="/esperienze/orti/">a</a>'
        ' <a href="/organizzazioni/ente/">d</a> <a href="mailto:a@b.it">e</a>'
        ' <a href="/strumenti/guida-patti/">f</a></p>'
    )
    assert unfurl.hub_paths(html) == [
        "/esperienze/orti/",
        "/eventi/festa/",
        "/strumenti/guida-patti/",
    ]


def test_cards_only_for_public_targets(django_assert_num_queries):
    published = ExperienceFactory.create(slug="orti-condivisi", title="Orti condivisi a Parma")
    DraftFactory.create(slug="bozza-segreta", title="Bozza segreta")
    event = EventFactory.create(slug="festa-quartiere", title="Festa di quartiere")
    DraftEventFactory.create(slug="evento-bozza")
    guide = resource(title="Guida ai patti")
    draft_guide = resource(title="Guida in bozza", live=False)
    posts = [
        ReplyFactory.build(
            body='<p><a href="/esperienze/orti-condivisi/">x</a>'
            ' <a href="/esperienze/bozza-segreta/">y</a>'
            f' <a href="{guide.url}">g</a> <a href="{draft_guide.url_path}">h</a></p>'
        ),
        ReplyFactory.build(
            body='<p><a href="/eventi/festa-quartiere/">e</a>'
            ' <a href="/eventi/evento-bozza/">f</a></p>'
        ),
    ]
    with django_assert_num_queries(4):  # one per kind (+ the resources' view restrictions)
        unfurl.cards_for(posts)
    assert [card.title for card in posts[0].cards] == [published.title, "Guida ai patti"]
    assert [card.title for card in posts[1].cards] == [event.title]
    assert posts[0].cards[0].url == "/esperienze/orti-condivisi/"


def test_cards_shown_under_the_post(client):
    ExperienceFactory.create(slug="orti-condivisi", title="Orti condivisi a Parma")
    thread = ThreadFactory.create(
        body='<p>Guardate <a href="/esperienze/orti-condivisi/">qui</a>.</p>'
    )
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "discussion-card" in page
    assert "Orti condivisi a Parma" in page
