"""The back office: lists, filters, the same validation as the site, decisions via services."""

import pytest
from django.urls import reverse
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from civichub.accounts.tests.factories import StaffFactory
from civichub.organisations.models import ContributorApplication

from .factories import OrganisationFactory, admin_of, application

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory.create())
    return client


def admin_url(model: str, view: str, *args) -> str:
    return reverse(f"wagtailsnippets_organisations_{model}:{view}", args=args)


def edit_data(organisation, **overrides) -> dict:
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "tax_code": organisation.tax_code,
        "pa_kind": "",
        "ipa_code": "",
        "runts_section": organisation.runts_section,
        "runts_number": "",
        "summary": organisation.summary,
        "description": "",
        "competences": "",
        "website": "",
        "email": "",
        "phone": "",
        "address": "",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_staff_list_filter_and_search_organisations(staff_client):
    OrganisationFactory.create(
        name="Comune di Prova", kind="pa", runts_section="", is_verified=True
    )
    OrganisationFactory.create(name="Associazione Alfa")

    listing = staff_client.get(admin_url("organisation", "list"))
    filtered = staff_client.get(admin_url("organisation", "list"), {"is_verified": "true"})
    searched = staff_client.get(admin_url("organisation", "list"), {"q": "alfa"})

    assert listing.status_code == 200
    assert "Comune di Prova" in filtered.content.decode()
    assert "Associazione Alfa" not in filtered.content.decode()
    assert "Associazione Alfa" in searched.content.decode()
    assert "Comune di Prova" not in searched.content.decode()


@pytest.mark.parametrize("model", ["organisation", "membership", "contributorapplication"])
def test_non_staff_cannot_open_the_back_office(client, model):
    assert client.get(admin_url(model, "list")).status_code == 302


def test_admin_form_applies_the_sites_validation(staff_client):
    organisation = OrganisationFactory.create()
    url = admin_url("organisation", "edit", organisation.pk)

    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, edit_data(organisation, tax_code="00743110158"))

    assert response.status_code == 200
    assert "la cifra di controllo non corrisponde" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.tax_code != "00743110158"


def test_admin_form_refuses_reserved_slugs(staff_client):
    organisation = OrganisationFactory.create()
    url = admin_url("organisation", "edit", organisation.pk)

    response = staff_client.post(url, edit_data(organisation, slug="candidature"))

    assert "Questo slug è riservato" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.slug != "candidature"


def test_admin_form_normalises_and_saves(staff_client):
    organisation = OrganisationFactory.create()
    url = admin_url("organisation", "edit", organisation.pk)

    response = staff_client.post(
        url, edit_data(organisation, tax_code=" it 00743110157 ", name="Nuovo nome")
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.tax_code) == ("Nuovo nome", "00743110157")


def test_deciding_an_application_in_the_back_office_goes_through_the_service(
    staff_client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    pending = application(organisation, submitted_by=admin)
    url = admin_url("contributorapplication", "edit", pending.pk)
    data = {
        "organisation": organisation.pk,
        "submitted_by": admin.pk,
        "motivation": pending.motivation,
        "status": "refused",
        "reason": "",
    }

    refused_without_reason = staff_client.post(url, data)
    assert "perché la rifiuti" in refused_without_reason.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {**data, "status": "approved", "reason": "Ok"})

    assert response.status_code == 302
    pending.refresh_from_db()
    organisation.refresh_from_db()
    assert pending.status == ContributorApplication.Status.APPROVED
    assert organisation.is_contributor
    assert ModelLogEntry.objects.filter(
        action="civichub.organisations.contributor_application_approve"
    ).exists()


def test_log_actions_are_registered():
    registry.scan_for_actions()
    assert "civichub.organisations.membership_approve" in registry.formatters
