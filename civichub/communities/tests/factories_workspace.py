"""Shared files and project spaces for tests, and small uploads of every accepted kind.
The factories write rows directly (a file with one version, a project without
revisions): tests of revisions and counters go through ``services.workspace``."""

import io
import zipfile
from typing import Any

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from civichub.accounts.tests.factories import UserFactory

from ..models import FileVersion, ProjectComment, ProjectSpace, SharedFile
from .factories import AreaFactory

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "verbale.pdf", size: int = 0) -> SimpleUploadedFile:
    """A small PDF (padded to ``size`` bytes when given)."""
    content = PDF_BYTES + b"%" * max(0, size - len(PDF_BYTES))
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_upload(name: str = "proposta.docx") -> SimpleUploadedFile:
    """A minimal Word document (what ``filetype`` recognises as docx)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def csv_upload(name: str = "partecipanti.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, "comune;partecipanti\nModena;42\nForlì;18\n".encode(), content_type="text/csv"
    )


def exe_upload(name: str = "documento.pdf") -> SimpleUploadedFile:
    """A Windows program under a harmless name."""
    return SimpleUploadedFile(name, b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")


class SharedFileFactory(factory.django.DjangoModelFactory[SharedFile]):
    class Meta:
        model = SharedFile
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Verbale dell'incontro {n}")
    description = "Le decisioni prese e i compiti di ciascuno."
    uploaded_by = factory.SubFactory(UserFactory)
    versions_count = 1

    @factory.post_generation
    def version(shared_file: SharedFile, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not False:
            FileVersionFactory(shared_file=shared_file, uploaded_by=shared_file.uploaded_by)


class FileVersionFactory(factory.django.DjangoModelFactory[FileVersion]):
    class Meta:
        model = FileVersion

    shared_file = factory.SubFactory(SharedFileFactory, version=False)
    number = 1
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="upload"))
    original_name = "verbale.pdf"
    size = len(PDF_BYTES)
    mime = "application/pdf"
    uploaded_by = factory.SubFactory(UserFactory)


class ProjectSpaceFactory(factory.django.DjangoModelFactory[ProjectSpace]):
    class Meta:
        model = ProjectSpace

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Laboratorio di quartiere {n}")
    slug = factory.Sequence(lambda n: f"laboratorio-{n}")
    summary = "Un percorso partecipato per riprogettare la piazza con chi la vive."
    objectives = "Raccogliere i bisogni degli abitanti."
    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("created_by")


class ProjectCommentFactory(factory.django.DjangoModelFactory[ProjectComment]):
    class Meta:
        model = ProjectComment

    project = factory.SubFactory(ProjectSpaceFactory)
    author = factory.SubFactory(UserFactory)
    body = "Propongo di coinvolgere anche la scuola media del quartiere."
