import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civichub.taxonomy.models import TargetGroup

pytestmark = pytest.mark.django_db

BASE = "/api/v1/taxonomy"


@pytest.mark.parametrize(
    ("path", "count", "first"),
    [
        ("themes", 15, "welfare-e-inclusione"),
        ("methods", 16, "world-cafe"),
        ("iap2-levels", 5, "informare"),
        ("target-groups", 15, "cittadinanza"),
        ("cts-activities", 26, "cts-a"),
    ],
)
def test_each_vocabulary_is_listed_in_order(client, path, count, first):
    response = client.get(f"{BASE}/{path}")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == count
    assert body["items"][0]["slug"] == first
    assert {"name", "name_en", "description", "description_en", "sort_order"} <= set(
        body["items"][0]
    )


def test_extra_fields_of_iap2_levels_and_cts_activities(client):
    level = client.get(f"{BASE}/iap2-levels").json()["items"][0]
    activity = client.get(f"{BASE}/cts-activities").json()["items"][0]

    assert level["promise"] == "Vi terremo informati."
    assert level["promise_en"] == "We will keep you informed."
    assert activity["code"] == "a"


def test_pagination_and_bad_input(client):
    page = client.get(f"{BASE}/cts-activities", {"page": 2, "page_size": 10}).json()

    assert [item["code"] for item in page["items"]] == list("klmnopqrst")
    assert client.get(f"{BASE}/methods", {"page": "zero"}).status_code == 422
    assert client.get(f"{BASE}/methods", {"page": 50}).json()["items"] == []


def test_queries_do_not_grow_with_the_vocabulary(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{BASE}/target-groups").status_code == 200
        return len(captured)

    few = queries()
    TargetGroup.objects.bulk_create(
        TargetGroup(name=f"Gruppo {n}", slug=f"gruppo-{n}", sort_order=100 + n) for n in range(60)
    )

    assert queries() == few == 2
