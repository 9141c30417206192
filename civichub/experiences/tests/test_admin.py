"""The back office: listing, filters, search, edits that keep revisions (and compare
them), sanitised text and derived columns, decisions through the services."""

from html.parser import HTMLParser
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory, StaffFactory
from civichub.organisations.tests.factories import municipality

from ..models import Experience, ReviewAction, State
from ..services import experience_submit, experience_update
from .factories import DraftFactory, ExperienceFactory, theme, with_organisation

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The values a browser would submit for the first ``<form>`` with ``method=post``
    whose fields include ``marker`` (Wagtail pages have several forms)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: tuple[str, bool] | None = None
        self._selected: list[str] = []
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = []
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self._form.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select = (name, "multiple" in a)
            self._selected, self._first_option = [], None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._selected.append(value)
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._form is None:
            return
        if tag == "select" and self._select is not None:
            name, multiple = self._select
            values = self._selected or ([] if multiple else [self._first_option or ""])
            self._form.extend((name, value) for value in values)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            self.forms.append(self._form)
            self._form = None


def edit_form(client: Client, experience: Experience) -> dict[str, Any]:
    response = client.get(admin_url("edit", experience.pk))
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    fields = next(form for form in parser.forms if any(name == "title" for name, _ in form))
    data: dict[str, Any] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in data.items()}


def admin_url(view: str, *args: Any) -> str:
    return reverse(f"wagtailsnippets_experiences_experience:{view}", args=args)


@pytest.fixture
def staff() -> Any:
    return StaffFactory.create()


@pytest.fixture
def staff_client(client: Client, staff: Any) -> Client:
    client.force_login(staff)
    return client


def test_staff_list_filter_and_search(staff_client):
    ExperienceFactory.create(title="Patto per il verde")
    DraftFactory.create(title="Consulta dei giovani")

    listing = staff_client.get(admin_url("list"))
    filtered = staff_client.get(admin_url("list"), {"state": State.DRAFT})
    searched = staff_client.get(admin_url("list"), {"q": "verde"})
    by_scale = staff_client.get(admin_url("list"), {"scale": "national"})

    assert listing.status_code == 200
    assert "Patto per il verde" in listing.content.decode()
    assert "Consulta dei giovani" in filtered.content.decode()
    assert "Patto per il verde" not in filtered.content.decode()
    assert "Patto per il verde" in searched.content.decode()
    assert "Consulta dei giovani" not in searched.content.decode()
    assert "Patto per il verde" not in by_scale.content.decode()


@pytest.mark.parametrize("factory", [None, ContributorFactory, PromoterFactory])
def test_only_staff_reach_the_back_office(client, factory):
    if factory is not None:
        client.force_login(factory.create())
    response = client.get(admin_url("list"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/" not in response["Location"].split("?")[0]


def test_an_edit_keeps_a_revision_sanitises_and_refreshes_the_territory(staff_client):
    bologna = municipality()
    experience = DraftFactory.create(municipalities=[])
    data = edit_form(staff_client, experience)
    data.update(
        {
            "narrative": '<p onmouseover="x()">Testo <script>alert(1)</script>pulito</p>',
            "municipalities": [str(bologna.pk)],
        }
    )

    response = staff_client.post(admin_url("edit", experience.pk), data)

    assert response.status_code == 302, response.content.decode()[:500]
    experience.refresh_from_db()
    assert experience.narrative == "<p>Testo pulito</p>"
    assert [r.istat_code for r in experience.regions.all()] == ["08"]
    assert experience.revisions.count() == 1


def test_a_reserved_slug_is_refused(staff_client):
    experience = DraftFactory.create()
    data = edit_form(staff_client, experience)
    data["slug"] = "mappa"

    response = staff_client.post(admin_url("edit", experience.pk), data)

    assert response.status_code == 200
    assert "riservato" in response.content.decode()
    experience.refresh_from_db()
    assert experience.slug != "mappa"


def test_history_lists_site_and_back_office_revisions_and_compares_them(staff_client, staff):
    author = ContributorFactory.create()
    experience = DraftFactory.create(author=author, title="Prima versione")
    experience.save_revision(user=author, clean=False)
    experience_update(experience=experience, actor=author, data={"title": "Seconda versione"})
    experience_update(
        experience=Experience.objects.get(pk=experience.pk),
        actor=author,
        data={"summary": "Una sintesi diversa."},
    )
    first, second = experience.revisions.order_by("created_at", "pk")[:2]

    history = staff_client.get(admin_url("history", experience.pk))
    compare = staff_client.get(
        reverse(
            "wagtailsnippets_experiences_experience:revisions_compare",
            args=[experience.pk, first.pk, second.pk],
        )
    )

    assert history.status_code == 200
    assert "Modifica" in history.content.decode()  # our log action's label
    assert compare.status_code == 200
    content = compare.content.decode()
    assert '<span class="deletion">Prima</span>' in content
    assert '<span class="addition">Seconda</span>' in content


def test_a_decision_in_the_back_office_goes_through_the_services(staff_client, staff):
    author = ContributorFactory.create()
    experience = DraftFactory.create(author=author, themes=[theme()])
    experience.save()
    with_organisation(experience)
    experience_submit(experience=experience, actor=author)
    data = edit_form(staff_client, experience)
    mail.outbox.clear()

    missing_comment = staff_client.post(
        admin_url("edit", experience.pk), {**data, "decision": "reject"}
    )
    assert missing_comment.status_code == 200
    assert Experience.objects.get(pk=experience.pk).state == State.SUBMITTED

    wrong = staff_client.post(admin_url("edit", experience.pk), {**data, "decision": "unpublish"})
    assert wrong.status_code == 200
    assert "non si applica" in wrong.content.decode()

    data = edit_form(staff_client, experience)
    response = staff_client.post(
        admin_url("edit", experience.pk),
        {**data, "decision": "approve", "decision_comment": "Ottimo lavoro"},
    )

    assert response.status_code == 302
    experience.refresh_from_db()
    assert experience.state == State.PUBLISHED
    assert experience.published_at is not None
    assert experience.reviews.last().action == ReviewAction.APPROVED
    assert experience.reviews.last().actor == staff
    assert ModelLogEntry.objects.filter(
        object_id=str(experience.pk), action="civichub.experiences.approve"
    ).exists()


def test_a_new_experience_in_the_back_office_has_the_staff_member_as_author(staff_client, staff):
    response = staff_client.get(admin_url("add"))
    assert response.status_code == 200
    parser = FormFields()
    parser.feed(response.content.decode())
    fields = next(form for form in parser.forms if any(name == "title" for name, _ in form))
    data: dict[str, Any] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    post = {name: values if len(values) > 1 else values[0] for name, values in data.items()}
    post.update(
        {
            "title": "Dal back office",
            "slug": "dal-back-office",
            "summary": "Creata dallo staff.",
            "scale": "national",
            "status": "ongoing",
            "licence": "CC-BY-4.0",
        }
    )

    created = staff_client.post(admin_url("add"), post)

    assert created.status_code == 302, created.content.decode()[:1000]
    experience = Experience.objects.get(slug="dal-back-office")
    assert experience.author == staff
    assert experience.state == State.DRAFT
    assert experience.revisions.count() == 1
