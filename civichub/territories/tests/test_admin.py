import pytest
from django.urls import reverse

from civichub.accounts.tests.factories import StaffFactory
from civichub.territories.models import Municipality, Region

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("marche")]


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def test_staff_can_search_and_filter_comuni(staff_client):
    index = reverse("wagtailsnippets_territories_municipality:list")
    region = Region.objects.get(istat_code="11")

    response = staff_client.get(index, {"q": "ascoli", "region": region.pk})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ascoli Piceno" in html
    assert "Fabriano" not in html


def test_staff_can_inspect_but_not_edit(staff_client):
    ascoli = Municipality.objects.get(istat_code="044007")
    inspect = reverse("wagtailsnippets_territories_municipality:inspect", args=[ascoli.pk])
    edit = reverse("wagtailsnippets_territories_municipality:edit", args=[ascoli.pk])
    add = reverse("wagtailsnippets_territories_municipality:add")

    response = staff_client.get(inspect)
    assert response.status_code == 200
    assert "A462" in response.content.decode()
    assert staff_client.get(edit).status_code in (302, 403)
    assert staff_client.get(add).status_code in (302, 403)
    assert staff_client.post(edit, {"name": "Atlantide"}).status_code in (302, 403)
    assert Municipality.objects.get(pk=ascoli.pk).name == "Ascoli Piceno"


@pytest.mark.parametrize("model", ["region", "province", "municipality"])
def test_lists_open(staff_client, model):
    assert staff_client.get(reverse(f"wagtailsnippets_territories_{model}:list")).status_code == 200


def test_visitors_are_sent_to_login(client):
    response = client.get(reverse("wagtailsnippets_territories_municipality:list"))

    assert response.status_code == 302


def test_snippet_chooser_finds_comuni_and_offers_no_creation(staff_client):
    # Other apps' back-office forms pick a comune (e.g. an organisation's seat) with it.
    url = reverse("wagtailsnippetchoosers_territories_municipality:choose_results")

    response = staff_client.get(url, {"q": "ascoli"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ascoli Piceno" in html
    assert "Fabriano" not in html
    chooser = staff_client.get(
        reverse("wagtailsnippetchoosers_territories_municipality:choose")
    ).content.decode()
    assert "Crea" not in chooser
