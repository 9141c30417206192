"""Shared files: upload, versions, download permissions, deletion, bad uploads."""

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civichub.accounts.tests.factories import PromoterFactory, StaffFactory, UserFactory
from civichub.moderation.models import ContentState, ModerationSettings

from ..models import FileVersion, SharedFile
from ..services import workspace as services
from .factories import (
    AreaFactory,
    MembersAreaFactory,
    PrivateAreaFactory,
    facilitator,
    member,
)
from .factories_workspace import (
    SharedFileFactory,
    csv_upload,
    docx_upload,
    exe_upload,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def _stored() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "communities"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _files_url(area):
    return reverse("communities:files", kwargs={"area": area.slug})


def _upload(client, area, upload, title="Verbale del 12 marzo"):
    return client.post(
        _files_url(area),
        {"title": title, "description": "Le decisioni prese.", "note": "", "file": upload},
    )


# --- upload ----------------------------------------------------------------------------------


def test_member_uploads_a_file(client):
    area = AreaFactory.create()
    user = member(area)
    client.force_login(user)
    before = len(_stored())
    response = _upload(client, area, pdf_upload("Verbale 12-03.pdf"))
    shared_file = SharedFile.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("communities:file", args=[area.slug, shared_file.pk])
    version = shared_file.versions.get()
    assert (version.number, version.original_name, version.mime) == (
        1,
        "Verbale 12-03.pdf",
        "application/pdf",
    )
    assert shared_file.versions_count == 1
    assert shared_file.uploaded_by == user
    # Stored under a random name below communities/<area>/, without the original name.
    assert str(version.file.name).startswith(f"communities/{area.pk}/")
    assert "Verbale" not in str(version.file.name)
    assert len(_stored()) == before + 1


@pytest.mark.parametrize(
    ("upload", "mime"),
    [(docx_upload, "wordprocessingml"), (csv_upload, "text/csv")],
)
def test_office_documents_and_csv_are_accepted(client, upload, mime):
    area = AreaFactory.create()
    client.force_login(member(area))
    assert _upload(client, area, upload()).status_code == 302
    assert mime in FileVersion.objects.get().mime


def test_double_submit_creates_one_file(client):
    area = AreaFactory.create()
    client.force_login(member(area))
    _upload(client, area, pdf_upload())
    _upload(client, area, pdf_upload())
    assert SharedFile.objects.count() == 1
    assert FileVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (exe_upload, "non è di un tipo ammesso"),
        (
            lambda: SimpleUploadedFile("note.txt", b"\x00\x01\x02binario"),
            "non è di un tipo ammesso",
        ),
        (lambda: pdf_upload(size=services.FILE_MAX_BYTES + 1), "troppo grande"),
    ],
)
def test_bad_upload_gets_a_clear_error_and_stores_nothing(client, upload, message):
    area = AreaFactory.create()
    client.force_login(member(area))
    before = len(_stored())
    response = _upload(client, area, upload())
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SharedFile.objects.exists()
    assert len(_stored()) == before


def test_missing_title_keeps_nothing(client):
    area = AreaFactory.create()
    client.force_login(member(area))
    response = _upload(client, area, pdf_upload(), title="")
    assert response.status_code == 400
    assert not SharedFile.objects.exists()


def test_participant_outside_the_area_cannot_upload(client):
    area = AreaFactory.create()
    client.force_login(UserFactory.create())
    response = _upload(client, area, pdf_upload())
    assert response.status_code == 403
    assert not SharedFile.objects.exists()
    # The page shows no upload form to them.
    assert 'enctype="multipart/form-data"' not in client.get(_files_url(area)).content.decode()


def test_visitor_posting_is_sent_to_login(client):
    area = AreaFactory.create()
    response = _upload(client, area, pdf_upload())
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not SharedFile.objects.exists()


def test_suspended_or_rate_limited_member_gets_the_moderation_message(client):
    area = AreaFactory.create()
    user = member(area)
    config = ModerationSettings.load()
    config.posts_per_hour = 1
    config.save()
    client.force_login(user)
    assert _upload(client, area, pdf_upload(), title="Primo").status_code == 302
    response = _upload(client, area, pdf_upload(), title="Secondo")
    assert response.status_code == 400
    assert "nell&#x27;ultima ora" in response.content.decode()
    assert SharedFile.objects.count() == 1


# --- versions --------------------------------------------------------------------------------


def test_member_adds_a_version_and_the_page_lists_both(client):
    area = AreaFactory.create()
    shared_file = SharedFileFactory.create(area=area)
    editor = member(area)
    client.force_login(editor)
    url = reverse("communities:file", args=[area.slug, shared_file.pk])
    response = client.post(url, {"file": docx_upload("proposta v2.docx"), "note": "Dati 2024"})
    assert response.status_code == 302
    shared_file.refresh_from_db()
    assert shared_file.versions_count == 2
    latest = shared_file.versions.get(number=2)
    assert (latest.number, latest.note, latest.uploaded_by) == (2, "Dati 2024", editor)
    page = client.get(url).content.decode()
    assert "Dati 2024" in page
    assert "proposta v2.docx" in page
    assert reverse("communities:file_download", args=[area.slug, shared_file.pk, 1]) in page
    assert reverse("communities:file_download", args=[area.slug, shared_file.pk, 2]) in page


def test_bad_version_changes_nothing(client):
    area = AreaFactory.create()
    shared_file = SharedFileFactory.create(area=area)
    client.force_login(member(area))
    url = reverse("communities:file", args=[area.slug, shared_file.pk])
    response = client.post(url, {"file": exe_upload(), "note": ""})
    assert response.status_code == 400
    shared_file.refresh_from_db()
    assert shared_file.versions_count == 1
    assert shared_file.versions.count() == 1


