"""The demo gives the demo logins follows and a bell with a count; a second run adds
nothing."""

import pytest

from civichub.accounts import demo as accounts_demo
from civichub.organisations import demo as organisations_demo

from .. import demo
from ..models import Follow, Notification
from ..selectors import unread_count

pytestmark = pytest.mark.django_db


def test_demo_is_believable_and_idempotent():
    for module in (accounts_demo, organisations_demo, demo):
        module.seed(log=lambda message: None)
    counts = (Follow.objects.count(), Notification.objects.count())
    assert counts[0] > 0
    assert counts[1] == 4 * len(demo.NOTIFICATIONS)
    from civichub.accounts.models import User

    participant = User.objects.get(email="partecipante@civichub.example")
    assert unread_count(participant) == 3
    demo.seed(log=lambda message: None)
    assert (Follow.objects.count(), Notification.objects.count()) == counts
