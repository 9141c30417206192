"""Who may do what with the newsletter: promoters run it (staff are promoters too).

Subscribing, confirming and unsubscribing need no permission: the random token in the
link is the authorisation. Check these with ``can`` (``rules.has_perm``), never
``user.has_perm``, which lets superusers through impossible steps such as sending an
issue twice.
"""

from typing import Any

import rules

from civichub.accounts.permissions import is_promoter

from .models import Issue, IssueStatus, Subscriber, SubscriberStatus


@rules.predicate
def is_draft(user: Any, issue: Issue | None) -> bool:
    return isinstance(issue, Issue) and issue.status == IssueStatus.DRAFT


@rules.predicate
def is_sending(user: Any, issue: Issue | None) -> bool:
    return isinstance(issue, Issue) and issue.status == IssueStatus.SENDING


@rules.predicate
def is_subscribed(user: Any, subscriber: Subscriber | None) -> bool:
    return isinstance(subscriber, Subscriber) and subscriber.status != SubscriberStatus.UNSUBSCRIBED


rules.add_perm("newsletter.manage_newsletter", is_promoter)
rules.add_perm("newsletter.compose_issue", is_promoter)
rules.add_perm("newsletter.edit_issue", is_draft & is_promoter)
rules.add_perm("newsletter.delete_issue", is_draft & is_promoter)
rules.add_perm("newsletter.send_issue", is_draft & is_promoter)
rules.add_perm("newsletter.resume_issue", is_sending & is_promoter)
rules.add_perm("newsletter.unsubscribe_subscriber", is_subscribed & is_promoter)


def can(user: Any, permission: str, obj: Issue | Subscriber | None = None) -> bool:
    return rules.has_perm(f"newsletter.{permission}", user, obj)
