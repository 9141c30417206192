import pytest

from civichub.accounts.bench import bench_email
from civichub.accounts.tests.factories import UserFactory
from civichub.experiences import bench
from civichub.experiences.models import Experience, ExperienceOrganisation, State
from civichub.organisations.tests.factories import OrganisationFactory, municipality

pytestmark = pytest.mark.django_db


def test_bench_tops_up_to_the_target_once(client):
    municipality("037006", "Bologna")
    municipality("044007", "Ascoli Piceno", region_code="11")
    OrganisationFactory.create()
    UserFactory.create(email=bench_email(1))
    lines: list[str] = []

    bench.seed(scale=0.01, log=lines.append)
    bench.seed(scale=0.01, log=lines.append)

    experiences = Experience.objects.filter(slug__startswith=bench.SLUG_PREFIX)
    assert experiences.count() == 100
    assert lines[-1] == "esperienze: 100 già presenti (obiettivo 100)"
    assert not experiences.filter(themes=None).exists()
    assert not experiences.filter(methods=None).exists()
    assert ExperienceOrganisation.objects.filter(role="promoter").count() == 100
    # Derived columns as services would write them: every comune's region and province.
    located = experiences.exclude(municipalities=None)
    assert located.exists()
    assert not located.filter(regions=None).exists()
    assert not located.filter(provinces=None).exists()
    published = experiences.filter(state=State.PUBLISHED).count()
    assert 70 < published < 100
    response = client.get("/esperienze/")
    assert response.context["paginator"].count == published
    # The search index was filled too.
    assert client.get("/esperienze/", {"q": "percorso"}).context["paginator"].count > 0
    assert client.get("/api/v1/experiences").json()["count"] == published
