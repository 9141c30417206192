"""Contributor requests and role changes: who may, what is recorded, who is told."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from civichub.accounts.models import ContributorRequest, Role, RoleChange
from civichub.accounts.services import (
    contributor_request_approve,
    contributor_request_refuse,
    contributor_request_submit,
    user_set_role,
)
from civichub.organisations.tests.factories import OrganisationFactory, admin_of, member

from .factories import ContributorFactory, PromoterFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _recipients() -> list[str]:
    return [address for message in mail.outbox for address in message.to]


def test_person_asks_and_promoter_approves(client, django_capture_on_commit_callbacks):
    promoter = PromoterFactory.create()
    person = UserFactory.create()
    client.force_login(person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/contributori/richiesta/",
            {"motivation": "Coordino da anni laboratori di quartiere."},
        )
    assert response.status_code == 302
    request = ContributorRequest.objects.get(user=person)
    assert request.status == "pending"
    assert set(_recipients()) == {person.email, promoter.email}
    # A second request while one waits is not possible.
    page = client.get("/accounts/contributori/richiesta/")
    assert "è in attesa" in page.content.decode()
    assert (
        client.post("/accounts/contributori/richiesta/", {"motivation": "Ancora"}).status_code
        == 403
    )

    mail.outbox.clear()
    client.force_login(promoter)
    queue = client.get("/accounts/contributori/richieste/")
    assert person.display_name in queue.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/accounts/contributori/richieste/{request.pk}/", {"decision": "approve"}
        )

    assert response.status_code == 302
    person.refresh_from_db()
    request.refresh_from_db()
    assert person.role == Role.CONTRIBUTOR
    assert (request.status, request.decided_by) == ("approved", promoter)
    change = RoleChange.objects.get(user=person)
    assert (change.old_role, change.new_role, change.changed_by) == (
        Role.PARTICIPANT,
        Role.CONTRIBUTOR,
        promoter,
    )
    assert _recipients() == [person.email]
    assert "approvata" in mail.outbox[0].body
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {
        "civichub.accounts.contributor_request.submit",
        "civichub.accounts.contributor_request.approve",
        "civichub.accounts.role.set",
    } <= actions


def test_refusal_needs_a_reason_that_reaches_the_person(client, django_capture_on_commit_callbacks):
    promoter = PromoterFactory.create()
    person = UserFactory.create()
    request = contributor_request_submit(user=person, requested_by=person, motivation="Vorrei.")
    client.force_login(promoter)

    response = client.post(
        f"/accounts/contributori/richieste/{request.pk}/", {"decision": "refuse", "reason": ""}
    )
    request.refresh_from_db()
    assert response.status_code == 302
    assert request.status == "pending"
    assert "Scrivi il motivo del rifiuto" in client.get(response["Location"]).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/accounts/contributori/richieste/{request.pk}/",
            {"decision": "refuse", "reason": "Mancano esempi di attività svolte."},
        )

    request.refresh_from_db()
    person.refresh_from_db()
    assert (request.status, request.refusal_reason) == (
        "refused",
        "Mancano esempi di attività svolte.",
    )
    assert person.role == Role.PARTICIPANT
    assert mail.outbox[-1].to == [person.email]
    assert "Mancano esempi di attività svolte." in mail.outbox[-1].body


def test_organisation_admin_proposes_a_member(client, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory.create()
    admin = admin_of(organisation).user
    person = member(organisation).user
    promoter = PromoterFactory.create()
    client.force_login(admin)

    assert (
        "Proponi come contributore" in client.get(f"/persone/{person.public_id}/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/accounts/contributori/proponi/{person.public_id}/",
            {"organisation": organisation.pk, "motivation": "Guida i nostri laboratori."},
        )

    assert response.status_code == 302
    request = ContributorRequest.objects.get(user=person)
    assert (request.requested_by, request.organisation) == (admin, organisation)
    assert set(_recipients()) == {person.email, promoter.email}

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contributor_request_approve(request=request, decided_by=promoter)
    assert set(_recipients()) == {person.email, admin.email}


def test_only_admins_of_the_persons_organisation_may_propose(client):
    organisation = OrganisationFactory.create()
    person = member(organisation).user
    outsider_admin = admin_of(OrganisationFactory.create()).user
    plain_member = member(organisation).user

    for user in (outsider_admin, plain_member):
        client.force_login(user)
        assert client.get(f"/accounts/contributori/proponi/{person.public_id}/").status_code == 404
        with pytest.raises(PermissionDenied):
            contributor_request_submit(
                user=person, requested_by=user, organisation=organisation, motivation="x"
            )


def test_promoters_cannot_decide_twice_and_others_cannot_decide():
    person = UserFactory.create()
    request = contributor_request_submit(user=person, requested_by=person, motivation="Vorrei.")
    with pytest.raises(PermissionDenied):
        contributor_request_approve(request=request, decided_by=ContributorFactory.create())
    contributor_request_refuse(request=request, decided_by=PromoterFactory.create(), reason="No.")
    with pytest.raises(ValidationError):
        contributor_request_approve(request=request, decided_by=PromoterFactory.create())


def test_promoter_sets_contributor_role_but_not_promoter(
    client, django_capture_on_commit_callbacks
):
    promoter = PromoterFactory.create()
    person = UserFactory.create(language="en")
    client.force_login(promoter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/accounts/persone/{person.public_id}/ruolo/",
            {"role": "contributor", "reason": "Referente del tavolo welfare."},
        )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.role == Role.CONTRIBUTOR
    assert mail.outbox[-1].to == [person.email]
    assert "Referente del tavolo welfare." in mail.outbox[-1].body
    with pytest.raises(PermissionDenied):
        user_set_role(user=person, role=Role.PROMOTER, changed_by=promoter)
    with pytest.raises(PermissionDenied):
        user_set_role(user=PromoterFactory.create(), role=Role.PARTICIPANT, changed_by=promoter)
    with pytest.raises(PermissionDenied):
        user_set_role(user=promoter, role=Role.PARTICIPANT, changed_by=promoter)


def test_staff_may_grant_promoter_and_same_role_is_an_error():
    staff = StaffFactory.create()
    person = UserFactory.create()

    user_set_role(user=person, role=Role.PROMOTER, changed_by=staff)

    person.refresh_from_db()
    assert person.role == Role.PROMOTER
    with pytest.raises(ValidationError):
        user_set_role(user=person, role=Role.PROMOTER, changed_by=staff)


def test_manual_promotion_answers_a_waiting_request():
    person = UserFactory.create()
    request = contributor_request_submit(user=person, requested_by=person, motivation="Vorrei.")

    user_set_role(user=person, role=Role.CONTRIBUTOR, changed_by=PromoterFactory.create())

    request.refresh_from_db()
    assert request.status == "approved"


def test_queue_query_count_does_not_grow_with_requests(client):
    def submit(count: int) -> None:
        for _number in range(count):
            person = UserFactory.create()
            contributor_request_submit(user=person, requested_by=person, motivation="Vorrei.")

    client.force_login(PromoterFactory.create())
    submit(1)
    client.get("/accounts/contributori/richieste/")
    with CaptureQueriesContext(connection) as few:
        client.get("/accounts/contributori/richieste/")
    submit(15)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/accounts/contributori/richieste/")

    assert len(response.context["page_obj"]) == 16
    assert len(many) == len(few)
