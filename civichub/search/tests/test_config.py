"""SEARCH_URL: the database by default, Elasticsearch or OpenSearch when set."""

import importlib.util

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from ..config import DATABASE, ITALIAN_ANALYSIS, backends_from_env, search_backend_from_url


def test_the_database_by_default(monkeypatch):
    monkeypatch.delenv("SEARCH_URL", raising=False)

    assert backends_from_env(environ.Env()) == {"default": DATABASE}
    assert search_backend_from_url("database://") == DATABASE


def test_an_opensearch_url_becomes_its_backend(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())

    config = search_backend_from_url("opensearch2+https://hub:s3cret@search.example.org/civichub")

    assert config == {
        "BACKEND": "wagtail.search.backends.opensearch2",
        "URLS": ["https://hub:s3cret@search.example.org:9200"],
        "INDEX_PREFIX": "civichub_",
        "TIMEOUT": 10,
        "INDEX_SETTINGS": ITALIAN_ANALYSIS,
    }


def test_an_elasticsearch_url_keeps_its_port(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())

    config = search_backend_from_url("elasticsearch8://localhost:9201")

    assert config["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert config["URLS"] == ["http://localhost:9201"]
    assert config["INDEX_PREFIX"] == ""


def test_a_missing_client_is_a_clear_configuration_error():
    if importlib.util.find_spec("elasticsearch") is not None:
        pytest.skip("the Elasticsearch client is installed here")

    with pytest.raises(ImproperlyConfigured, match="install 'elasticsearch>=8,<9'"):
        search_backend_from_url("elasticsearch8+https://search.example.org")


@pytest.mark.parametrize(
    "url",
    [
        "solr://search.example.org",
        "opensearch2+ftp://search.example.org",
        "opensearch2+https://search.example.org:port",
        "opensearch2+https:///prefix",
        "https://search.example.org",
    ],
)
def test_bad_urls_are_explained(url):
    with pytest.raises(ImproperlyConfigured, match="SEARCH_URL is not valid"):
        search_backend_from_url(url)
