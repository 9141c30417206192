"""Project spaces: create, edit with revisions, stale saves, comparison, budget total,
comments, permissions and the list's query count."""

from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civichub.accounts.tests.factories import PromoterFactory, UserFactory
from civichub.moderation.models import ContentState, ModerationSettings

from ..models import ProjectComment, ProjectSpace
from ..selectors import workspace as selectors
from ..services import workspace as services
from .factories import AreaFactory, MembersAreaFactory, PrivateAreaFactory, facilitator, member
from .factories_workspace import ProjectCommentFactory, ProjectSpaceFactory

pytestmark = pytest.mark.django_db


def _form(title="Piazza bene comune", revision=None, budget=(), **extra):
    data = {
        "title": title,
        "summary": "Riprogettare la piazza con chi la vive.",
        "objectives": "Raccogliere i bisogni.\n\nCo-progettare gli arredi.",
        "partners": "Comune di Modena; Consulta giovani",
        "next_steps": "Primo laboratorio a maggio.",
        "status": "in_progress",
        "budget-TOTAL_FORMS": str(max(3, len(budget))),
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "50",
        "base_revision": "" if revision is None else str(revision),
        **extra,
    }
    for index, (item, amount, funder) in enumerate(budget):
        data[f"budget-{index}-item"] = item
        data[f"budget-{index}-amount"] = amount
        data[f"budget-{index}-funder"] = funder
    return data


def _create(client, area, **kwargs):
    with mock.patch("civichub.notifications.services.notify_followers") as notify:
        response = client.post(
            reverse("communities:project_create", args=[area.slug]), _form(**kwargs)
        )
    return response, notify


def test_member_creates_a_project_with_budget_and_followers_are_told(
    client, django_capture_on_commit_callbacks
):
    area = AreaFactory.create()
    client.force_login(member(area))
    with (
        mock.patch("civichub.notifications.services.notify_followers") as notify,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response, _ = _create(
            client,
            area,
            budget=[
                ("Facilitazione dei laboratori", "1.234,50", "Regione Emilia-Romagna"),
                ("Materiali", "300", ""),
                ("", "", ""),
            ],
        )
    project = ProjectSpace.objects.get()
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    assert project.slug == "piazza-bene-comune"
    assert [(line.item, line.amount) for line in project.budget_lines.all()] == [
        ("Facilitazione dei laboratori", Decimal("1234.50")),
        ("Materiali", Decimal("300.00")),
    ]
    assert project.revisions.count() == 1
    assert project.latest_revision_id
    notify.assert_called_once()
    assert notify.call_args.kwargs["kind"] == "areas"
    assert notify.call_args.kwargs["target"] == area
    page = client.get(project.get_absolute_url()).content.decode()
    assert "1.534,50 €" in page
    assert "1.234,50 €" in page


def test_double_submit_creates_one_project(client):
    area = AreaFactory.create()
    client.force_login(member(area))
    _create(client, area)
    _create(client, area)
    assert ProjectSpace.objects.count() == 1


def test_bad_budget_line_saves_nothing(client):
    area = AreaFactory.create()
    client.force_login(member(area))
    response, _ = _create(client, area, budget=[("Sala", "mille euro", "")])
    assert response.status_code == 400
    assert "Voce 1" in response.content.decode()
    assert not ProjectSpace.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("visitor", 302), ("participant", 403), ("member", 200), ("facilitator", 200)],
)
def test_who_may_open_the_new_project_form(client, role, status):
    area = AreaFactory.create()
    user = {
        "visitor": lambda: None,
        "participant": lambda: UserFactory.create(),
        "member": lambda: member(area),
        "facilitator": lambda: facilitator(area),
    }[role]()
    if user:
        client.force_login(user)
    assert client.get(reverse("communities:project_create", args=[area.slug])).status_code == status


def _edit(client, project, **kwargs):
    return client.post(
        reverse("communities:project_edit", args=[project.area.slug, project.slug]), _form(**kwargs)
    )


def _service_project(area, user):
    return services.project_create(
        area=area,
        actor=user,
        data={
            "title": "Piazza bene comune",
            "objectives": "Raccogliere i bisogni degli abitanti.",
            "budget": [{"item": "Sala", "amount": "100", "funder": ""}],
        },
    )


