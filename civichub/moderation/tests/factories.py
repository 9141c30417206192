"""Moderation test data. Reports are about ``communities.Thread`` (a model with a
``moderation_state`` column) registered by the ``registered`` fixture of
``conftest.py`` with scope ``area:<pk>``, or about published experiences (registered by
the experiences app with its own workflow)."""

from typing import Any

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from civichub.accounts.tests.factories import PromoterFactory, UserFactory
from civichub.communities.models import Thread
from civichub.communities.tests.factories import AreaFactory

from ..models import ContentState, Report, ReportReason, Suspension


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread
        skip_postgeneration_save = True

    area = factory.SubFactory(AreaFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Come avviare un patto di collaborazione {n}")
    slug = factory.Sequence(lambda n: f"patto-{n}")
    body = "<p>Nel nostro comune vorremmo curare insieme il giardino della scuola.</p>"
    moderation_state = ContentState.VISIBLE


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    class Params:
        target: Any = factory.SubFactory(ThreadFactory)

    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: o.target.pk)
    reporter = factory.SubFactory(UserFactory)
    reason = ReportReason.SPAM
    note = "Pubblicità di un corso a pagamento."
    scope = factory.LazyAttribute(
        lambda o: f"area:{o.target.area_id}" if hasattr(o.target, "area_id") else ""
    )


class SuspensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suspension

    user = factory.SubFactory(UserFactory)
    reason = "Messaggi offensivi ripetuti."
    created_by = factory.SubFactory(PromoterFactory)
    created_at = factory.LazyFunction(timezone.now)
