"""Every GET endpoint in the OpenAPI schema survives hostile query strings."""

import pytest

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    {"page": "0"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "9" * 30},
    {"page_size": "0"},
    {"page_size": "100000"},
    {"q": "' OR 1=1 --"},
    {"q": "<script>alert(1)</script>"},
    {"q": "\u0000"},
    {"q": "é" * 500},
    {"region": "../../etc/passwd"},
    {"unknown": "value"},
]


def _list_paths(client) -> list[str]:
    schema = client.get("/api/v1/openapi.json").json()
    return [
        path
        for path, operations in schema["paths"].items()
        if "get" in operations and "{" not in path
    ]


def test_schema_lists_the_public_resources(client):
    paths = _list_paths(client)

    assert "/api/v1/organisations" in paths
    assert "/api/v1/territories/regions" in paths
    assert "/api/v1/taxonomy/themes" in paths


def test_no_endpoint_answers_5xx_to_hostile_queries(client):
    failures = []
    for path in _list_paths(client):
        for query in HOSTILE_QUERIES:
            response = client.get(path, query)
            if response.status_code >= 500:
                failures.append((path, query, response.status_code))
            elif response.status_code not in (401, 403):
                assert response["Content-Type"].startswith("application/json"), path

    assert failures == []


def test_every_operation_documents_its_error_answers(client):
    schema = client.get("/api/v1/openapi.json").json()

    for path, operations in schema["paths"].items():
        for operation in operations.values():
            responses = operation["responses"]
            assert "400" in responses, path
            if operation.get("parameters"):
                assert "422" in responses, path
            if "{" in path:
                assert "404" in responses, path
            if operation.get("security"):
                assert "401" in responses, path


def test_enums_of_different_resources_do_not_share_a_schema(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    assert "ets" in schemas["OrganisationKind"]["enum"]
    assert "metropolitan_city" in schemas["ProvinceKind"]["enum"]
    assert "Kind" not in schemas
