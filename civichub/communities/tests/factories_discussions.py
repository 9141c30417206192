"""Threads and replies for tests. The factories write rows directly and move no
counters: tests of counters, mentions and notifications go through
``services.discussions``."""

import factory
from django.utils import timezone

from civichub.accounts.tests.factories import UserFactory
from civichub.moderation.models import ContentState

from ..models import Category, Reply, Thread
from .factories import AreaFactory


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    area = factory.SubFactory(AreaFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Come avviare un patto di collaborazione {n}?")
    slug = factory.Sequence(lambda n: f"come-avviare-un-patto-di-collaborazione-{n}")
    category = Category.QUESTION
    body = "<p>Nel nostro comune vorremmo proporre un patto per la cura di un giardino.</p>"
    moderation_state = ContentState.VISIBLE
    created_at = factory.LazyFunction(timezone.now)


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = "<p>Noi siamo partiti dal regolamento comunale sui beni comuni.</p>"
    moderation_state = ContentState.VISIBLE
    created_at = factory.LazyFunction(timezone.now)
