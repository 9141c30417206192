import json

import pytest

from civichub.cms.models import ContentPage, HubSettings

from .factories import home_page, news_index, news_page

pytestmark = pytest.mark.django_db


def test_fresh_install_serves_a_real_home_page(client):
    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    assert "Partecipazione e co-progettazione, insieme" in content
    assert 'id="main-content"' in content
    assert "Vai al contenuto principale" in content


def test_home_shows_latest_news_block(client):
    index = news_index()
    for n in range(1, 5):
        news_page(index, n=n)
    home = home_page()
    home.body = json.dumps([{"type": "latest_news", "value": {"title": "Dalla rete", "count": 3}}])
    home.save_revision().publish()

    content = client.get("/").content.decode()

    assert "Dalla rete" in content
    assert "Notizia numero 1" in content
    assert "Notizia numero 3" in content
    assert "Notizia numero 4" not in content


def test_navigation_shows_news_once_the_archive_exists(client):
    assert 'href="/notizie/"' not in client.get("/").content.decode()

    news_index()

    assert 'href="/notizie/"' in client.get("/").content.decode()


def test_header_and_footer_use_hub_settings(client):
    hub = HubSettings.load()
    hub.name = "Hub della Partecipazione"
    hub.owner_name = "Regione di Prova"
    hub.contact_email = "info@example.org"
    hub.accessibility_statement_url = "https://form.agid.gov.it/view/abc"
    hub.save()

    content = client.get("/").content.decode()

    assert "Hub della Partecipazione" in content
    assert "Regione di Prova" in content
    assert "mailto:info@example.org" in content
    assert "https://form.agid.gov.it/view/abc" in content
    assert "Dichiarazione di accessibilità" in content


def test_content_page_renders_with_breadcrumbs(client):
    page = ContentPage(
        slug="chi-siamo",
        title="Chi siamo",
        intro="La rete.",
        body=json.dumps([{"type": "paragraph", "value": "<p>Testo della pagina</p>"}]),
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()

    response = client.get("/chi-siamo/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Testo della pagina" in content
    assert 'aria-label="Percorso di navigazione"' in content


def test_rich_text_is_sanitised(client):
    page = ContentPage(
        slug="prova",
        title="Prova",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": '<p onclick="alert(1)">Ciao<script>alert(2)</script></p>',
                }
            ]
        ),
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()

    content = client.get("/prova/").content.decode()

    assert "Ciao" in content
    assert "onclick" not in content
    assert "alert(2)" not in content
