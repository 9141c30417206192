import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from civichub.territories.models import Municipality, Province, Region


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture(scope="module")
def marche(django_db_setup, django_db_blocker):
    """The real data of Marche (region 11: 5 provinces, 225 comuni), loaded once per
    module and committed, so that every test of the module reads it."""
    with django_db_blocker.unblock():
        call_command("load_territories", regions=["11"], stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        Municipality.objects.all().delete()
        Province.objects.all().delete()
        Region.objects.all().delete()
