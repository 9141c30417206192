"""Public profiles: per-field visibility, hidden profiles, avatars, query counts."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from civichub.accounts.models import Profile, Visibility
from civichub.accounts.registry import PROFILE_SECTIONS, ProfileSection, register_profile_section
from civichub.accounts.services import user_erase
from civichub.organisations.tests.factories import OrganisationFactory, member, municipality
from civichub.taxonomy.models import Theme

from .factories import NewUserFactory, StaffFactory, UserFactory, image_upload, public_profile

pytestmark = pytest.mark.django_db


def _profile_owner(**visibility: str):
    owner = UserFactory.create(first_name="Giorgio", last_name="Ferri")
    profile = owner.profile
    profile.bio = "Mi occupo di rigenerazione urbana."
    profile.municipality = municipality()
    for name, value in visibility.items():
        setattr(profile, name, value)
    profile.save()
    profile.themes.set(Theme.objects.all()[:2])
    member(OrganisationFactory.create(name="Cooperativa Il Ponte"), owner)
    return owner


def _not_found_body(client, url):
    response = client.get(url)
    assert response.status_code == 404
    # The page links back to its own address (language switch); the rest must match.
    return response.content.decode().replace(url, "URL")


@pytest.mark.parametrize(
    ("visibility", "visitor", "member_", "owner_", "staff"),
    [
        (Visibility.PUBLIC, 200, 200, 200, 200),
        (Visibility.MEMBERS, 404, 200, 200, 200),
        (Visibility.PRIVATE, 404, 404, 200, 200),
    ],
)
def test_whole_profile_visibility(client, visibility, visitor, member_, owner_, staff):
    owner = _profile_owner(visibility=visibility)
    url = f"/persone/{owner.public_id}/"

    assert client.get(url).status_code == visitor
    client.force_login(UserFactory.create())
    assert client.get(url).status_code == member_
    client.force_login(owner)
    assert client.get(url).status_code == owner_
    client.force_login(StaffFactory.create())
    assert client.get(url).status_code == staff


def test_each_field_follows_its_own_visibility(client):
    owner = _profile_owner(
        visibility=Visibility.PUBLIC,
        bio_visibility=Visibility.PUBLIC,
        organisations_visibility=Visibility.MEMBERS,
        territory_visibility=Visibility.PRIVATE,
        themes_visibility=Visibility.MEMBERS,
    )
    theme = owner.profile.themes.first()
    url = f"/persone/{owner.public_id}/"

    anonymous = client.get(url).content.decode()
    assert "Mi occupo di rigenerazione urbana." in anonymous
    assert "Cooperativa Il Ponte" not in anonymous
    assert "Bologna" not in anonymous
    assert theme.name not in anonymous

    client.force_login(UserFactory.create())
    signed_in = client.get(url).content.decode()
    assert "Cooperativa Il Ponte" in signed_in
    assert theme.name in signed_in
    assert "Bologna" not in signed_in

    client.force_login(owner)
    own = client.get(url).content.decode()
    assert "Bologna" in own
    assert "Modifica il profilo" in own


def test_missing_hidden_unjoined_and_erased_profiles_give_the_same_404(client):
    hidden = _profile_owner(visibility=Visibility.PRIVATE)
    unjoined = NewUserFactory.create()
    erased = public_profile(UserFactory.create())
    erased_id = erased.public_id
    user_erase(user=erased)

    reference = _not_found_body(client, "/persone/nessuno00000/")
    for person_id in (hidden.public_id, unjoined.public_id, erased_id):
        assert _not_found_body(client, f"/persone/{person_id}/") == reference


def test_public_ids_are_random_not_sequential():
    first, second = UserFactory.create(), UserFactory.create()

    assert len(first.public_id) == 12
    assert first.public_id != second.public_id
    assert str(first.pk) not in first.public_id


def test_profile_page_query_count_does_not_grow_with_data(client):
    def count_queries(owner) -> int:
        client.force_login(viewer)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/persone/{owner.public_id}/").status_code == 200
        return len(queries)

    viewer = UserFactory.create()
    small = public_profile(UserFactory.create())
    small.profile.themes.set(Theme.objects.all()[:1])
    member(OrganisationFactory.create(), small)
    large = public_profile(UserFactory.create())
    large.profile.themes.set(Theme.objects.all())
    for _number in range(8):
        member(OrganisationFactory.create(), large)
    # Warm the per-process and per-page caches (content types, navigation) first.
    count_queries(small)
    count_queries(large)

    assert count_queries(large) == count_queries(small)


def test_profile_edit_saves_fields_and_visibility(client):
    user = UserFactory.create()
    client.force_login(user)
    theme = Theme.objects.order_by("pk").first()
    assert theme is not None

    response = client.post(
        "/accounts/impostazioni/",
        {
            "first_name": "Lucia",
            "last_name": "Marchi",
            "bio": "Facilitatrice di processi partecipativi.",
            "actor_kind": "citizen",
            "municipality": municipality().pk,
            "themes": [theme.pk],
            "participation": ["training"],
            "visibility": "public",
            "bio_visibility": "public",
            "organisations_visibility": "members",
            "territory_visibility": "private",
            "themes_visibility": "public",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    profile = Profile.objects.get(user=user)
    assert user.get_full_name() == "Lucia Marchi"
    assert profile.bio == "Facilitatrice di processi partecipativi."
    assert profile.territory_visibility == "private"
    assert list(profile.themes.all()) == [theme]


def _profile_data(user, **extra):
    return {
        "first_name": user.first_name or "Nome",
        "last_name": user.last_name or "Cognome",
        "actor_kind": "citizen",
        "visibility": "members",
        "bio_visibility": "members",
        "organisations_visibility": "members",
        "territory_visibility": "members",
        "themes_visibility": "members",
        **extra,
    }


def test_avatar_upload_is_reencoded_and_shown(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = public_profile(UserFactory.create())
    client.force_login(user)

    response = client.post(
        "/accounts/impostazioni/",
        _profile_data(user, avatar=image_upload("io.png", size=(1200, 900))),
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    name = profile.avatar.name or ""
    assert name.startswith("accounts/avatars/")
    assert "io" not in name.rsplit("/", 1)[1]
    assert profile.avatar.width <= 512
    assert profile.avatar.url in client.get(f"/persone/{user.public_id}/").content.decode()


def test_oversized_avatar_is_refused_with_a_clear_message(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory.create()
    client.force_login(user)
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(3 * 1000 * 1000))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")  # random pixels do not compress: about 3 MB
    big = SimpleUploadedFile("grande.png", buffer.getvalue(), content_type="image/png")

    response = client.post("/accounts/impostazioni/", _profile_data(user, avatar=big))

    assert response.status_code == 200
    assert "Il file è troppo grande" in response.content.decode()
    assert not Profile.objects.get(user=user).avatar
    assert not list(tmp_path.rglob("*"))


def test_non_image_avatar_is_refused_with_a_clear_message(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory.create()
    client.force_login(user)
    fake = SimpleUploadedFile("foto.png", b"%PDF-1.4 non sono una foto", content_type="image/png")

    response = client.post("/accounts/impostazioni/", _profile_data(user, avatar=fake))

    assert response.status_code == 200
    assert "non è di un tipo ammesso" in response.content.decode()
    assert not Profile.objects.get(user=user).avatar
    assert not list(tmp_path.rglob("*"))


def test_registered_profile_sections_are_rendered(client):
    owner = public_profile(UserFactory.create())
    register_profile_section(
        ProfileSection(
            key="prova",
            title="Esperienze di prova",
            template="civichub/forms/errors.html",
            context=lambda owner, viewer: {"count": 0},
        )
    )
    try:
        content = client.get(f"/persone/{owner.public_id}/").content.decode()
    finally:
        PROFILE_SECTIONS.pop("prova")

    assert "Esperienze di prova" in content
    assert "Nessun contributo pubblicato finora." not in content


def test_small_file_with_huge_dimensions_is_refused(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory.create()
    client.force_login(user)
    buffer = io.BytesIO()
    Image.new("1", (6000, 5000)).save(buffer, format="PNG")  # a few KB, 30 million pixels
    bomb = SimpleUploadedFile("bomba.png", buffer.getvalue(), content_type="image/png")

    response = client.post("/accounts/impostazioni/", _profile_data(user, avatar=bomb))

    assert response.status_code == 200
    assert "troppi pixel" in response.content.decode()
    assert not Profile.objects.get(user=user).avatar