def test_non_member_cannot_add_a_version(client):
    area = AreaFactory.create()
    shared_file = SharedFileFactory.create(area=area)
    client.force_login(UserFactory.create())
    url = reverse("communities:file", args=[area.slug, shared_file.pk])
    assert client.post(url, {"file": pdf_upload()}).status_code == 403
    assert shared_file.versions.count() == 1


# --- download -----------------------------------------------------------------------------------


def _download(client, shared_file, number=1):
    return client.get(
        reverse("communities:file_download", args=[shared_file.area.slug, shared_file.pk, number])
    )


@pytest.mark.parametrize(
    ("kind", "role", "allowed"),
    [
        ("public", "visitor", True),
        ("public", "participant", True),
        ("members", "visitor", False),
        ("members", "participant", True),
        ("private", "visitor", False),
        ("private", "participant", False),
        ("private", "promoter", False),
        ("private", "member", True),
        ("private", "facilitator", True),
        ("private", "staff", True),
    ],
)
def test_download_permissions(client, kind, role, allowed):
    factories: dict[str, Any] = {
        "public": AreaFactory,
        "members": MembersAreaFactory,
        "private": PrivateAreaFactory,
    }
    area = factories[kind].create()
    shared_file = SharedFileFactory.create(area=area)
    user = {
        "visitor": lambda: None,
        "participant": lambda: UserFactory.create(),
        "promoter": lambda: PromoterFactory.create(),
        "member": lambda: member(area),
        "facilitator": lambda: facilitator(area),
        "staff": lambda: StaffFactory.create(),
    }[role]()
    if user:
        client.force_login(user)
    response = _download(client, shared_file)
    if not allowed:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="verbale.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_promoters_workspace_files_reach_every_promoter(client):
    area = PrivateAreaFactory.create(is_promoters_workspace=True)
    shared_file = SharedFileFactory.create(area=area)
    client.force_login(PromoterFactory.create())
    assert _download(client, shared_file).status_code == 200


def test_unknown_version_and_file_of_another_area_are_404(client):
    area, other = AreaFactory.create(), AreaFactory.create()
    shared_file = SharedFileFactory.create(area=area)
    assert _download(client, shared_file, number=7).status_code == 404
    url = reverse("communities:file_download", args=[other.slug, shared_file.pk, 1])
    assert client.get(url).status_code == 404


def test_stored_file_is_not_reachable_under_media(client):
    area = AreaFactory.create()
    shared_file = SharedFileFactory.create(area=area)
    name = str(shared_file.versions.get().file.name)
    assert name.startswith("communities/")
    # Without the exclusion in civichub/urls.py this would be a 200 with the file.
    response = client.get(f"/media/{name}", follow=True)
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_held_file_is_seen_by_its_uploader_and_moderators_only(client):
    area = AreaFactory.create()
    uploader = member(area)
    shared_file = SharedFileFactory.create(
        area=area, uploaded_by=uploader, moderation_state=ContentState.HELD
    )
    detail = reverse("communities:file", args=[area.slug, shared_file.pk])
    for user, status in [
        (None, 404),
        (member(area), 404),
        (uploader, 200),
        (facilitator(area), 200),
        (PromoterFactory.create(), 200),
    ]:
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(detail).status_code == status
        listed = detail in client.get(_files_url(area)).content.decode()
        assert listed is (status == 200)


# --- delete --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("uploader", True), ("facilitator", True), ("promoter", True), ("member", False)],
)
def test_delete_permissions(client, django_capture_on_commit_callbacks, role, allowed):
    area = AreaFactory.create()
    uploader = member(area)
    client.force_login(uploader)
    _upload(client, area, pdf_upload())
    shared_file = SharedFile.objects.get()
    stored = shared_file.versions.get().file.name
    user = {
        "uploader": lambda: uploader,
        "facilitator": lambda: facilitator(area),
        "promoter": lambda: PromoterFactory.create(),
        "member": lambda: member(area),
    }[role]()
    client.force_login(user)
    url = reverse("communities:file_delete", args=[area.slug, shared_file.pk])
    confirm = client.get(url)
    assert confirm.status_code == (200 if allowed else 403)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    if allowed:
        assert response.status_code == 302
        assert not SharedFile.objects.exists()
        assert not (Path(settings.MEDIA_ROOT) / str(stored)).exists()
    else:
        assert response.status_code == 403
        assert SharedFile.objects.exists()
        assert (Path(settings.MEDIA_ROOT) / str(stored)).exists()


# --- the list ------------------------------------------------------------------------------------


def test_file_list_pages_and_empty_state(client):
    area = AreaFactory.create()
    assert "Nessun file condiviso" in client.get(_files_url(area)).content.decode()
    SharedFileFactory.create_batch(25, area=area)
    page = client.get(_files_url(area)).content.decode()
    assert page.count('class="border-bottom py-3"') == 20
    second = client.get(_files_url(area) + "?pagina=2").content.decode()
    assert second.count('class="border-bottom py-3"') == 5


def test_file_list_query_count_is_constant(client, django_assert_num_queries):
    area = AreaFactory.create()
    viewer = member(area)
    client.force_login(viewer)
    SharedFileFactory.create_batch(2, area=area)
    client.get(_files_url(area))  # warm caches (site, settings, page tree)
    client.get(_files_url(area))
    with CaptureQueriesContext(connection) as small:
        client.get(_files_url(area))
    SharedFileFactory.create_batch(30, area=area)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(_files_url(area)).status_code == 200
