"""Reads of the newsletter."""

import re
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from civichub.accounts.permissions import is_member

from .models import TOKEN_MAX_LENGTH, Issue, IssueStatus, Subscriber, SubscriberStatus

ARCHIVE_FIELDS = ("period", "subject", "subject_en", "sent_at")
# What secrets.token_urlsafe produces; anything else (NUL bytes included, which
# PostgreSQL refuses in a query) is not looked up at all.
_TOKEN = re.compile(rf"[A-Za-z0-9_-]{{1,{TOKEN_MAX_LENGTH}}}")


def subscriber_by_token(token: str) -> Subscriber | None:
    """The subscriber a link belongs to; None for anything that is not a known token."""
    if not _TOKEN.fullmatch(token):
        return None
    return Subscriber.objects.filter(token=token).first()


def subscriber_of(user: Any) -> Subscriber | None:
    """A member's subscription: the one linked to the account, else the one with the
    account's address."""
    if not is_member(user):
        return None
    return (
        Subscriber.objects.alias(email_ci=Lower("email"))
        .filter(Q(user=user) | Q(email_ci=user.email.lower()))
        .order_by("-confirmed_at", "-pk")
        .first()
    )


def subscriber_counts() -> dict[str, int]:
    """How many subscribers in each state, in one grouped query."""
    counts = dict.fromkeys(SubscriberStatus.values, 0)
    for row in Subscriber.objects.values("status").annotate(total=Count("pk")).order_by():
        counts[row["status"]] = row["total"]
    return counts


def sent_issues() -> QuerySet[Issue]:
    return Issue.objects.filter(status=IssueStatus.SENT).only(*ARCHIVE_FIELDS).order_by("-period")


def access_sent_issue(period: str) -> Issue:
    """The web version of an issue by its month (``2026-10``): 404 for a draft, an issue
    still being sent, a month without an issue or anything that is not a month."""
    year, dash, month = period.partition("-")
    if not (dash and len(year) == 4 and len(month) == 2 and year.isdigit() and month.isdigit()):
        raise Http404
    issue = Issue.objects.filter(
        status=IssueStatus.SENT, period__year=int(year), period__month=int(month)
    ).first()
    if issue is None:
        raise Http404
    return issue


def confirmed_by_language() -> dict[str, int]:
    """Confirmed subscribers per language, for the confirmation before sending."""
    rows = (
        Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
        .values("language")
        .annotate(total=Count("pk"))
        .order_by("language")
    )
    return {row["language"]: row["total"] for row in rows}
