"""The promoters' queue and decision page."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civichub.accounts.models import User
from civichub.accounts.tests.factories import ContributorFactory, PromoterFactory

from ..models import (
    Experience,
    ExperienceCoauthor,
    ExperienceReview,
    ReviewAction,
    State,
)
from ..models import (
    Testimonial as ExperienceTestimonial,
)
from .factories import DraftFactory, ExperienceFactory, theme, with_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def promoter() -> User:
    return PromoterFactory.create()


@pytest.fixture
def reviewer(promoter: User) -> Client:
    client = Client()
    client.force_login(promoter)
    return client


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def submitted(days_ago: int = 1, **kwargs) -> Experience:
    experience = DraftFactory.create(
        state=State.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        themes=[theme()],
        **kwargs,
    )
    experience.save()  # commit the comuni and themes the factory set in memory
    with_organisation(experience)
    return experience


def author_of(experience: Experience) -> User:
    assert experience.author is not None
    return experience.author


def review_url(experience: Experience) -> str:
    return reverse("experiences:review", kwargs={"slug": experience.slug})


def test_the_queue_lists_submissions_oldest_first_with_author_and_completeness(reviewer):
    recent = submitted(days_ago=1, title="Arrivata ieri")
    old = submitted(days_ago=9, title="Arrivata la settimana scorsa")
    DraftFactory.create(title="Solo una bozza")
    ExperienceFactory.create(title="Già pubblicata")

    response = reviewer.get(reverse("experiences:review_queue"))
    content = response.content.decode()

    assert response.status_code == 200
    assert content.index(old.title) < content.index(recent.title)
    assert "Solo una bozza" not in content
    assert "Già pubblicata" not in content
    assert author_of(recent).display_name in content
    assert "Compilata al" in content
    assert "2 esperienze in attesa" in content


def test_the_queue_has_an_empty_state(reviewer):
    content = reviewer.get(reverse("experiences:review_queue")).content.decode()
    assert "Nessuna esperienza in attesa di revisione." in content


def test_the_queue_is_paginated(reviewer):
    for day in range(22):
        DraftFactory.create(
            state=State.SUBMITTED,
            submitted_at=timezone.now() - datetime.timedelta(days=day),
            title=f"Esperienza numero {day:02d}",
        )
    second = reviewer.get(reverse("experiences:review_queue"), {"pagina": "2"})
    assert "Esperienza numero 01" in second.content.decode()
    assert "Esperienza numero 21" not in second.content.decode()
    last = reviewer.get(reverse("experiences:review_queue"), {"pagina": "999"})
    assert last.status_code == 200


def count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_queue_queries_are_constant(reviewer):
    for day in range(2):
        submitted(days_ago=day)
    path = reverse("experiences:review_queue")
    for _ in range(2):  # warm the shared caches
        reviewer.get(path)
    few = count_queries(reviewer, path)
    for day in range(8):
        experience = submitted(days_ago=day)
        ExperienceTestimonial.objects.create(
            experience=experience, quote="Bello", person_name="Anna"
        )
    assert count_queries(reviewer, path) == few


def test_the_review_page_shows_the_experience_history_and_decision(reviewer):
    experience = submitted(narrative="<p>Il racconto <strong>completo</strong>.</p>")
    ExperienceReview.objects.create(
        experience=experience, action=ReviewAction.SUBMITTED, actor=experience.author
    )

    content = reviewer.get(review_url(experience)).content.decode()

    assert experience.summary in content
    assert "<strong>completo</strong>" in content
    assert "Inviata in revisione" in content
    assert 'name="decision"' in content
    assert "Completezza della scheda" in content


def test_approve_with_an_optional_comment(reviewer, promoter, committed):
    experience = submitted()
    coauthor = ContributorFactory.create()
    ExperienceCoauthor.objects.create(
        experience=experience, user=coauthor, accepted_at=timezone.now()
    )
    pending = ContributorFactory.create()
    ExperienceCoauthor.objects.create(experience=experience, user=pending)

    with committed():
        response = reviewer.post(
            review_url(experience),
            {"azione": "decidi", "decision": "approve", "comment": "Bella esperienza"},
        )

    assert response["Location"] == reverse("experiences:review_queue")
    experience.refresh_from_db()
    assert experience.state == State.PUBLISHED
    assert experience.review_comment == "Bella esperienza"
    review = experience.reviews.get()
    assert (review.action, review.actor, review.comment) == (
        ReviewAction.APPROVED,
        promoter,
        "Bella esperienza",
    )
    # The author and the co-authors who accepted; not the pending invitation.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [author_of(experience).email, coauthor.email]
    )
    assert all("Bella esperienza" in m.body for m in mail.outbox)


def test_the_first_publication_date_is_kept(reviewer):
    first = timezone.now() - datetime.timedelta(days=30)
    experience = submitted(published_at=first)
    reviewer.post(review_url(experience), {"azione": "decidi", "decision": "approve"})
    experience.refresh_from_db()
    assert experience.published_at == first


@pytest.mark.parametrize("decision", ["changes", "reject"])
def test_changes_and_rejection_need_a_comment(reviewer, decision):
    experience = submitted()
    response = reviewer.post(
        review_url(experience), {"azione": "decidi", "decision": decision, "comment": ""}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert Experience.objects.get(pk=experience.pk).state == State.SUBMITTED


def test_an_unknown_decision_is_refused(reviewer):
    experience = submitted()
    response = reviewer.post(review_url(experience), {"azione": "decidi", "decision": "boh"})
    assert response.status_code == 200
    assert Experience.objects.get(pk=experience.pk).state == State.SUBMITTED


def test_a_second_decision_is_harmless(reviewer, committed):
    experience = submitted()
    reviewer.post(review_url(experience), {"azione": "decidi", "decision": "approve"})
    mail.outbox.clear()
    with committed():
        again = reviewer.post(
            review_url(experience),
            {"azione": "decidi", "decision": "reject", "comment": "Ci ho ripensato"},
            follow=True,
        )
    assert "Non è più possibile" in again.content.decode()
    assert Experience.objects.get(pk=experience.pk).state == State.PUBLISHED
    assert mail.outbox == []


def test_unpublish_needs_a_reason_and_tells_the_authors(reviewer, committed):
    experience = ExperienceFactory.create()
    page = reviewer.get(review_url(experience)).content.decode()
    assert "Ritira dalla pubblicazione" in page
    assert 'name="decision"' not in page

    empty = reviewer.post(review_url(experience), {"azione": "ritira", "comment": ""})
    assert empty.status_code == 200
    assert Experience.objects.get(pk=experience.pk).state == State.PUBLISHED

    with committed():
        reviewer.post(review_url(experience), {"azione": "ritira", "comment": "Dati da verificare"})
    experience.refresh_from_db()
    assert experience.state == State.DRAFT
    assert experience.reviews.get().action == ReviewAction.UNPUBLISHED
    assert [m.to for m in mail.outbox] == [[experience.author.email]]
    assert "Dati da verificare" in mail.outbox[0].body


def test_a_draft_has_nothing_to_decide(reviewer):
    experience = DraftFactory.create()
    content = reviewer.get(review_url(experience)).content.decode()
    assert "non è in revisione" in content
    assert reviewer.post(
        review_url(experience), {"azione": "decidi", "decision": "approve"}
    ).status_code in (200, 302)
    assert Experience.objects.get(pk=experience.pk).state == State.DRAFT
