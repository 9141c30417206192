import pytest

pytestmark = pytest.mark.django_db


def test_switch_language_keeps_the_page(client):
    response = client.get("/lingua/en/", {"next": "/notizie/?pagina=2"})

    assert response.status_code == 302
    assert response["Location"] == "/notizie/?pagina=2"
    assert response.cookies["civichub_language"].value == "en"


def test_switched_language_changes_the_interface_not_the_path(client):
    client.get("/lingua/en/", {"next": "/"})

    content = client.get("/").content.decode()

    assert '<html lang="en">' in content
    assert "Skip to main content" in content
    assert "Participation and co-design, together" in content


def test_italian_is_the_default(client):
    content = client.get("/").content.decode()

    assert '<html lang="it">' in content
    assert "Vai al contenuto principale" in content


def test_accept_language_is_honoured(client):
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()

    assert '<html lang="en">' in content


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_switch_language_refuses_external_redirects(client, target):
    response = client.get("/lingua/en/", {"next": target})

    assert response["Location"] == "/"


def test_unknown_language_changes_nothing(client):
    response = client.get("/lingua/xx/", {"next": "/"})

    assert response.status_code == 302
    assert "civichub_language" not in response.cookies


def test_language_links_point_back_to_the_current_page(client):
    content = client.get("/notizie/?pagina=2").content.decode()

    assert "/lingua/en/?next=/notizie/%3Fpagina%3D2" in content
