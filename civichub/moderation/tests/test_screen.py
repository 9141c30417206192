"""post_screen: suspended, rate limit, links of new accounts, held first posts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from civichub.accounts.tests.factories import UserFactory

from ..models import ContentState, ModerationSettings, PostLog
from ..services import post_screen
from .factories import SuspensionFactory

pytestmark = pytest.mark.django_db


def _settings(**values):
    config = ModerationSettings.load()
    for key, value in values.items():
        setattr(config, key, value)
    config.save()
    return config


def _veteran():
    return UserFactory.create(joined_at=timezone.now() - datetime.timedelta(days=90))


def test_a_veteran_posts_visibly_with_any_number_of_links():
    author = _veteran()
    text = " ".join(f"https://esempio.it/{n}" for n in range(10))
    assert post_screen(author=author, text=text) == ContentState.VISIBLE
    assert PostLog.objects.filter(author=author).count() == 1


def test_suspended_people_cannot_post():
    author = SuspensionFactory.create().user
    with pytest.raises(ValidationError) as error:
        post_screen(author=author, text="Ciao")
    assert error.value.code == "suspended"
    assert "sospeso" in error.value.messages[0]
    assert PostLog.objects.count() == 0


def test_rate_limit_per_hour():
    _settings(posts_per_hour=3)
    author = _veteran()
    PostLog.objects.create(author=author, created_at=timezone.now() - datetime.timedelta(hours=2))
    for _ in range(3):
        post_screen(author=author, text="Un messaggio")
    with pytest.raises(ValidationError) as error:
        post_screen(author=author, text="Il quarto")
    assert error.value.code == "rate_limited"
    assert "3" in error.value.messages[0]
    # Older rows of people past the new-account window are pruned.
    assert PostLog.objects.filter(author=author).count() == 3


def test_new_accounts_have_a_link_limit():
    _settings(new_account_max_links=2)
    author = UserFactory.create()  # joined just now
    assert post_screen(author=author, text="https://a.it e www.b.it") == ContentState.VISIBLE
    with pytest.raises(ValidationError) as error:
        post_screen(author=author, text="https://a.it http://b.it www.c.it")
    assert error.value.code == "too_many_links"
    assert PostLog.objects.filter(author=author).count() == 1


def test_first_posts_of_new_accounts_are_held_when_set():
    author = UserFactory.create()
    assert post_screen(author=author, text="Senza impostazione") == ContentState.VISIBLE
    _settings(hold_first_posts=2)
    newcomer = UserFactory.create()
    assert post_screen(author=newcomer, text="Primo") == ContentState.HELD
    assert post_screen(author=newcomer, text="Secondo") == ContentState.HELD
    assert post_screen(author=newcomer, text="Terzo") == ContentState.VISIBLE
    assert post_screen(author=_veteran(), text="Veterano") == ContentState.VISIBLE