def test_edit_saves_a_revision_and_the_comparison_shows_changes(client):
    area = AreaFactory.create()
    author = member(area)
    project = _service_project(area, author)
    editor = member(area)
    client.force_login(editor)
    form = client.get(reverse("communities:project_edit", args=[area.slug, project.slug]))
    assert f'value="{project.latest_revision_id}"' in form.content.decode()
    response = _edit(
        client,
        project,
        revision=project.latest_revision_id,
        objectives="Raccogliere i bisogni dei giovani.",
        budget=[("Sala civica", "150", "Comune")],
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.revisions.count() == 2
    assert project.updated_by == editor
    revisions = client.get(
        reverse("communities:project_revisions", args=[area.slug, project.slug])
    ).content.decode()
    assert "<del>" in revisions
    assert "<ins>" in revisions
    assert "testo eliminato" in revisions
    assert "giovani" in revisions
    assert "150,00" in revisions


def test_a_save_based_on_an_older_revision_is_refused(client):
    area = AreaFactory.create()
    first, second = member(area), member(area)
    project = _service_project(area, first)
    base = project.latest_revision_id
    services.project_update(
        project=project, actor=first, data={"objectives": "Versione di Anna"}, base_revision_id=base
    )
    client.force_login(second)
    response = _edit(client, project, revision=base, objectives="Versione di Bruno")
    assert response.status_code == 400
    assert "Qualcuno ha modificato il progetto" in response.content.decode()
    project.refresh_from_db()
    assert project.objectives == "Versione di Anna"
    assert project.revisions.count() == 2


def test_double_submit_of_an_edit_is_not_refused(client):
    area = AreaFactory.create()
    editor = member(area)
    project = _service_project(area, editor)
    client.force_login(editor)
    base = project.latest_revision_id
    assert _edit(client, project, revision=base).status_code == 302
    assert _edit(client, project, revision=base).status_code == 302
    assert project.revisions.count() == 2


def test_compare_two_chosen_revisions_and_a_foreign_revision_is_404(client):
    area = AreaFactory.create()
    user = member(area)
    project = _service_project(area, user)
    first = project.latest_revision_id
    project = services.project_update(
        project=project, actor=user, data={"title": "Piazza viva"}, base_revision_id=first
    )
    other_area = AreaFactory.create()
    other = _service_project(other_area, member(other_area))
    url = reverse("communities:project_revisions", args=[area.slug, project.slug])
    page = client.get(f"{url}?da={project.latest_revision_id}&a={first}").content.decode()
    assert "Piazza viva" in page
    assert "<del>" in page
    assert client.get(f"{url}?da={other.latest_revision_id}&a={first}").status_code == 404
    assert client.get(f"{url}?da=x&a={first}").status_code == 404


@pytest.mark.parametrize(
    ("role", "status"), [("participant", 403), ("member", 200), ("promoter", 403)]
)
def test_who_may_edit(client, role, status):
    area = AreaFactory.create()
    project = ProjectSpaceFactory.create(area=area)
    user = {
        "participant": lambda: UserFactory.create(),
        "member": lambda: member(area),
        "promoter": lambda: PromoterFactory.create(),
    }[role]()
    client.force_login(user)
    url = reverse("communities:project_edit", args=[area.slug, project.slug])
    assert client.get(url).status_code == status


@pytest.mark.parametrize("factory", [MembersAreaFactory, PrivateAreaFactory])
def test_projects_of_restricted_areas_stay_hidden(client, factory):
    area = factory.create()
    project = ProjectSpaceFactory.create(area=area)
    urls = [
        reverse("communities:projects", args=[area.slug]),
        project.get_absolute_url(),
        reverse("communities:project_revisions", args=[area.slug, project.slug]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(UserFactory.create())
    expected = 200 if area.visibility == "members" else 404
    for url in urls:
        assert client.get(url).status_code == expected
    client.force_login(member(area))
    for url in urls:
        assert client.get(url).status_code == 200


# --- comments ------------------------------------------------------------------------------------


def _comment(client, project, body="Aggiungerei la scuola media.", section="partners"):
    return client.post(
        reverse("communities:project_comment", args=[project.area.slug, project.slug]),
        {"body": body, "section": section},
    )


def test_member_comments_a_section_once_even_twice_submitted(client):
    area = AreaFactory.create()
    project = ProjectSpaceFactory.create(area=area)
    author = member(area)
    client.force_login(author)
    response = _comment(client, project)
    assert response.status_code == 302
    assert response.url.endswith("#commenti-partners")
    _comment(client, project)
    comment = ProjectComment.objects.get()
    assert (comment.section, comment.author) == ("partners", author)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Aggiungerei la scuola media." in page


def test_empty_comment_and_unknown_section_are_refused(client):
    area = AreaFactory.create()
    project = ProjectSpaceFactory.create(area=area)
    client.force_login(member(area))
    assert _comment(client, project, body="").status_code == 400
    assert _comment(client, project, section="segreti").status_code == 400
    assert not ProjectComment.objects.exists()


def test_non_member_cannot_comment(client):
    area = AreaFactory.create()
    project = ProjectSpaceFactory.create(area=area)
    client.force_login(UserFactory.create())
    assert _comment(client, project).status_code == 403
    assert "Commenta" not in client.get(project.get_absolute_url()).content.decode()


def test_held_comment_is_shown_to_its_author_and_moderators_only(client):
    config = ModerationSettings.load()
    config.hold_first_posts = 3
    config.save()
    area = AreaFactory.create()
    project = ProjectSpaceFactory.create(area=area)
    author = member(area)
    client.force_login(author)
    _comment(client, project, body="Commento in attesa di revisione")
    assert ProjectComment.objects.get().moderation_state == ContentState.HELD
    for user, shown in [(author, True), (member(area), False), (facilitator(area), True)]:
        client.force_login(user)
        page = client.get(project.get_absolute_url()).content.decode()
        assert ("Commento in attesa di revisione" in page) is shown


# --- list and figures ----------------------------------------------------------------------------


def test_project_list_empty_state_and_query_count(client):
    area = AreaFactory.create()
    client.force_login(member(area))
    url = reverse("communities:projects", args=[area.slug])
    assert "Nessun progetto" in client.get(url).content.decode()
    ProjectSpaceFactory.create_batch(2, area=area)
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    ProjectSpaceFactory.create_batch(30, area=area)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_project_page_query_count_is_constant(client):
    area = AreaFactory.create()
    user = member(area)
    client.force_login(user)
    project = _service_project(area, user)
    ProjectCommentFactory.create(project=project, author=user, section="budget")
    client.get(project.get_absolute_url())
    client.get(project.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        client.get(project.get_absolute_url())
    ProjectCommentFactory.create_batch(10, project=project, section="objectives")
    with CaptureQueriesContext(connection) as large:
        client.get(project.get_absolute_url())
    assert len(large.captured_queries) == len(small.captured_queries)


def test_euro_format():
    assert selectors.euro(Decimal("1234.5")) == "1.234,50 €"
    assert selectors.euro(Decimal("1234567.891")) == "1.234.567,89 €"
    assert selectors.euro(0) == "0,00 €"
