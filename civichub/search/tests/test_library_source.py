"""Library resources in the site search: the text of every kind, publishing, view
restrictions, subclasses of the registered page model, bulk reads."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from civichub.accounts.tests.factories import UserFactory
from civichub.library.models import (
    DocumentPage,
    GuidePage,
    PodcastEpisodePage,
    ResourceKind,
    ResourcePage,
)
from civichub.library.tests.factories import document, pdf_bytes, resource
from civichub.organisations.tests.factories import OrganisationFactory
from civichub.taxonomy.models import ParticipatoryMethod, Theme

from ..models import SearchDocument, Visibility
from ..registry import source_for
from ..services import index_objects
from .factories import index_all, restrict, search, titles

pytestmark = pytest.mark.django_db


def guide(title: str, text: str, **fields) -> ResourcePage:
    body = [{"type": "paragraph", "value": f"<p>{text}</p>"}]
    return resource(ResourceKind.GUIDE, title=title, body=body, **fields)


def test_the_resource_source_covers_every_kind() -> None:
    source = source_for(ResourcePage)

    assert source is not None
    assert source.kind == "resource"
    assert source.slug == "strumenti"
    assert source_for(GuidePage) is source
    assert source_for(PodcastEpisodePage) is source


def test_a_published_guide_is_found_by_a_word_of_its_body(
    client, django_capture_on_commit_callbacks
) -> None:
    # No index_all(): the receivers of the GuidePage subclass index it on commit.
    with django_capture_on_commit_callbacks(execute=True):
        guide("Guida alla facilitazione", "Come preparare una mappa degli attori locali.")

    response = search(client, "attori")

    assert titles(response) == ["Guida alla facilitazione"]
    hit = response.context["page_obj"].object_list[0]
    assert hit.document.url.startswith("/strumenti/")
    assert SearchDocument.objects.get().content_type == ContentType.objects.get_for_model(
        ResourcePage
    )


def test_a_document_is_found_by_a_word_of_its_extracted_text(
    client, django_capture_on_commit_callbacks
) -> None:
    text = "Indicatori di esito del monitoraggio civico"
    with django_capture_on_commit_callbacks(execute=True):
        # The text is set as the derivatives task would; the PDF holds it too, so the
        # task (if it runs on publish) extracts the same words.
        resource(
            ResourceKind.DOCUMENT,
            title="Rapporto annuale",
            document=document("rapporto.pdf", pdf_bytes(text)),
            extracted_text=text,
        )

    assert titles(search(client, "monitoraggio")) == ["Rapporto annuale"]


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (ResourceKind.WEBINAR, {"transcript": "Parliamo di sorteggio stratificato."}),
        (ResourceKind.PODCAST, {"show_notes": "<p>Ospite una sindaca.</p>", "transcript": ""}),
        (ResourceKind.PODCAST, {"transcript": "Benvenuti, oggi parliamo di sorteggio."}),
        (ResourceKind.TOOLKIT, {"instructions": "<p>Compila il modello di sorteggio.</p>"}),
        (ResourceKind.METHOD, {"risks": "Un sorteggio poco trasparente."}),
        (ResourceKind.CASE_STUDY, {"lessons": "<p>Il sorteggio ha convinto tutti.</p>"}),
    ],
)
def test_the_text_of_each_kind_is_searchable(client, kind: str, fields: dict) -> None:
    resource(kind, title="Risorsa di prova", **fields)
    index_all()
    word = "sindaca" if "sindaca" in str(fields) else "sorteggio"

    assert titles(search(client, word)) == ["Risorsa di prova"]


def test_themes_methods_kind_authors_and_organisation_are_keywords(client) -> None:
    organisation = OrganisationFactory.create(name="Cooperativa Girasole")
    guide(
        "Quaderno operativo",
        "Testo neutro.",
        themes=[Theme.objects.get(slug="mobilita")],
        methods=[ParticipatoryMethod.objects.get(slug="world-cafe")],
        authors="Chiara Bellandi",
        organisation=organisation,
    )
    index_all()

    for words in ("mobilità", "café", "guida operativa", "bellandi"):
        assert titles(search(client, words)) == ["Quaderno operativo"], words
    # The organisation is a search result of its own too.
    assert "Quaderno operativo" in titles(search(client, "girasole"))
    themes = search(client, "quaderno").context["theme_options"]
    assert [option["label"] for option in themes] == ["Mobilità sostenibile"]


def test_italian_stems_match_across_word_forms(client) -> None:
    guide("Scuola di cittadinanza", "Un percorso di partecipazione per le scuole.")
    index_all()

    assert titles(search(client, "partecipativo")) == ["Scuola di cittadinanza"]


def test_a_draft_is_never_found(client, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        guide("Bozza riservata", "Appunti sul quartiere.", live=False)
    index_all()

    assert titles(search(client, "quartiere")) == []
    assert not SearchDocument.objects.exists()


def test_an_unpublished_resource_disappears_and_comes_back(
    client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = guide("Patti di collaborazione", "Regolamento dei beni comuni urbani.")
    assert titles(search(client, "regolamento")) == ["Patti di collaborazione"]

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles(search(client, "regolamento")) == []

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles(search(client, "regolamento")) == ["Patti di collaborazione"]

    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert titles(search(client, "regolamento")) == []
    assert not SearchDocument.objects.exists()


def test_edits_of_a_resource_are_indexed(client, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = guide("Guida al bilancio", "Testo neutro.")
    with django_capture_on_commit_callbacks(execute=True):
        page.summary = "Le tappe del voto online."
        page.save()

    assert titles(search(client, "voto")) == ["Guida al bilancio"]


def test_a_login_restriction_shows_the_resource_to_members_only(
    client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = guide("Materiali per i soci", "Verbale della riunione.")
        restrict(page, PageViewRestriction.LOGIN)

    assert titles(search(client, "verbale")) == []
    assert SearchDocument.objects.get().visibility == Visibility.MEMBERS
    client.force_login(UserFactory.create())
    assert titles(search(client, "verbale")) == ["Materiali per i soci"]


def test_a_password_restriction_on_the_index_hides_every_resource(
    client, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = guide("Raccolta di schede", "Lavagna e pennarelli.")
    assert titles(search(client, "lavagna")) == ["Raccolta di schede"]

    with django_capture_on_commit_callbacks(execute=True):
        restrict(page.get_parent(), PageViewRestriction.PASSWORD)
    client.force_login(UserFactory.create())

    assert titles(search(client, "lavagna")) == []
    assert not SearchDocument.objects.exists()


def _index_queries(pks: list[int]) -> int:
    source = source_for(ResourcePage)
    assert source is not None
    with CaptureQueriesContext(connection) as queries:
        index_objects(source, pks, update_backend=False, update_vocabulary=False)
    return len(queries)


def test_indexing_reads_resources_in_bulk() -> None:
    """One query per kind for the specific rows, whatever the number of pages."""
    kinds = [ResourceKind.GUIDE, ResourceKind.DOCUMENT, ResourceKind.METHOD]
    few = [resource(kind).pk for kind in kinds]
    _index_queries(few)  # fills the per-process caches (content types, site root paths)
    SearchDocument.objects.all().delete()
    with_few = _index_queries(few)
    many = few + [resource(kind).pk for kind in kinds * 3]
    SearchDocument.objects.all().delete()

    assert _index_queries(many) == with_few
    assert SearchDocument.objects.count() == 12
    assert DocumentPage.objects.count() == 4
