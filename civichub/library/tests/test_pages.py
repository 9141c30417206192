"""The page of each kind of resource, the podcast series and the collections: what
each shows, what visitors cannot reach, previews, and constant query counts."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from civichub.experiences.models import Experience, State
from civichub.experiences.tests.factories import ExperienceFactory
from civichub.organisations.tests.factories import OrganisationFactory
from civichub.taxonomy.models import ParticipatoryMethod, Theme

from ..models import (
    LibraryIndexPage,
    Phase,
    PodcastEpisodePage,
    ResourceKind,
    ResourcePage,
    Speaker,
    video_embed,
)
from ..tasks import refresh_derivatives
from .factories import collection, document, library_index, podcast_series, resource, wav_bytes

pytestmark = pytest.mark.django_db


def get(page, client: Client | None = None) -> str:
    response = (client or Client()).get(page.url)
    assert response.status_code == 200
    return response.content.decode()


# --- what every kind shares -----------------------------------------------------------------


def test_the_metadata_box_files_citation_and_share(django_assert_max_num_queries):
    theme = Theme.objects.get(slug="giovani")
    method = ParticipatoryMethod.objects.get(slug="world-cafe")
    organisation = OrganisationFactory.create(name="Associazione Il Ponte", slug="il-ponte")
    guide = resource(
        ResourceKind.GUIDE,
        title="Co-progettare con i giovani",
        slug="co-progettare-giovani",
        themes=[theme],
        methods=[method],
        phase=Phase.DESIGN,
        for_public_bodies=True,
        for_facilitators=True,
        authors="Maria Rossi, Luca Bianchi",
        organisation=organisation,
        publication_date=datetime.date(2025, 5, 6),
        files=[document("modello-invito.docx", b"PK\x03\x04 modello", title="Modello di invito")],
    )
    file = guide.files.get()

    with django_assert_max_num_queries(40):
        content = get(guide)

    assert "Guida operativa" in content
    assert '/strumenti/?tipo=guida"' in content
    assert f'/strumenti/?tema={theme.slug}"' in content
    assert f'/strumenti/?metodo={method.slug}"' in content
    assert '/strumenti/?fase=progettazione"' in content
    assert '/strumenti/?pubblico=pa"' in content
    assert '/strumenti/?pubblico=facilitatori"' in content
    assert '/strumenti/?livello=base"' in content
    assert '/strumenti/?lingua=it"' in content
    assert "Maria Rossi, Luca Bianchi" in content
    assert '<a href="/organizzazioni/il-ponte/">Associazione Il Ponte</a>' in content
    assert "6 maggio 2025" in content.lower()  # the month's case depends on the locale files
    assert 'rel="license noopener">CC BY 4.0</a>' in content
    assert (
        "Maria Rossi, Luca Bianchi (2025). Co-progettare con i giovani. Associazione Il Ponte. "
        "Civic Hub. http://testserver/strumenti/co-progettare-giovani/ (CC BY 4.0)"
    ) in content
    assert f'href="/strumenti/file/{file.pk}/">Modello di invito</a>' in content
    assert "(DOCX, 12\xa0bytes)" in content
    assert 'rel="canonical" href="http://testserver/strumenti/co-progettare-giovani/"' in content
    assert 'id="riscontro"' in content


def test_related_resources_share_the_kind_or_a_theme_at_most_three():
    theme = Theme.objects.get(slug="giovani")
    page = resource(ResourceKind.TOOLKIT, themes=[theme], title="Il kit di partenza")
    for n in range(3):
        resource(ResourceKind.TOOLKIT, title=f"Altro kit {n}")
    resource(
        ResourceKind.WEBINAR, themes=[theme], title="Webinar giovani",
        publication_date=datetime.date.today() + datetime.timedelta(days=1),
    )  # fmt: skip
    resource(ResourceKind.WEBINAR, title="Webinar senza legami")
    resource(ResourceKind.TOOLKIT, title="Kit in bozza", live=False)

    content = get(page)

    section = content[content.index('id="correlati"') :]
    assert "Webinar giovani" in section
    assert sum(f"Altro kit {n}" in section for n in range(3)) == 2
    assert "Webinar senza legami" not in section
    assert "Kit in bozza" not in section
    assert section.count('class="card-title') == 3


def test_drafts_and_restricted_resources_are_not_shown_to_visitors():
    draft = resource(ResourceKind.GUIDE, live=False, slug="guida-bozza")
    restricted = resource(ResourceKind.GUIDE, slug="guida-riservata")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")

    assert Client().get("/strumenti/guida-bozza/").status_code == 404
    assert Client().get("/strumenti/guida-riservata/").status_code == 302  # to the login
    assert draft.pk


@pytest.mark.parametrize("kind", list(ResourceKind))
def test_every_kind_can_be_previewed_while_a_draft(kind):
    page = resource(kind, live=False)

    response = page.make_preview_request()

    assert response.status_code == 200
    content = response.content.decode()
    assert page.title in content
    assert 'id="riscontro"' not in content  # no feedback on a draft
    assert "Scarica in PDF" not in content  # nor routes that serve live pages only


def test_the_index_and_a_collection_can_be_previewed():
    index = library_index()
    page = collection([resource(ResourceKind.GUIDE)])

    assert index.specific.make_preview_request().status_code == 200
    assert page.make_preview_request().status_code == 200
    assert isinstance(index.specific, LibraryIndexPage)


# --- each kind --------------------------------------------------------------------------------


def test_a_guide_has_a_table_of_contents_with_unique_anchors_and_a_pdf_link():
    guide = resource(
        ResourceKind.GUIDE,
        slug="guida-indice",
        body=[
            {"type": "heading", "value": {"text": "Il metodo", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Testo <b>importante</b>.</p>"},
            {"type": "heading", "value": {"text": "Il metodo", "level": "h3"}},
            {"type": "heading", "value": {"text": "Riscontro", "level": "h2"}},
            {"type": "callout", "value": {"kind": "tip", "title": "", "text": "Un consiglio."}},
            {"type": "checklist", "value": {"title": "Da fare", "items": ["Sala", "Inviti"]}},
        ],
    )

    content = get(guide)

    assert '<h2 id="il-metodo" class="guide-heading">Il metodo</h2>' in content
    assert '<h3 id="il-metodo-2" class="guide-heading">Il metodo</h3>' in content
    assert '<h2 id="riscontro-2" class="guide-heading">Riscontro</h2>' in content
    assert content.count('id="riscontro"') == 1  # the feedback box keeps its id
    assert '<a href="#il-metodo">' in content
    assert '<a href="#il-metodo-2">' in content
    assert 'href="/strumenti/guida-indice/pdf/"' in content
    assert "Scarica in PDF" in content
    assert "<b>importante</b>" in content
    assert "Consiglio" in content
    assert "Un consiglio." in content
    assert "<li>Inviti</li>" in content


def test_a_document_shows_its_preview_page_count_and_counted_download():
    page = resource(
        ResourceKind.DOCUMENT,
        slug="analisi",
        description="<p>Un'analisi dei bisogni.</p>",
    )
    refresh_derivatives.call(page.pk)
    page.refresh_from_db()

    content = get(page)

    assert "2 pagine" in content
    assert "Un&#x27;analisi dei bisogni." in content or "Un'analisi dei bisogni." in content
    assert 'href="/strumenti/analisi/scarica/"' in content
    assert "Scarica il documento" in content
    assert "<img" in content
    assert "images/" in content


def test_a_webinar_loads_the_player_only_on_request():
    page = resource(
        ResourceKind.WEBINAR,
        video_url="https://youtu.be/dQw4w9WgXcQ",
        transcript="Buongiorno a tutti.",
        slides=document("slide.pdf"),
        recorded_on=datetime.date(2025, 2, 3),
    )
    Speaker.objects.create(webinar=page, name="Anna Verdi", role="Comune di Bologna")

    content = get(page)

    assert "<iframe" not in content
    embed = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;rel=0"
    assert f'data-embed-src="{embed}"' in content
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in content  # works without JS
    assert "<details" in content
    assert "Buongiorno a tutti." in content
    assert "Scarica le slide" in content
    assert "Anna Verdi" in content
    assert "Comune di Bologna" in content
    assert "Durata: 60 minuti" in content


def test_a_webinar_file_plays_with_captions():
    page = resource(
        ResourceKind.WEBINAR,
        video_url="",
        video_file=document("webinar.mp4", b"\x00\x00\x00\x18ftypmp42"),
        captions=document("sottotitoli.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nCiao\n"),
    )

    content = get(page)

    assert "<video" in content
    assert 'type="video/mp4"' in content
    assert '<track kind="captions" srclang="it"' in content
    assert "data-embed-src" not in content


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://www.youtube.com/watch?v=abcDEF12345&t=3", "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1&rel=0"),
        ("https://youtube.com/shorts/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345?autoplay=1&rel=0"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
        ("https://vimeo.com/76979871/abc123def", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123def"),
        ("https://player.vimeo.com/video/76979871?h=abc123", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123"),
        ("https://www.youtube.com/watch?v=<script>", None),
        ("https://example.org/video.mp4", None),
        ("", None),
    ],
)  # fmt: skip
def test_video_embeds(url, embed):
    result = video_embed(url)

    assert (result["embed_url"] if result else None) == embed


def test_an_episode_has_its_player_duration_notes_and_subscription():
    series = podcast_series(title="Voci", slug="voci")
    episode = resource(
        ResourceKind.PODCAST,
        parent=series,
        slug="ep-uno",
        audio=document("ep.wav", wav_bytes(2.0)),
        season=2,
        episode_number=5,
        show_notes="<p>Ospite: <i>Anna</i>.</p>",
        transcript="Testo dell'episodio.",
    )
    PodcastEpisodePage.objects.filter(pk=episode.pk).update(duration_seconds=3725)

    content = get(episode)

    assert '<audio class="episode-player__audio" controls preload="none"' in content
    assert '<time datetime="PT1H2M5S">1:02:05</time>' in content
    assert "Stagione 2" in content
    assert "Episodio 5" in content
    assert "<i>Anna</i>" in content
    assert "Testo dell" in content
    assert "<details" in content
    assert 'href="http://testserver/strumenti/voci/ep-uno/trascrizione/"' in content
    assert '<a href="/strumenti/voci/">Voci</a>' in content
    assert 'value="http://testserver/strumenti/voci/feed/"' in content
    assert "Iscriviti al podcast" in content


def test_a_series_lists_its_live_episodes_newest_first():
    series = podcast_series(title="Voci", slug="voci")
    for n, day in ((1, 3), (2, 9)):
        resource(
            ResourceKind.PODCAST,
            parent=series,
            title=f"Episodio numero {n}",
            publication_date=datetime.date(2025, 1, day),
            duration_seconds=65 * n,
        )
    resource(ResourceKind.PODCAST, parent=series, title="Episodio in bozza", live=False)

    content = get(series)

    assert content.index("Episodio numero 2") < content.index("Episodio numero 1")
    assert "Episodio in bozza" not in content
    assert "02:10" in content
    assert "01:05" in content
    assert 'href="http://testserver/strumenti/voci/feed/"' in content
    assert "Un podcast sulla partecipazione." in content


def test_series_page_queries_do_not_grow_with_the_episodes():
    series = podcast_series(slug="serie-conteggio")

    def queries() -> int:
        get(series)  # one-off writes: the hub's settings row, image renditions
        cache.clear()  # then the same cold caches for every count
        with CaptureQueriesContext(connection) as captured:
            get(series)
        return len(captured)

    for _ in range(2):
        resource(ResourceKind.PODCAST, parent=series)
    with_two = queries()
    for _ in range(19):
        resource(ResourceKind.PODCAST, parent=series)
    with_twenty_one = queries()  # 20 on the first page, then pagination

    assert with_two == with_twenty_one
    assert "pagina=2" in get(series)


def test_a_toolkit_shows_instructions_and_a_table_of_files():
    page = resource(
        ResourceKind.TOOLKIT,
        instructions="<p>Compila il modello.</p>",
        files=[document("modello.odt", b"odt"), document("budget.xlsx", b"xlsx")],
    )

    content = get(page)

    assert "Compila il modello." in content
    assert "<table" in content
    assert "<td>ODT</td>" in content
    assert "<td>XLSX</td>" in content


def test_a_method_sheet_shows_method_steps_facts_and_risks():
    method = ParticipatoryMethod.objects.get(slug="world-cafe")
    page = resource(
        ResourceKind.METHOD,
        method=method,
        when_not_to_use="Quando la decisione è già presa.",
        steps=[
            {
                "type": "step",
                "value": {"title": "Accoglienza", "text": "Si parte.", "duration": "15 minuti"},
            },
            {"type": "step", "value": {"title": "Tavoli", "text": "Si discute.", "duration": ""}},
        ],
        group_size="da 15 a 40",
        materials="Tovaglie di carta",
    )

    content = get(page)

    assert f'href="/strumenti/?metodo={method.slug}">{method.name}</a>' in content
    assert f'/esperienze/?metodo={method.slug}"' in content
    assert '<ol class="method-steps">' in content
    assert content.index("Accoglienza") < content.index("Tavoli")
    assert "15 minuti" in content
    assert "Mezza giornata" in content
    assert "da 15 a 40" in content
    assert "Basso (fino a 1.000 €)" in content
    assert "Tovaglie di carta" in content
    assert "Quando la decisione è già presa." in content
    assert "Tavoli troppo affollati." in content


def test_a_case_study_links_its_experience_only_when_published():
    published = ExperienceFactory.create(title="Bilancio partecipativo di Reggio")
    unpublished = ExperienceFactory.create(title="Esperienza ritirata")
    with_published = resource(ResourceKind.CASE_STUDY, experience=published)
    with_unpublished = resource(ResourceKind.CASE_STUDY, experience=unpublished)
    Experience.objects.filter(pk=unpublished.pk).update(state=State.DRAFT)

    content = get(with_published)

    assert f'href="{published.get_absolute_url()}">Bilancio partecipativo di Reggio</a>' in content
    for heading in ("Contesto", "Approccio", "Risultati", "Cosa insegna"):
        assert f">{heading}</h2>" in content
    assert "Esperienza ritirata" not in get(with_unpublished)


def test_a_collection_shows_its_live_items_in_order_with_notes():
    first = resource(ResourceKind.GUIDE, title="Primo strumento")
    second = resource(ResourceKind.WEBINAR, title="Secondo strumento")
    hidden = resource(ResourceKind.GUIDE, title="Strumento in bozza", live=False)
    page = collection(
        [second, hidden, first], month=datetime.date(2025, 3, 17), intro="Il programma di marzo."
    )
    item = page.items.get(resource=second)
    item.note = "Da vedere per primo."
    item.save()

    content = get(page)

    assert content.index("Secondo strumento") < content.index("Primo strumento")
    assert "Strumento in bozza" not in content
    assert "Da vedere per primo." in content
    assert "il programma di marzo 2025" in content.lower()
    assert "Il programma di marzo." in content


def test_collection_page_queries_do_not_grow_with_the_items():
    resources = [resource(ResourceKind.GUIDE, cover=None) for _ in range(6)]
    small = collection(resources[:2])
    large = collection(resources)

    def queries(page) -> int:
        get(page)  # one-off writes: the hub's settings row, image renditions
        cache.clear()  # then the same cold caches for every count
        with CaptureQueriesContext(connection) as captured:
            get(page)
        return len(captured)

    assert queries(small) == queries(large)


def test_resource_pages_do_not_grow_with_files_and_related():
    theme = Theme.objects.get(slug="giovani")
    few = resource(ResourceKind.TOOLKIT, themes=[theme])  # one file
    resource(ResourceKind.TOOLKIT, themes=[theme])  # one related

    def queries(page: ResourcePage) -> int:
        get(page)  # one-off writes: the hub's settings row, image renditions
        cache.clear()  # then the same cold caches for every count
        with CaptureQueriesContext(connection) as captured:
            get(page)
        return len(captured)

    before = queries(few)
    many = resource(
        ResourceKind.TOOLKIT,
        themes=[theme],
        files=[document(f"file-{n}.pdf") for n in range(5)],
    )
    for _ in range(3):
        resource(ResourceKind.TOOLKIT, themes=[theme])

    assert queries(many) == before
    assert get(many).count('class="card-title') == 3
