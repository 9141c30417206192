"""Proposing a resource from the site: each kind becomes a draft page in the index's
workflow, promoters are told; bad input is explained and saves nothing."""

import datetime
import io
import zipfile
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import PageLogEntry, Revision, Workflow, WorkflowState

from civichub.accounts.models import PROMOTERS_GROUP, User
from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory
from civichub.experiences.tests.factories import DraftFactory, ExperienceFactory
from civichub.organisations.tests.factories import OrganisationFactory, member
from civichub.taxonomy.models import ParticipatoryMethod, Theme

from .. import services
from ..models import (
    CaseStudyPage,
    DocumentPage,
    GuidePage,
    MethodSheetPage,
    ResourceKind,
    ResourcePage,
    ToolkitPage,
    WebinarPage,
)
from .factories import library_index, pdf_bytes

pytestmark = pytest.mark.django_db

URL = "/strumenti/proponi/"


def pdf_upload(name: str = "analisi.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content or pdf_bytes("Analisi"), "application/pdf")


def docx_bytes() -> bytes:
    """A minimal Word document (enough for content sniffing)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_upload() -> SimpleUploadedFile:
    from civichub.accounts.tests.factories import image_upload

    return image_upload("finto.pdf")


@pytest.fixture
def index():
    return library_index()


@pytest.fixture
def promoter() -> User:
    user = PromoterFactory.create()
    user.groups.add(Group.objects.get(name=PROMOTERS_GROUP))
    return user


@pytest.fixture
def contributor() -> User:
    return ContributorFactory.create()


@pytest.fixture
def client_for(contributor) -> Client:
    client = Client()
    client.force_login(contributor)
    return client


def common(**fields: Any) -> dict[str, Any]:
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None
    return {
        "title": "Come si fa un world café",
        "summary": "Una guida pratica,\nin poche pagine.",
        "themes": [theme.pk],
        "phase": "design",
        "audiences": ["pa", "facilitatori"],
        "level": "intro",
        "language": "it",
        "licence": "CC-BY-4.0",
        "authors": "Anna Bianchi, Luca Verdi",
        **fields,
    }


def kind_data(kind: str) -> dict[str, Any]:
    method = ParticipatoryMethod.objects.order_by("pk").first()
    assert method is not None
    if kind == ResourceKind.GUIDE:
        return {"text": "Primo paragrafo.\n\nSecondo <b>paragrafo</b>."}
    if kind == ResourceKind.DOCUMENT:
        return {"file": pdf_upload(), "text": "Un'analisi dei bisogni."}
    if kind == ResourceKind.TOOLKIT:
        return {
            "file": SimpleUploadedFile("modello.docx", docx_bytes()),
            "text": "Compila il modello.",
        }
    if kind == ResourceKind.WEBINAR:
        return {"video_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}
    if kind == ResourceKind.METHOD:
        return {
            "method": method.pk,
            "when_to_use": "Quando serve ascoltare molte persone.",
            "steps": "Accoglienza: si presentano le regole\nGiri ai tavoli",
            "duration": "Mezza giornata",
            "roles": "Un facilitatore per tavolo.",
            "risks": "Tavoli troppo affollati.",
        }
    return {
        "experience": f"https://hub.example.org/esperienze/{ExperienceFactory.create().slug}/",
        "context": "Un quartiere.",
        "approach": "Tavoli.",
        "results": "Un parco.",
        "lessons": "Ascoltare.",
    }


MODELS = {
    ResourceKind.GUIDE: GuidePage,
    ResourceKind.DOCUMENT: DocumentPage,
    ResourceKind.TOOLKIT: ToolkitPage,
    ResourceKind.WEBINAR: WebinarPage,
    ResourceKind.METHOD: MethodSheetPage,
    ResourceKind.CASE_STUDY: CaseStudyPage,
}


def nothing_saved() -> bool:
    return (
        not ResourcePage.objects.exists()
        and not Document.objects.exists()
        and not WorkflowState.objects.exists()
    )


def test_the_form_offers_every_kind_but_podcasts(index, client_for):
    page = client_for.get(URL)
    html = page.content.decode()
    assert page.status_code == 200
    for kind in services.PROPOSABLE_KINDS:
        assert f'value="{kind}"' in html
    assert 'value="podcast"' not in html
    assert 'data-propose-kinds="document toolkit"' in html
    assert "library/propose.js" in html
    assert 'name="organisation"' not in html  # the contributor belongs to none


def test_only_own_organisations_are_offered(index, contributor, client_for):
    mine = OrganisationFactory.create(name="Rete civica di quartiere")
    member(mine, contributor)
    pending = OrganisationFactory.create(name="Associazione in attesa")
    member(pending, contributor, status="pending")
    other = OrganisationFactory.create(name="Fondazione altrui")

    html = client_for.get(URL).content.decode()
    assert "Rete civica di quartiere" in html
    assert "Associazione in attesa" not in html
    assert "Fondazione altrui" not in html

    response = client_for.post(
        URL, {**common(organisation=other.pk), "kind": "guide", **kind_data("guide")}
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert nothing_saved()

    response = client_for.post(
        URL, {**common(organisation=mine.pk), "kind": "guide", **kind_data("guide")}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert ResourcePage.objects.get().organisation == mine


@pytest.mark.parametrize("kind", list(MODELS))
def test_proposing_each_kind(
    kind, index, contributor, client_for, promoter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for.post(URL, {**common(), "kind": kind, **kind_data(kind)})

    assert response.status_code == 302, response.context["form"].errors
    assert response["Location"] == "/strumenti/mie/"
    page = MODELS[kind].objects.get()
    assert page.kind == kind
    assert not page.live
    assert page.proposed_by == contributor
    assert page.owner == contributor
    assert page.get_parent().pk == index.pk
    assert page.slug == "come-si-fa-un-world-cafe"
    assert page.summary == "Una guida pratica, in poche pagine."
    assert page.for_public_bodies
    assert page.for_facilitators
    assert not page.for_citizens
    assert list(page.themes.all()) == [Theme.objects.order_by("pk").first()]
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow == Workflow.objects.get(name=services.WORKFLOW_NAME)
    assert state.requested_by == contributor
    assert state.current_task_state.status == "in_progress"
    assert PageLogEntry.objects.filter(
        page=page, action="civichub.library.propose", user=contributor
    ).exists()
    # The promoter hears of it once (ours, not also Wagtail's "submitted" message).
    to_promoter = [m for m in mail.outbox if m.to == [promoter.email]]
    assert len(to_promoter) == 1
    assert "Come si fa un world café" in to_promoter[0].subject
    assert f"/admin/pages/{page.pk}/edit/" in to_promoter[0].body
    assert not [m for m in mail.outbox if m.to == [contributor.email]]


def test_kind_specific_content(index, client_for):
    for kind in (ResourceKind.GUIDE, ResourceKind.TOOLKIT, ResourceKind.METHOD):
        data = {**common(title=f"Strumento {kind}"), "kind": kind, **kind_data(kind)}
        assert client_for.post(URL, data).status_code == 302

    guide = GuidePage.objects.get()
    assert [block.block_type for block in guide.body] == ["paragraph", "paragraph"]
    assert guide.body[1].value.source == "<p>Secondo &lt;b&gt;paragrafo&lt;/b&gt;.</p>"
    toolkit = ToolkitPage.objects.get()
    (file,) = toolkit.files.all()
    assert file.title == "modello.docx"
    assert file.document.file.name.endswith(".docx")
    assert "modello" not in file.document.file.name  # stored under a random name
    sheet = MethodSheetPage.objects.get()
    assert [step.value["title"] for step in sheet.steps] == ["Accoglienza", "Passo 2"]
    assert sheet.steps[1].value["text"] == "Giri ai tavoli"


@pytest.mark.parametrize(
    ("kind", "fields", "field", "message"),
    [
        ("document", {"file": png_upload}, "file", "non è di un tipo ammesso"),
        ("document", {"file": None}, "file", "Carica il documento PDF"),
        ("toolkit", {"file": lambda: SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 100)},
         "file", "non è di un tipo ammesso"),
        ("webinar", {"video_url": "https://example.org/video/123"}, "video_url",
         "solo video di YouTube o Vimeo"),
        ("webinar", {"video_url": "https://www.youtube.com/"}, "video_url",
         "solo video di YouTube o Vimeo"),
        ("case_study", {"experience": lambda: DraftFactory.create().slug}, "experience",
         "Nessuna esperienza pubblicata"),
        ("case_study", {"experience": "non-esiste"}, "experience",
         "Nessuna esperienza pubblicata"),
        ("method", {"steps": "", "duration": ""}, "steps", "almeno un passo"),
        ("guide", {"text": " "}, "text", "Scrivi il testo della guida"),
    ],
)  # fmt: skip
def test_bad_input_is_explained_and_saves_nothing(kind, fields, field, message, index, client_for):
    data = {**common(), "kind": kind, **kind_data(kind)}
    for name, value in fields.items():
        value = value() if callable(value) else value
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value

    response = client_for.post(URL, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert 'role="alert"' in response.content.decode()
    assert nothing_saved()


def test_a_file_over_20_mb_is_refused(index, client_for):
    big = pdf_bytes() + b"\n%" + b"0" * (services.FILE_MAX_BYTES)
    data = {**common(), "kind": "document", "file": pdf_upload(content=big)}
    response = client_for.post(URL, data)
    assert "troppo grande" in " ".join(response.context["form"].errors["file"])
    assert nothing_saved()


def test_missing_common_fields(index, client_for):
    response = client_for.post(URL, {"kind": "podcast", "title": "", "summary": ""})
    errors = response.context["form"].errors
    assert set(errors) >= {"kind", "title", "summary"}
    assert nothing_saved()


def test_an_error_after_the_file_is_stored_keeps_nothing(
    index, contributor, monkeypatch, django_capture_on_commit_callbacks
):
    def broken_start(self, obj, user):
        raise RuntimeError("workflow down")

    monkeypatch.setattr(Workflow, "start", broken_start)
    data = {
        **common(),
        "themes": list(Theme.objects.all()[:1]),
        "audiences": [],
        "kind": "document",
        "file": pdf_upload(),
    }
    storage = Document._meta.get_field("file").storage

    def stored_files() -> set[str]:
        return set(storage.listdir("documents")[1]) if storage.exists("documents") else set()

    before = stored_files()
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        services.resource_propose(actor=contributor, data=data)

    assert nothing_saved()
    assert not PageLogEntry.objects.filter(action="civichub.library.propose").exists()
    assert mail.outbox == []
    assert stored_files() == before


def test_at_most_ten_proposals_a_day(index, contributor, client_for):
    entries = [
        PageLogEntry(
            page=index,
            action="civichub.library.propose",
            user=contributor,
            timestamp=timezone.now() - datetime.timedelta(hours=hours),
        )
        for hours in (1, 2, 3, 4, 5, 6, 7, 8, 9, 30)
    ]
    PageLogEntry.objects.bulk_create(entries)
    data = {**common(), "kind": "guide", **kind_data("guide")}

    # Nine in the last 24 hours: one more is allowed.
    assert client_for.post(URL, data).status_code == 302
    response = client_for.post(URL, {**data, "title": "Un'altra guida"})

    assert response.status_code == 429
    assert "massimo consentito" in response.content.decode()
    assert ResourcePage.objects.count() == 1


def test_without_the_index_the_proposal_waits(client_for):
    response = client_for.post(URL, {**common(), "kind": "guide", **kind_data("guide")})
    assert response.status_code == 200
    assert "non è ancora aperta" in response.content.decode()
    assert not ResourcePage.objects.exists()
