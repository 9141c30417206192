"""Library signal receivers: index set-up, workflow notifications, derivative refresh.

Receivers only translate Wagtail's events into calls to ``services``; the rules live
there. Wagtail's own workflow e-mails are kept for the back office, except for what
our messages replace on proposals from the site: the proposer (who may have no
back-office access, and would get links to it) hears from us, and promoters are told
of a new proposal once, by their notification preferences.
"""

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import Signal
from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from civichub.accounts.models import Role

from . import services
from .models import DocumentPage, LibraryIndexPage, PodcastEpisodePage


def _set_up_index(sender: Any, instance: LibraryIndexPage, created: bool, raw: bool, **kwargs):
    if created and not raw:
        services.library_index_setup(index=instance)


post_save.connect(_set_up_index, sender=LibraryIndexPage, dispatch_uid="library-index-setup")


# --- workflow --------------------------------------------------------------------------


def _task_submitted(sender: Any, instance: TaskState, user: Any = None, **kwargs) -> None:
    # Sent when the workflow starts and again when an editor resubmits after changes.
    resource = services.proposal_of(instance.workflow_state)
    if resource is not None:
        services.proposal_notify_submitted(resource=resource, actor=user)


def _workflow_approved(sender: Any, instance: WorkflowState, user: Any = None, **kwargs) -> None:
    resource = services.proposal_of(instance)
    if resource is not None:
        task_state = instance.current_task_state
        comment = task_state.specific.get_comment() if task_state is not None else ""
        services.proposal_notify_approved(resource=resource, comment=comment)


def _workflow_rejected(sender: Any, instance: WorkflowState, user: Any = None, **kwargs) -> None:
    resource = services.proposal_of(instance)
    if resource is not None:
        task_state = instance.current_task_state
        comment = task_state.specific.get_comment() if task_state is not None else ""
        services.proposal_notify_changes_requested(resource=resource, comment=comment)


task_submitted.connect(_task_submitted, dispatch_uid="library-proposal-submitted")
workflow_approved.connect(
    _workflow_approved, sender=WorkflowState, dispatch_uid="library-proposal-approved"
)
workflow_rejected.connect(
    _workflow_rejected, sender=WorkflowState, dispatch_uid="library-proposal-rejected"
)


class _WithoutProposer:
    """Wagtail's message to whoever requested the workflow, except the proposer of a
    site proposal: we write to them (in their language, with public links)."""

    def get_valid_recipients(self, instance: WorkflowState, **kwargs: Any) -> set[Any]:
        recipients = super().get_valid_recipients(instance, **kwargs)  # type: ignore[misc]
        resource = services.proposal_of(instance) if recipients else None
        if resource is None:
            return recipients
        return {user for user in recipients if user.pk != resource.proposed_by_id}


class _WithoutPromoters:
    """Wagtail's "submitted for moderation" message, except to promoters for a site
    proposal: they get ours, by their notification preferences."""

    def get_valid_recipients(self, instance: Any, **kwargs: Any) -> set[Any]:
        recipients = super().get_valid_recipients(instance, **kwargs)  # type: ignore[misc]
        workflow_state = instance.workflow_state if isinstance(instance, TaskState) else instance
        if not recipients or services.proposal_of(workflow_state) is None:
            return recipients
        return {user for user in recipients if user.role != Role.PROMOTER}


class ApprovalNotifier(_WithoutProposer, WorkflowStateApprovalEmailNotifier):
    pass


class RejectionNotifier(_WithoutProposer, WorkflowStateRejectionEmailNotifier):
    pass


class SubmissionNotifier(_WithoutPromoters, WorkflowStateSubmissionEmailNotifier):
    pass


class TaskSubmissionNotifier(_WithoutPromoters, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


# Module-level: signals keep only weak references to their receivers.
approval_notifier = ApprovalNotifier()
rejection_notifier = RejectionNotifier()
submission_notifier = SubmissionNotifier()
task_submission_notifier = TaskSubmissionNotifier()


def _replace(signal: Signal, receiver: Any, sender: type, dispatch_uid: str) -> None:
    """Take the place of Wagtail's receiver (wagtail/admin/signal_handlers.py), whatever
    the order in which the apps are ready: once ours holds the ``dispatch_uid``,
    Wagtail's later ``connect`` with the same one is a no-op."""
    signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
    signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)


_replace(
    workflow_approved,
    approval_notifier,
    WorkflowState,
    "workflow_state_approved_email_notification",
)
_replace(
    workflow_rejected,
    rejection_notifier,
    WorkflowState,
    "workflow_state_rejected_email_notification",
)
_replace(
    workflow_submitted,
    submission_notifier,
    WorkflowState,
    "workflow_state_submitted_email_notification",
)
_replace(
    task_submitted,
    task_submission_notifier,
    TaskState,
    "group_approval_task_submitted_email_notification",
)


# --- derivatives ------------------------------------------------------------------------


def _enqueue_derivatives(page_id: int) -> None:
    from .tasks import refresh_derivatives  # helper module with heavy imports (PDF, audio)

    refresh_derivatives.enqueue(page_id=page_id)


def _page_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(_enqueue_derivatives, instance.pk))


page_published.connect(_page_published, sender=DocumentPage, dispatch_uid="library-document")
page_published.connect(
    _page_published, sender=PodcastEpisodePage, dispatch_uid="library-podcast-episode"
)
