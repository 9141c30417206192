"""People for tests. ``UserFactory`` and the role factories make members who have
completed the membership form (profile, consents, verified e-mail), as most tests
need; ``NewUserFactory`` makes someone who has just verified their address."""

import io
from typing import Any

import factory
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from civichub.accounts.models import Consent, ConsentKind, Profile, Role, User, Visibility


def _verified_email(user: User, create: bool, extracted: Any, **kwargs: Any) -> None:
    if create and extracted is not False:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def _membership(user: User, create: bool, extracted: Any, **kwargs: Any) -> None:
    if create and user.joined_at is not None:
        Profile.objects.create(user=user, **kwargs)
        for kind in (ConsentKind.TERMS, ConsentKind.PRIVACY):
            Consent.objects.create(
                user=user, kind=kind, version=settings.CONSENT_VERSIONS[kind], given=True
            )


class UserFactory(factory.django.DjangoModelFactory[User]):
    """``UserFactory.create()`` is typed as ``User``; ``UserFactory()`` works too."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    first_name: Any = factory.Faker("first_name", locale="it_IT")
    last_name: Any = factory.Faker("last_name", locale="it_IT")
    role = Role.PARTICIPANT
    password = factory.django.Password("password-di-prova-123")
    joined_at: Any = factory.LazyFunction(timezone.now)
    verified_email = factory.PostGeneration(_verified_email)
    profile = factory.PostGeneration(_membership)


class NewUserFactory(UserFactory):
    """Signed up and verified, membership form not filled in yet."""

    first_name = ""
    last_name = ""
    joined_at = None


class ContributorFactory(UserFactory):
    role = Role.CONTRIBUTOR


class PromoterFactory(UserFactory):
    role = Role.PROMOTER


class StaffFactory(UserFactory):
    role = Role.PROMOTER
    is_staff = True
    is_superuser = True


def public_profile(user: User) -> User:
    """Make every part of ``user``'s profile visible to anyone."""
    Profile.objects.filter(user=user).update(
        visibility=Visibility.PUBLIC,
        bio_visibility=Visibility.PUBLIC,
        organisations_visibility=Visibility.PUBLIC,
        territory_visibility=Visibility.PUBLIC,
        themes_visibility=Visibility.PUBLIC,
    )
    return user


def image_upload(
    name: str = "foto.png", *, size: tuple[int, int] = (64, 64), image_format: str = "PNG"
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0066cc").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")
