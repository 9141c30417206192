import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def test_unknown_path_gives_the_designed_404(client):
    response = client.get("/questa-pagina-non-esiste/")

    assert response.status_code == 404
    content = response.content.decode()
    assert "Pagina non trovata" in content
    assert "it-header-wrapper" in content
    assert "Torna alla home page" in content


def test_broken_database_gives_the_500_page_not_a_traceback(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "civichub.cms.selectors.news_index_url",
            lambda: (_ for _ in ()).throw(OperationalError("database is down")),
        )
        response = client.get("/")

    assert response.status_code == 500
    content = response.content.decode()
    assert "Si è verificato un errore" in content
    assert "Traceback" not in content
    assert "database is down" not in content


def test_security_headers_are_set(client):
    response = client.get("/")

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_back_office_has_its_own_relaxed_policy(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_back_office_login_goes_through_the_site_login(client):
    response = client.get("/admin/login/", {"next": "/admin/pages/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


def test_anonymous_pages_set_no_cookies(client):
    response = client.get("/")

    assert response.cookies == {}


def test_sitemap_lists_public_pages(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert b"<urlset" in response.content


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/notizie/?tema=a%00b", "text/html"),
        ("/api/v1/organisations?q=a%00b", "application/json"),
        # Not only the last value of a repeated parameter.
        ("/api/v1/experiences?theme=a%00b&theme=c", "application/json"),
    ],
)
def test_null_characters_in_input_get_a_clear_400(client, path, content_type):
    response = client.get(path)

    assert response.status_code == 400
    assert response["Content-Type"].startswith(content_type)


def test_null_characters_in_a_form_get_a_400(client):
    response = client.post("/accounts/login/", {"login": "a\x00@example.org", "password": "x"})

    assert response.status_code == 400
