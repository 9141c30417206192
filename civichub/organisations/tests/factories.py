"""Organisations, memberships and the territories they need, for tests."""

import io
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from civichub.accounts.models import User
from civichub.accounts.tests.factories import UserFactory
from civichub.organisations.models import (
    ContributorApplication,
    Kind,
    Membership,
    Organisation,
)
from civichub.territories.models import Municipality, Province, Region


def valid_tax_code(n: int) -> str:
    """A valid 11-digit codice fiscale (P.IVA algorithm), different for every ``n``."""
    body = f"9{n:06d}037"  # "037": a real provincial office code, as the checksum needs
    digits = [int(d) for d in body]
    total = 0
    for index, digit in enumerate(digits):
        if index % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return body + str((10 - total % 10) % 10)


def region(code: str = "08", name: str = "Emilia-Romagna") -> Region:
    found, _ = Region.objects.get_or_create(
        istat_code=code, defaults={"name": name, "slug": name.lower().replace(" ", "-")}
    )
    return found


def municipality(
    code: str = "037006", name: str = "Bologna", *, region_code: str = "08"
) -> Municipality:
    existing = Municipality.objects.filter(istat_code=code).first()
    if existing:
        return existing
    the_region = region(region_code, "Marche" if region_code == "11" else "Emilia-Romagna")
    province, _ = Province.objects.get_or_create(
        istat_code=code[:3],
        defaults={
            "name": f"Provincia {code[:3]}",
            "slug": f"provincia-{code[:3]}",
            "region": the_region,
            "abbreviation": "BO" if code.startswith("037") else "XX",
        },
    )
    return Municipality.objects.create(
        istat_code=code,
        name=name,
        slug=f"{name.lower().replace(' ', '-')}-{code}",
        province=province,
        region=the_region,
    )


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Associazione Esempio {n:03d}")
    slug = factory.Sequence(lambda n: f"associazione-esempio-{n:03d}")
    kind = Kind.THIRD_SECTOR
    runts_section = "aps"
    tax_code = factory.Sequence(valid_tax_code)
    summary = "Un'associazione di promozione sociale attiva nel quartiere."

    @factory.post_generation
    def themes(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.themes.set(extracted)


def member(
    organisation: Organisation,
    user: User | None = None,
    *,
    role: str = Membership.Role.MEMBER,
    status: str = Membership.Status.ACTIVE,
) -> Membership:
    return Membership.objects.create(
        organisation=organisation,
        user=user or UserFactory.create(),
        role=role,
        status=status,
    )


def admin_of(organisation: Organisation, user: User | None = None) -> Membership:
    return member(organisation, user, role=Membership.Role.ADMIN)


def application(organisation: Organisation, **fields: Any) -> ContributorApplication:
    return ContributorApplication.objects.create(
        organisation=organisation,
        motivation=fields.pop("motivation", "Curiamo da anni percorsi partecipativi."),
        **fields,
    )


def png_upload(name: str = "logo.png", *, padding: int = 0) -> SimpleUploadedFile:
    """A small PNG; ``padding`` bytes after its end make the file larger, still a PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "#0066cc").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue() + b"\0" * padding, content_type="image/png")
