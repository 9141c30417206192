import pytest

from civichub.accounts.tests.factories import UserFactory
from civichub.organisations import demo
from civichub.organisations.models import (
    ContributorApplication,
    Kind,
    Membership,
    Organisation,
)
from civichub.organisations.validators import validate_ipa_code, validate_tax_code

from .factories import municipality

pytestmark = pytest.mark.django_db


def run() -> list[str]:
    lines: list[str] = []
    demo.seed(lines.append)
    return lines


def test_demo_data_is_valid_varied_and_spread_over_regions():
    assert len(demo.ORGANISATIONS) >= 30
    codes = [demo.tax_code(d.slug, d.seat) for d in demo.ORGANISATIONS if d.tax_code]
    assert len(set(codes)) == len(codes)
    for entry in demo.ORGANISATIONS:
        if entry.tax_code:
            code = demo.tax_code(entry.slug, entry.seat)
            assert validate_tax_code(code, kind=entry.kind) == code
        if entry.kind == Kind.PUBLIC_ADMINISTRATION:
            assert entry.pa_kind
        if entry.kind == Kind.THIRD_SECTOR:
            assert entry.runts_section
    assert len({entry.seat[:3] for entry in demo.ORGANISATIONS}) >= 15
    sections = {e.runts_section for e in demo.ORGANISATIONS if e.runts_section}
    assert {"aps", "odv", "impresa_sociale", "filantropico", "rete_associativa"} <= sections
    assert {e.kind for e in demo.ORGANISATIONS} == set(Kind.values)


def test_seed_without_territories_leaves_seats_empty_then_fills_them():
    first = run()

    assert Organisation.objects.count() == len(demo.ORGANISATIONS)
    assert not Organisation.objects.exclude(municipality=None).exists()
    assert any("non caricati" in line for line in first)
    for organisation in Organisation.objects.exclude(ipa_code=""):
        validate_ipa_code(organisation.ipa_code)

    bologna = municipality("037006", "Bologna")
    municipality("044007", "Ascoli Piceno", region_code="11")
    second = run()

    assert Organisation.objects.count() == len(demo.ORGANISATIONS)
    assert Organisation.objects.get(slug="comune-di-bologna").region == bologna.region
    assert Organisation.objects.filter(region__istat_code="11").count() == 3
    assert any("sedi completate" in line for line in second)


def test_seed_attaches_demo_people_and_fills_the_queues():
    contributor = UserFactory.create(email=demo.CONTRIBUTOR_LOGIN)
    participant = UserFactory.create(email=demo.PARTICIPANT_LOGIN)
    people = [UserFactory.create(email=f"persona{n:02d}@civichub.example") for n in range(60)]
    UserFactory.create(email="esterno@example.org")

    run()
    memberships = Membership.objects.count()
    run()  # idempotent

    assert Membership.objects.count() == memberships
    assert Membership.objects.get(user=contributor).role == Membership.Role.ADMIN
    assert Membership.objects.get(user=contributor).organisation.runts_section == "aps"
    assert Membership.objects.get(user=participant, status="active").organisation.pa_kind == (
        "comune"
    )
    assert Membership.objects.filter(status=Membership.Status.PENDING).count() == 2
    assert ContributorApplication.objects.filter(status="pending").count() == 2
    assert not Membership.objects.filter(user__email="esterno@example.org").exists()
    for organisation in Organisation.objects.all():
        assert organisation.memberships.filter(role="admin", status="active").exists()
    assert Membership.objects.filter(user__in=people).count() >= 30


def test_seed_without_people_says_so():
    lines = run()

    assert any("nessuna persona dimostrativa" in line for line in lines)
    assert not Membership.objects.exists()
