import pytest

from civichub.accounts.demo import seed as seed_accounts
from civichub.experiences.tests.factories import ExperienceFactory

from ..demo import seed
from ..models import ModerationAction, Report, Suspension

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    seed_accounts(lambda message: None)
    ExperienceFactory.create_batch(4)
    seed(lambda message: None)
    counts = (Report.objects.count(), ModerationAction.objects.count(), Suspension.objects.count())
    assert counts[0] >= 3
    assert counts[1] == 3
    assert counts[2] == 1
    assert Report.objects.filter(status="open").count() >= 2
    assert not Suspension.objects.live().exists()
    seed(lambda message: None)
    assert (
        Report.objects.count(),
        ModerationAction.objects.count(),
        Suspension.objects.count(),
    ) == counts
