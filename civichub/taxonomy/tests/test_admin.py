import pytest
from django.urls import reverse

from civichub.accounts.tests.factories import StaffFactory, UserFactory
from civichub.taxonomy.models import CtsActivity, IAP2Level

pytestmark = pytest.mark.django_db

MODELS = ["theme", "participatorymethod", "iap2level", "targetgroup", "ctsactivity"]


@pytest.mark.parametrize("model", MODELS)
def test_staff_edit_every_vocabulary_in_the_back_office(client, model):
    client.force_login(StaffFactory.create())

    listing = client.get(reverse(f"wagtailsnippets_taxonomy_{model}:list"))
    searched = client.get(reverse(f"wagtailsnippets_taxonomy_{model}:list"), {"q": "a"})

    assert listing.status_code == 200
    assert searched.status_code == 200


def test_iap2_promise_is_editable(client):
    client.force_login(StaffFactory.create())
    level = IAP2Level.objects.get(slug="informare")

    response = client.get(reverse("wagtailsnippets_taxonomy_iap2level:edit", args=[level.pk]))

    assert 'name="promise_en"' in response.content.decode()


def test_participants_have_no_back_office(client):
    client.force_login(UserFactory.create())

    response = client.get(reverse("wagtailsnippets_taxonomy_ctsactivity:list"))

    assert response.status_code in (302, 403)
    assert CtsActivity.objects.count() == 26
