"""Incremental indexing through signals and the task, rebuild_search, the vocabulary."""

import io
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from modelsearch.conf import get_app_config
from wagtail.models import PageViewRestriction

from civichub.accounts.tests.factories import PromoterFactory, UserFactory
from civichub.experiences.models import Experience, State
from civichub.experiences.services import (
    experience_approve,
    experience_delete,
    experience_unpublish,
)
from civichub.experiences.tests.factories import DraftFactory
from civichub.organisations.models import Organisation
from civichub.taxonomy.models import Theme

from .. import bench, demo
from ..models import SearchDocument, SearchTerm
from .factories import experience, index_all, news, organisation, restrict, search, titles

pytestmark = pytest.mark.django_db


def documents_of(model) -> list[str]:
    content_type = ContentType.objects.get_for_model(model)
    return sorted(
        SearchDocument.objects.filter(content_type=content_type).values_list("title", flat=True)
    )


def word_count(word: str) -> int:
    term = SearchTerm.objects.filter(word=word).first()
    return term.document_count if term else 0


def test_an_experience_appears_when_approved_and_goes_when_unpublished_or_deleted(
    client, django_capture_on_commit_callbacks
):
    promoter = PromoterFactory.create()
    with django_capture_on_commit_callbacks(execute=True):
        submitted = DraftFactory.create(title="Consulta dei ragazzi", state=State.SUBMITTED)
    assert titles(search(client, "consulta")) == []

    with django_capture_on_commit_callbacks(execute=True):
        experience_approve(experience=submitted, actor=promoter)
    assert titles(search(client, "consulta")) == ["Consulta dei ragazzi"]
    assert word_count("consulta") == 1

    with django_capture_on_commit_callbacks(execute=True):
        experience_unpublish(experience=submitted, actor=promoter, reason="Da rivedere.")
    assert titles(search(client, "consulta")) == []
    assert documents_of(Experience) == []
    assert word_count("consulta") == 0

    with django_capture_on_commit_callbacks(execute=True):
        experience_delete(
            experience=Experience.objects.get(pk=submitted.pk), actor=submitted.author
        )
    assert not Experience.objects.filter(pk=submitted.pk).exists()
    assert documents_of(Experience) == []


def test_edits_in_the_back_office_are_indexed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        published = experience("Orto sociale")
    with django_capture_on_commit_callbacks(execute=True):
        published.title = "Orto condiviso del quartiere"
        published.save()

    assert titles(search(client, "orto")) == ["Orto condiviso del quartiere"]
    assert titles(search(client, "sociale")) == []


def test_deleting_a_published_experience_removes_its_document(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published = experience("Murales collettivo")
    with django_capture_on_commit_callbacks(execute=True):
        published.delete()

    assert titles(search(client, "murales")) == []
    assert SearchDocument.objects.count() == 0


def test_one_task_per_transaction_whatever_the_saves(django_capture_on_commit_callbacks):
    youth = Theme.objects.get(slug="giovani")
    with (
        mock.patch("civichub.search.tasks.index_documents") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        created = experience("Skatepark partecipato", themes=[youth])
        created.summary = "Progettato con i ragazzi."
        created.save()

    task.enqueue.assert_called_once_with(objects={"experiences.experience": [created.pk]})


def test_theme_changes_alone_reach_the_facets(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        published = experience("Pedibus scolastico")
    with django_capture_on_commit_callbacks(execute=True):
        mobility = Theme.objects.get(slug="mobilita")
        mobility.experiences.add(published)  # type: ignore[attr-defined]

    response = search(client, "pedibus")

    assert [option["label"] for option in response.context["theme_options"]] == [
        "Mobilità sostenibile"
    ]


def test_an_organisation_made_private_disappears(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        found = organisation("Cooperativa Arcobaleno")
    assert titles(search(client, "arcobaleno")) == ["Cooperativa Arcobaleno"]

    with django_capture_on_commit_callbacks(execute=True):
        found.is_public = False
        found.save()

    assert titles(search(client, "arcobaleno")) == []
    assert documents_of(Organisation) == []


def test_news_follow_publishing_and_view_restrictions(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = news("Bando per le associazioni", n=1)
    assert titles(search(client, "bando")) == ["Bando per le associazioni"]

    with django_capture_on_commit_callbacks(execute=True):
        restriction = restrict(page, PageViewRestriction.LOGIN)
    assert titles(search(client, "bando")) == []
    client.force_login(UserFactory.create())
    assert titles(search(client, "bando")) == ["Bando per le associazioni"]
    client.logout()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert titles(search(client, "bando")) == ["Bando per le associazioni"]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles(search(client, "bando")) == []

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles(search(client, "bando")) == ["Bando per le associazioni"]

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert titles(search(client, "bando")) == []


def test_a_restriction_on_the_news_index_covers_every_news(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = news("Assemblea di aprile", n=1)
        news("Assemblea di maggio", n=2)
    assert len(titles(search(client, "assemblea"))) == 2

    with django_capture_on_commit_callbacks(execute=True):
        restrict(first.get_parent(), PageViewRestriction.PASSWORD)

    assert titles(search(client, "assemblea")) == []
    assert SearchDocument.objects.count() == 0


def test_rebuild_search_repairs_documents_index_and_vocabulary(client):
    kept = experience("Cammino dei cittadini")
    gone = experience("Cammino dimenticato", slug="cammino-dimenticato")
    organisation("Cammino associazione")
    index_all()
    # Drift: an object deleted without signals, a document lost, the index and the
    # vocabulary emptied.
    Experience.objects.filter(pk=gone.pk).delete()
    SearchDocument.objects.filter(object_pk=kept.pk, kind="experience").delete()
    get_app_config().get_model("IndexEntry").objects.filter(
        content_type=ContentType.objects.get_for_model(SearchDocument)
    ).delete()
    SearchTerm.objects.all().delete()
    output = io.StringIO()

    call_command("rebuild_search", stdout=output)

    assert sorted(titles(search(client, "cammino"))) == [
        "Cammino associazione",
        "Cammino dei cittadini",
    ]
    assert word_count("cammino") == 2
    text = output.getvalue()
    assert "experience: 1 oggetti, 1 documenti creati, 0 aggiornati, 1 eliminati" in text
    assert "indice di ricerca: 2 documenti" in text
    assert "Ricerca ricostruita" in text


def test_rebuild_search_twice_changes_nothing():
    experience("Festa di strada")
    call_command("rebuild_search", stdout=io.StringIO())
    output = io.StringIO()

    call_command("rebuild_search", stdout=output)

    assert "1 oggetti, 0 documenti creati, 0 aggiornati, 0 eliminati" in output.getvalue()


def test_bench_and_demo_seeds_index_only_what_is_missing():
    experience("Cortile aperto")
    messages: list[str] = []

    bench.seed(scale=0.01, log=messages.append)
    bench.seed(scale=0.01, log=messages.append)
    demo.seed(messages.append)

    assert messages == [
        "ricerca: 1 documenti creati",
        "ricerca: 0 documenti creati",
        "ricerca: 0 documenti creati",
    ]
    assert word_count("cortile") == 1


def test_vocabulary_counts_public_documents_only():
    experience("Piazza verde")
    experience("Piazza grande", slug="piazza-grande")
    restrict(news("Piazza riservata", n=1), PageViewRestriction.LOGIN)

    index_all()

    assert word_count("piazza") == 2
    assert word_count("riservata") == 0
    assert SearchTerm.objects.get(word="piazza").stem == "piazz"
