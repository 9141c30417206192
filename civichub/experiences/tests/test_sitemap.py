"""/sitemap.xml lists Wagtail's pages and the published experiences, never the others."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from civichub.experiences.models import State

from .factories import DraftFactory, ExperienceFactory

pytestmark = pytest.mark.django_db


def test_published_experiences_are_in_the_sitemap_and_the_others_are_not():
    published = ExperienceFactory.create()
    hidden = [DraftFactory.create(state=state) for state in State if state != State.PUBLISHED]

    response = Client().get("/sitemap.xml")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<urlset" in content
    assert f"<loc>http://testserver/esperienze/{published.slug}/</loc>" in content
    assert f"<lastmod>{published.updated_at.date().isoformat()}</lastmod>" in content
    assert content.count("<url>") == 2  # and Wagtail's home page
    for experience in hidden:
        assert f"/esperienze/{experience.slug}/" not in content


def test_an_unpublished_experience_leaves_the_sitemap():
    experience = ExperienceFactory.create()
    experience.state = State.DRAFT
    experience.save(update_fields=["state"])

    content = Client().get("/sitemap.xml").content.decode()

    assert f"/esperienze/{experience.slug}/" not in content


def test_the_sitemap_costs_the_same_queries_with_more_experiences():
    ExperienceFactory.create_batch(2)
    client = Client()
    client.get("/sitemap.xml")
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap.xml")
    few_count = len(few)

    ExperienceFactory.create_batch(10)
    with CaptureQueriesContext(connection) as many:
        client.get("/sitemap.xml")

    assert len(many) == few_count
