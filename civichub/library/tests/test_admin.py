"""The back office: the index's moderation set-up, promoters editing resources, and the
«Gradimento strumenti» report with its detail page."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from civichub.accounts.models import PROMOTERS_GROUP, User
from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, StaffFactory
from civichub.cms.models import HomePage

from .. import services
from ..models import ResourceFeedback
from .factories import library_index, resource

pytestmark = pytest.mark.django_db

REPORT = "/admin/strumenti/gradimento/"


@pytest.fixture
def promoter() -> User:
    user = PromoterFactory.create()
    user.groups.add(Group.objects.get(name=PROMOTERS_GROUP))
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def setup_counts() -> tuple[int, ...]:
    return (
        Workflow.objects.count(),
        GroupApprovalTask.objects.count(),
        WorkflowTask.objects.count(),
        WorkflowPage.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )


def test_creating_the_index_sets_up_its_workflow_and_the_promoters_permissions():
    index = library_index()

    workflow = Workflow.objects.get(name=services.WORKFLOW_NAME)
    assert index.get_workflow() == workflow
    (task,) = [t.specific for t in workflow.tasks]
    assert task.name == services.TASK_NAME
    assert set(task.groups.values_list("name", flat=True)) == {"Moderators", PROMOTERS_GROUP}
    codenames = set(
        GroupPagePermission.objects.filter(group__name=PROMOTERS_GROUP, page=index).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "publish_page", "lock_page"}
    # A resource under the index follows the index's workflow, not Wagtail's default.
    assert resource("guide", live=False).get_workflow() == workflow


def test_the_set_up_is_idempotent_and_keeps_editors_changes():
    index = library_index()
    before = setup_counts()
    task = GroupApprovalTask.objects.get(name=services.TASK_NAME)
    editors = Group.objects.get(name="Editors")
    task.groups.add(editors)

    services.library_index_setup(index=index)
    services.library_index_setup(index=index)

    assert setup_counts() == before
    assert editors in task.groups.all()


def test_without_the_moderators_group_the_promoters_review_alone():
    Group.objects.filter(name="Moderators").delete()
    library_index()
    task = GroupApprovalTask.objects.get(name=services.TASK_NAME)
    assert list(task.groups.values_list("name", flat=True)) == [PROMOTERS_GROUP]


def test_promoters_edit_resources_in_the_back_office_but_not_other_pages(promoter):
    page = resource("guide")
    client = signed_in(promoter)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    home = HomePage.objects.get()
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)


def feedback(page, *answers: tuple[bool, str]) -> None:
    for number, (useful, comment) in enumerate(answers):
        ResourceFeedback.objects.create(
            resource=page, visitor_key=f"browser-{number}", useful=useful, comment=comment
        )
    page.__class__.objects.filter(pk=page.pk).update(
        useful_yes=sum(1 for useful, _ in answers if useful),
        useful_no=sum(1 for useful, _ in answers if not useful),
    )


def test_the_report_lists_answers_downloads_and_comments(promoter):
    liked = resource("guide", title="Guida amata", download_count=7)
    feedback(liked, (True, "Chiarissima"), (True, ""), (True, ""), (False, "Troppo lunga"))
    ignored = resource("document", title="Documento ignorato")
    draft = resource("guide", live=False, title="Bozza invisibile")

    response = signed_in(promoter).get(REPORT, {"ordering": "-useful_percent"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gradimento strumenti" in html
    assert draft.title not in html
    rows = list(response.context["object_list"])
    assert [row.pk for row in rows] == [liked.pk, ignored.pk]  # no answers: last
    assert rows[0].useful_percent == 75.0
    assert rows[0].comment_count == 2
    assert "75%" in html
    assert "—" in html
    assert f"{REPORT}{liked.pk}/" in html

    by_title = signed_in(promoter).get(REPORT, {"ordering": "title"}).context["object_list"]
    assert [row.title for row in by_title] == ["Documento ignorato", "Guida amata"]


def test_the_detail_shows_the_latest_comments(promoter):
    page = resource("guide", title="Guida amata")
    feedback(page, (True, "Chiarissima"), (False, "Troppo <b>lunga</b>"), (True, ""))
    response = signed_in(promoter).get(f"{REPORT}{page.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chiarissima" in html
    assert "Troppo &lt;b&gt;lunga&lt;/b&gt;" in html
    assert "67%" in html
    assert f'href="/strumenti/{page.slug}/"' in html
    assert signed_in(promoter).get(f"{REPORT}999999/").status_code == 404


def test_the_report_is_in_the_reports_menu_for_promoters(promoter):
    html = signed_in(promoter).get("/admin/").content.decode()
    assert "Gradimento strumenti" in html


def test_the_report_costs_the_same_queries_for_2_and_12_resources(promoter):
    client = signed_in(promoter)

    def measure() -> int:
        cache.clear()
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(REPORT)
        assert response.status_code == 200
        return len(queries)

    for _ in range(2):
        feedback(resource("guide"), (True, "Utile"))
    client.get(REPORT)
    few = measure()
    for _ in range(10):
        feedback(resource("guide"), (False, "Poco utile"))
    assert len(client.get(REPORT).context["object_list"]) == 12
    assert measure() == few


def test_people_without_the_review_permission_are_refused():
    page = resource("guide")
    contributor = ContributorFactory.create()
    # Back-office access without being a promoter: Wagtail lets them in, we do not.
    contributor.groups.add(Group.objects.get(name="Moderators"))
    client = signed_in(contributor)
    for url in (REPORT, f"{REPORT}{page.pk}/"):
        response = client.get(url)  # Wagtail turns the refusal into a message
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "Gradimento strumenti" not in client.get("/admin/").content.decode()
    assert signed_in(StaffFactory.create()).get(REPORT).status_code == 200
