"""Benchmark communities: topped up to the target once, counters as the services keep
them, one long thread."""

import pytest
from django.db.models import Count

from civichub.accounts import bench as accounts_bench

from .. import bench
from ..models import Area, Reply, Thread

pytestmark = pytest.mark.django_db


def test_bench_tops_up_once_with_counters_in_sql():
    accounts_bench.seed(scale=0.003, log=lambda message: None)  # 60 people
    lines: list[str] = []
    bench.seed(scale=0.01, log=lines.append)
    areas = Area.objects.filter(slug__startswith=bench.AREA_PREFIX)
    assert areas.count() == 1
    assert Thread.objects.filter(area__in=areas).count() == 100
    assert Reply.objects.filter(thread__area__in=areas).count() == 1000
    snapshot = (Thread.objects.count(), Reply.objects.count())
    bench.seed(scale=0.01, log=lines.append)
    assert (Thread.objects.count(), Reply.objects.count()) == snapshot
    assert "già presenti" in lines[-1]

    bench.seed(scale=0.03, log=lines.append)
    assert areas.count() == 1
    assert Thread.objects.filter(area__in=areas).count() == 300
    assert Reply.objects.filter(thread__area__in=areas).count() == 3000
    longest = Thread.objects.filter(area__in=areas).order_by("-replies_count")[0]
    assert longest.replies_count == 2000
    for thread in Thread.objects.annotate(n=Count("replies"))[:50]:
        assert thread.replies_count == thread.n
        assert thread.last_reply_at is not None
    area = areas.get()
    assert area.threads_count == 300
    assert area.members_count == area.memberships.count() > 0
    assert area.last_activity_at is not None
