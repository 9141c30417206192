"""The services on their own: validation keyed by field, permissions, states, derived
columns, revisions, the audit log, counters, files and co-authors."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from civichub.accounts.models import User
from civichub.accounts.tests.factories import (
    ContributorFactory,
    PromoterFactory,
    UserFactory,
)
from civichub.organisations.models import Membership
from civichub.organisations.tests.factories import OrganisationFactory, member, municipality
from civichub.territories.models import Province, Region

from .. import services
from ..models import Experience, ExperienceCoauthor, ExperienceImage, ExperienceSettings, State
from ..services import ImageRow, OrganisationRow, rich_text
from .factories import DraftFactory, ExperienceFactory, theme, with_organisation

pytestmark = pytest.mark.django_db

ESSENTIALS = {
    "title": "Consulta dei ragazzi",
    "summary": "I ragazzi delle medie propongono al consiglio comunale.",
    "scale": "municipal",
    "status": "ongoing",
    "start_date": None,
    "end_date": None,
}


def author_of(experience: Experience) -> User:
    assert experience.author is not None
    return experience.author


def errors_of(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def jpeg_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (30, 20), "#336699")
    exif = image.getexif()
    exif[0x010F] = "Fotocamera"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), "image/jpeg")


# --- create and update ---------------------------------------------------------------------


def test_create_needs_the_permission():
    with pytest.raises(PermissionDenied):
        services.experience_create(actor=UserFactory.create(), data=ESSENTIALS)


def test_create_takes_only_the_essentials():
    with pytest.raises(ValueError, match="essentials"):
        services.experience_create(
            actor=ContributorFactory.create(), data={**ESSENTIALS, "narrative": "x"}
        )


def test_create_uses_the_hubs_default_licence_and_logs():
    settings = ExperienceSettings.load()
    settings.default_licence = "CC-BY-SA-4.0"
    settings.save()
    author = ContributorFactory.create()

    experience = services.experience_create(actor=author, data=ESSENTIALS)

    assert experience.licence == "CC-BY-SA-4.0"
    assert experience.state == State.DRAFT
    assert ModelLogEntry.objects.filter(
        object_id=str(experience.pk), action="civichub.experiences.create"
    ).exists()


@pytest.mark.parametrize("title", ["Nuova", "Mappa", "Revisione", "Mie"])
def test_slugs_never_take_a_reserved_path(title):
    experience = services.experience_create(
        actor=ContributorFactory.create(), data={**ESSENTIALS, "title": title}
    )
    assert experience.slug == f"{title.lower()}-2"


def test_validation_reports_every_field_at_once():
    experience = DraftFactory.create()
    bologna = municipality()
    other_region = Region.objects.create(istat_code="11", name="Marche", slug="marche")
    with pytest.raises(ValidationError) as caught:
        services.experience_update(
            experience=experience,
            actor=author_of(experience),
            data={
                "title": "  ",
                "summary": "x" * 281,
                "scale": "galactic",
                "province": Province.objects.get(pk=bologna.province_id),
                "region": other_region,
                "latitude": Decimal("44.5"),
                "longitude": None,
                "contact_email": "non-una-email",
                "website": "javascript:alert(1)",
                "licence": "tutti-i-diritti",
            },
        )
    assert set(errors_of(caught.value)) == {
        "title",
        "summary",
        "scale",
        "province",
        "longitude",
        "contact_email",
        "website",
        "licence",
    }
    experience.refresh_from_db()
    assert experience.title != "  "


def test_an_update_refreshes_the_territory_keeps_a_revision_and_logs():
    experience = DraftFactory.create(municipalities=[])
    author = experience.author
    bologna = municipality()

    services.experience_update(
        experience=experience, actor=author, data={"municipalities": [bologna]}
    )

    experience = Experience.objects.get(pk=experience.pk)
    assert [r.istat_code for r in experience.regions.all()] == ["08"]
    assert [p.istat_code for p in experience.provinces.all()] == ["037"]
    assert experience.revisions.count() == 1
    assert experience.latest_revision.user == author
    entry = ModelLogEntry.objects.get(
        object_id=str(experience.pk), action="civichub.experiences.update"
    )
    assert entry.data["fields"] == ["municipalities"]


def test_an_update_that_changes_nothing_keeps_no_revision():
    experience = DraftFactory.create()
    services.experience_update(
        experience=experience, actor=author_of(experience), data={"title": experience.title}
    )
    assert experience.revisions.count() == 0
    assert not ModelLogEntry.objects.filter(object_id=str(experience.pk)).exists()


def test_the_map_point_prefers_the_authors_coordinates():
    experience = DraftFactory.create()
    services.experience_update(
        experience=experience,
        actor=author_of(experience),
        data={"latitude": "44.49381", "longitude": "11.33875"},
    )
    experience = Experience.objects.get(pk=experience.pk)
    assert (experience.marker_latitude, experience.marker_longitude) == (44.49381, 11.33875)


def test_new_organisations_must_be_visible_to_the_author():
    experience = DraftFactory.create()
    hidden = OrganisationFactory.create(is_public=False)
    with pytest.raises(ValidationError) as caught:
        services.experience_update(
            experience=experience,
            actor=author_of(experience),
            data={"organisations": [OrganisationRow(organisation=hidden, role="promoter")]},
        )
    assert "organisations" in errors_of(caught.value)

    member(hidden, experience.author)
    services.experience_update(
        experience=experience,
        actor=author_of(experience),
        data={
            "organisations": [
                OrganisationRow(organisation=hidden, role="promoter"),
                OrganisationRow(organisation=hidden, role="promoter"),
            ]
        },
    )
    assert experience.organisations.count() == 1


def test_images_are_re_encoded_without_exif_under_a_random_name():
    experience = DraftFactory.create()
    services.experience_update(
        experience=experience,
        actor=author_of(experience),
        data={"images": [ImageRow(upload=jpeg_with_gps(), alt_text="Assemblea")]},
    )
    stored = ExperienceImage.objects.get()
    with stored.image.open("rb") as handle, Image.open(handle) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
    assert "foto" not in str(stored.image.name)


def test_an_image_row_of_another_experience_is_refused():
    other = DraftFactory.create()
    image = ExperienceImage.objects.create(experience=other, image="x.jpg", alt_text="Altro")
    experience = DraftFactory.create()
    with pytest.raises(ValidationError):
        services.experience_update(
            experience=experience,
            actor=author_of(experience),
            data={"images": [ImageRow(pk=image.pk, alt_text="Mio")]},
        )
    assert ExperienceImage.objects.get(pk=image.pk).alt_text == "Altro"


def test_editing_is_refused_while_in_review_and_to_strangers():
    experience = DraftFactory.create(state=State.SUBMITTED)
    with pytest.raises(PermissionDenied):
        services.experience_update(
            experience=experience, actor=author_of(experience), data={"title": "Nuovo"}
        )
    draft = DraftFactory.create()
    with pytest.raises(PermissionDenied):
        services.experience_update(
            experience=draft, actor=ContributorFactory.create(), data={"title": "Nuovo"}
        )


# --- rich text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ""),
        ("Una riga", "<p>Una riga</p>"),
        ("Uno\nDue\n\nTre", "<p>Uno<br>Due</p>\n\n<p>Tre</p>"),
        ("5 < 6 & 7 > 3", "<p>5 &lt; 6 &amp; 7 &gt; 3</p>"),
        ("<ul><li>Uno</li></ul>", "<ul><li>Uno</li></ul>"),
        ('<a href="javascript:x()">link</a>', '<a rel="noopener noreferrer">link</a>'),
        ("<img src=x onerror=alert(1)>", '<img src="x">'),
    ],
)
def test_rich_text(value, expected):
    assert rich_text(value) == expected


# --- workflow ----------------------------------------------------------------------------


def ready_draft(**kwargs) -> Experience:
    experience = DraftFactory.create(themes=[theme()], **kwargs)
    experience.save()  # commit the comuni and themes the factory set in memory
    with_organisation(experience)
    return Experience.objects.get(pk=experience.pk)


def test_submit_checks_the_minimum_fields():
    experience = DraftFactory.create(narrative="")
    with pytest.raises(ValidationError, match="il racconto"):
        services.experience_submit(experience=experience, actor=author_of(experience))
    assert Experience.objects.get(pk=experience.pk).state == State.DRAFT


def test_a_promoter_who_is_not_an_author_cannot_submit():
    experience = ready_draft()
    with pytest.raises(PermissionDenied):
        services.experience_submit(experience=experience, actor=PromoterFactory.create())


def test_a_promoter_cannot_approve_a_draft():
    experience = ready_draft()
    with pytest.raises(ValidationError, match="Bozza"):
        services.experience_approve(experience=experience, actor=PromoterFactory.create())


def test_an_author_cannot_approve_their_own_submission():
    experience = ready_draft()
    services.experience_submit(experience=experience, actor=author_of(experience))
    with pytest.raises(PermissionDenied):
        services.experience_approve(experience=experience, actor=author_of(experience))


def test_the_replication_count_follows_published_replications_only():
    original = ExperienceFactory.create()
    promoter = PromoterFactory.create()
    replicas = [ready_draft(replicated_from=original) for _ in range(2)]
    for replica in replicas:
        services.experience_submit(experience=replica, actor=author_of(replica))
    services.experience_approve(experience=replicas[0], actor=promoter)
    assert Experience.objects.get(pk=original.pk).replication_count == 1
    services.experience_approve(experience=replicas[1], actor=promoter)
    assert Experience.objects.get(pk=original.pk).replication_count == 2

    services.experience_unpublish(experience=replicas[0], actor=promoter, reason="Errata")
    assert Experience.objects.get(pk=original.pk).replication_count == 1


def test_the_count_never_goes_below_zero():
    original = ExperienceFactory.create()
    replica = ExperienceFactory.create(replicated_from=original)
    services.experience_unpublish(
        experience=replica, actor=PromoterFactory.create(), reason="Errata"
    )
    assert Experience.objects.get(pk=original.pk).replication_count == 0


@pytest.mark.parametrize(
    "decide",
    [services.experience_request_changes, services.experience_reject],
)
def test_changes_and_rejection_need_a_comment(decide):
    experience = ready_draft()
    services.experience_submit(experience=experience, actor=author_of(experience))
    keyword = "comment" if decide is services.experience_request_changes else "reason"
    with pytest.raises(ValidationError) as caught:
        decide(experience=experience, actor=PromoterFactory.create(), **{keyword: "  "})
    assert "comment" in errors_of(caught.value)
    assert Experience.objects.get(pk=experience.pk).state == State.SUBMITTED


def test_every_step_keeps_a_revision_and_a_review_row():
    experience = ready_draft()
    promoter = PromoterFactory.create()
    services.experience_submit(experience=experience, actor=author_of(experience))
    services.experience_request_changes(experience=experience, actor=promoter, comment="Foto")
    services.experience_submit(experience=experience, actor=author_of(experience))
    services.experience_withdraw(experience=experience, actor=author_of(experience))
    services.experience_submit(experience=experience, actor=author_of(experience))
    services.experience_reject(experience=experience, actor=promoter, reason="Doppione")

    experience = Experience.objects.get(pk=experience.pk)
    assert experience.revisions.count() == 6
    assert list(experience.reviews.values_list("action", "comment")) == [
        ("submitted", ""),
        ("changes_requested", "Foto"),
        ("submitted", ""),
        ("withdrawn", ""),
        ("submitted", ""),
        ("rejected", "Doppione"),
    ]


def test_delete_removes_the_files_once_committed(django_capture_on_commit_callbacks):
    experience = DraftFactory.create()
    services.experience_update(
        experience=experience,
        actor=author_of(experience),
        data={"images": [ImageRow(upload=jpeg_with_gps(), alt_text="Assemblea")]},
    )
    image = ExperienceImage.objects.get()
    storage, name = image.image.storage, str(image.image.name)
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.experience_delete(experience=experience, actor=author_of(experience))

    assert not Experience.objects.exists()
    assert not storage.exists(name)


def test_only_the_author_deletes_and_only_a_draft():
    experience = ready_draft()
    with pytest.raises(PermissionDenied):
        services.experience_delete(experience=experience, actor=PromoterFactory.create())
    services.experience_submit(experience=experience, actor=author_of(experience))
    with pytest.raises(ValidationError):
        services.experience_delete(experience=experience, actor=author_of(experience))


def test_replicate_needs_a_published_source_and_a_comune():
    actor = ContributorFactory.create()
    draft = DraftFactory.create()
    with pytest.raises(PermissionDenied):
        services.experience_replicate(source=draft, actor=actor, municipality=municipality())
    published = ExperienceFactory.create(title="T" * 200)
    with pytest.raises(ValidationError):
        services.experience_replicate(source=published, actor=actor, municipality=None)

    replica = services.experience_replicate(
        source=published, actor=actor, municipality=municipality()
    )
    assert len(replica.title) == 200
    assert replica.title.endswith("(replica a Bologna)")
    assert replica.revisions.count() == 1


# --- co-authors ----------------------------------------------------------------------------


def test_eligible_coauthors_are_active_members_of_the_organisations():
    experience = DraftFactory.create()
    organisation = with_organisation(experience).organisation
    colleague = member(organisation).user
    pending = member(organisation, status=Membership.Status.PENDING).user
    member(organisation, experience.author)
    invited = member(organisation).user
    ExperienceCoauthor.objects.create(experience=experience, user=invited)
    member(OrganisationFactory.create())  # another organisation's member

    assert list(services.eligible_coauthors(experience)) == [colleague]
    assert pending not in services.eligible_coauthors(experience)


def test_invite_accept_and_leave():
    experience = DraftFactory.create()
    colleague = member(with_organisation(experience).organisation).user

    with pytest.raises(PermissionDenied):
        services.coauthor_invite(
            experience=experience, actor=ContributorFactory.create(), user=colleague
        )
    coauthor = services.coauthor_invite(
        experience=experience, actor=author_of(experience), user=colleague
    )
    with pytest.raises(ValidationError):
        services.coauthor_invite(experience=experience, actor=author_of(experience), user=colleague)

    services.coauthor_accept(experience=experience, user=colleague)
    first = ExperienceCoauthor.objects.get().accepted_at
    services.coauthor_accept(experience=experience, user=colleague)
    assert ExperienceCoauthor.objects.get().accepted_at == first

    services.coauthor_remove(coauthor=coauthor, actor=colleague)
    assert not ExperienceCoauthor.objects.exists()


def test_accepting_without_an_invitation_is_refused():
    experience = DraftFactory.create()
    with pytest.raises(PermissionDenied):
        services.coauthor_accept(experience=experience, user=ContributorFactory.create())


def test_a_coauthor_cannot_remove_another():
    experience = DraftFactory.create()
    first, second = ContributorFactory.create(), ContributorFactory.create()
    ExperienceCoauthor.objects.create(experience=experience, user=first, accepted_at=timezone.now())
    other = ExperienceCoauthor.objects.create(experience=experience, user=second)
    with pytest.raises(PermissionDenied):
        services.coauthor_remove(coauthor=other, actor=first)


def test_roles_of_organisations_are_checked():
    experience = DraftFactory.create()
    with pytest.raises(ValidationError):
        services.experience_update(
            experience=experience,
            actor=author_of(experience),
            data={
                "organisations": [
                    OrganisationRow(organisation=OrganisationFactory.create(), role="sponsor")
                ]
            },
        )
