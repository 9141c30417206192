import pytest

from civichub.accounts.bench import bench_email
from civichub.accounts.tests.factories import UserFactory
from civichub.organisations import bench
from civichub.organisations.models import Membership, Organisation

from .factories import municipality

pytestmark = pytest.mark.django_db


def test_bench_tops_up_to_the_target_once(client):
    municipality()
    UserFactory.create(email=bench_email(1))
    lines: list[str] = []

    bench.seed(scale=0.01, log=lines.append)
    bench.seed(scale=0.01, log=lines.append)

    assert Organisation.objects.filter(slug__startswith=bench.SLUG_PREFIX).count() == 20
    assert Membership.objects.filter(role=Membership.Role.ADMIN).count() == 20
    assert not Organisation.objects.filter(themes=None).exists()
    assert lines[-1] == "organizzazioni: 20 già presenti (obiettivo 20)"
    assert client.get("/organizzazioni/").context["paginator"].count == 20
