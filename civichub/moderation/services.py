"""Moderation writes: reports, actions on content, suspensions, and ``post_screen``.

Every action checks the permission, locks the target row, changes its state (or calls
the app's own workflow), records a ``ModerationAction``, closes the open reports, writes
the audit log (``civichub.moderation.<verb>``) and mails after commit.
"""

import re
from datetime import datetime, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civichub.accounts.mail import absolute_url, hub_name
from civichub.accounts.models import User
from civichub.accounts.notifications import notify
from civichub.accounts.selectors import promoters_to_notify
from civichub.core.audit import log_action
from civichub.core.mail import send_templated_mail

from .models import (
    ActionKind,
    ContentState,
    ModerationAction,
    ModerationSettings,
    PostLog,
    Report,
    ReportReason,
    ReportStatus,
    Suspension,
)
from .permissions import SUSPENDED_CACHE_KEY, can, forget_suspension_memo, is_suspended
from .registry import Moderatable, entry_for, scope_moderators

LOG_PREFIX = "civichub.moderation."
NOTE_MAX = 1000
REASON_MAX = 2000
_LINK = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)


# --- helpers -----------------------------------------------------------------------------


def _entry(target: Any) -> Moderatable:
    entry = entry_for(target)
    if entry is None:
        raise ValidationError(_("Questo contenuto non si può moderare."), code="unregistered")
    return entry


def _require(actor: Any, permission: str, obj: Any = None) -> None:
    if not can(actor, permission, obj):
        raise PermissionDenied


def _content_type(target: Model) -> ContentType:
    return ContentType.objects.get_for_model(target, for_concrete_model=False)


def _reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message}, code="required")
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {
                "reason": _("La motivazione è troppo lunga (al massimo %(max)s caratteri).")
                % {"max": REASON_MAX}
            },
            code="max_length",
        )
    return reason


def _log(instance: Model, verb: str, actor: Any, **data: Any) -> None:
    log_action(
        instance=instance,
        action=LOG_PREFIX + verb,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        data=data,
    )


def _record(target: Model, actor: Any, action: str, reason: str = "") -> ModerationAction:
    ct = _content_type(target)
    return ModerationAction.objects.create(
        content_type=ct, object_id=target.pk, actor=actor, action=action, reason=reason
    )


def target_url(path: str) -> str:
    return absolute_url(path)


def moderation_page_url(target: Model) -> str:
    entry = _entry(target)
    return absolute_url(
        reverse("moderation:target", kwargs={"label": entry.label, "object_id": target.pk})
    )


def open_reports_count_forget() -> None:
    cache.delete("moderation:open_count")


def _mail(user: Any, template: str, context: dict[str, Any]) -> None:
    if user is None or not user.is_active or user.erased_at or not user.email:
        return
    send_templated_mail(
        to=[user.email],
        template=f"moderation/email/{template}",
        context={"recipient": user, "hub_name": hub_name(), **context},
        language=user.language,
    )


def _locked(target: Model) -> Model:
    return type(target)._default_manager.select_for_update(of=("self",)).get(pk=target.pk)


def _close_reports(target: Model, actor: Any, status: str, entry: Moderatable) -> list[Report]:
    """Close the open reports on ``target`` and tell each reporter."""
    ct = _content_type(target)
    reports = list(
        Report.objects.select_for_update(of=("self",))
        .filter(content_type=ct, object_id=target.pk, status=ReportStatus.OPEN)
        .select_related("reporter")
    )
    now = timezone.now()
    for report in reports:
        report.status = status
        report.decided_by = actor
        report.decided_at = now
        report.save(update_fields=["status", "decided_by", "decided_at"])
        _mail(
            report.reporter,
            "report_decided",
            {"report": report, "title": entry.title(target), "status": status},
        )
    open_reports_count_forget()
    return reports


# --- screening ---------------------------------------------------------------------------


def post_screen(*, author: User, text: str) -> ContentState:
    """Call before saving a post (in the same transaction). Raises ``ValidationError``
    when the person is suspended, over the hourly limit, or a new account with too many
    links; returns ``HELD`` for a new account's first posts when the setting says so,
    ``VISIBLE`` otherwise. Each call is counted in ``PostLog``."""
    if is_suspended(author):
        raise ValidationError(
            _("Il tuo account è sospeso: per ora non puoi pubblicare."), code="suspended"
        )
    config = ModerationSettings.load()
    now = timezone.now()
    joined = author.joined_at or author.date_joined
    is_new = joined is not None and joined > now - timedelta(days=config.new_account_days)
    if config.posts_per_hour:
        recent = PostLog.objects.filter(
            author=author, created_at__gt=now - timedelta(hours=1)
        ).count()
        if recent >= config.posts_per_hour:
            raise ValidationError(
                _(
                    "Hai pubblicato molti messaggi nell'ultima ora: riprova più tardi "
                    "(al massimo %(limit)s all'ora)."
                )
                % {"limit": config.posts_per_hour},
                code="rate_limited",
            )
    if is_new:
        links = len(_LINK.findall(text or ""))
        if links > config.new_account_max_links:
            raise ValidationError(
                _(
                    "Gli account nuovi possono inserire al massimo %(limit)s link per "
                    "messaggio: ne hai inseriti %(count)s."
                )
                % {"limit": config.new_account_max_links, "count": links},
                code="too_many_links",
            )
    state = ContentState.VISIBLE
    if is_new and config.hold_first_posts:
        earlier = PostLog.objects.filter(author=author).count()
        if earlier < config.hold_first_posts:
            state = ContentState.HELD
    elif not is_new:
        # Past the new-account window only the last hour matters: keep the table small.
        PostLog.objects.filter(author=author, created_at__lt=now - timedelta(hours=1)).delete()
    PostLog.objects.create(author=author, created_at=now)
    return state


# --- reports -----------------------------------------------------------------------------


def report_create(*, reporter: User, target: Model, reason: str, note: str = "") -> Report:
    """Report ``target``. A second open report by the same person returns the first.
    Moderators are told once per target (when its first open report arrives)."""
    entry = _entry(target)
    _require(reporter, "report", target)
    note = (note or "").strip()
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Scegli il motivo della segnalazione.")}, code="reason")
    if reason == ReportReason.OTHER and not note:
        raise ValidationError(
            {"note": _("Spiega in una nota che cosa non va in questo contenuto.")},
            code="required",
        )
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {
                "note": _("La nota è troppo lunga (al massimo %(max)s caratteri).")
                % {"max": NOTE_MAX}
            },
            code="max_length",
        )
    ct = _content_type(target)
    existing = Report.objects.filter(
        reporter=reporter, content_type=ct, object_id=target.pk, status=ReportStatus.OPEN
    ).first()
    if existing is not None:
        return existing
    scope = entry.scope(target)
    try:
        with transaction.atomic():
            first = not Report.objects.filter(
                content_type=ct, object_id=target.pk, status=ReportStatus.OPEN
            ).exists()
            report = Report.objects.create(
                content_type=ct,
                object_id=target.pk,
                reporter=reporter,
                reason=reason,
                note=note,
                scope=scope,
            )
            _log(target, "report", reporter, reason=reason)
    except IntegrityError:  # the same person, twice at once: keep the first
        return Report.objects.get(
            reporter=reporter, content_type=ct, object_id=target.pk, status=ReportStatus.OPEN
        )
    open_reports_count_forget()
    if first:
        context = {
            "title": entry.title(target),
            "kind": entry.verbose_name,
            "report": report,
            "moderation_url": moderation_page_url(target),
        }
        seen: set[int] = {reporter.pk}
        for person in [*promoters_to_notify(), *scope_moderators(scope)]:
            if person.pk in seen:
                continue
            seen.add(person.pk)
            notify(
                user=person,
                kind="moderation",
                template="moderation/email/reported",
                context=context,
            )
    return report


def report_dismiss(*, report: Report, actor: User) -> Report:
    """Close one report without acting on the content; the reporter is told."""
    target = report.target
    entry = _entry(target)
    _require(actor, "moderate", target)
    with transaction.atomic():
        locked = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
        if locked.status != ReportStatus.OPEN:
            raise ValidationError(_("Questa segnalazione è già stata decisa."), code="state")
        locked.status = ReportStatus.DISMISSED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        _record(target, actor, ActionKind.DISMISS)  # type: ignore[arg-type]
        _log(target, "dismiss", actor, report=locked.pk)  # type: ignore[arg-type]
        reporter = User.objects.get(pk=locked.reporter_id)
        _mail(
            reporter,
            "report_decided",
            {"report": locked, "title": entry.title(target), "status": locked.status},
        )
    open_reports_count_forget()
    return locked


# --- actions on content ------------------------------------------------------------------


def _act(
    *,
    target: Model,
    actor: User,
    reason: str,
    action: str,
    from_states: tuple[str, ...],
    to_state: str,
    missing: str,
    report_status: str | None,
    mail_template: str | None,
) -> Model:
    entry = _entry(target)
    if not entry.supports(action):
        raise ValidationError(
            _("Questa azione non è disponibile per questo tipo di contenuto."), code="unsupported"
        )
    _require(actor, "moderate", target)
    reason = _reason(reason, missing) if missing else (reason or "").strip()
    with transaction.atomic():
        locked = _locked(target)
        state = entry.current_state(locked)
        if state not in from_states:
            raise ValidationError(
                _("Non è più possibile: il contenuto ora è «%(state)s».")
                % {"state": ContentState(state).label},
                code="state",
            )
        custom = getattr(entry, action, None) if action != "approve" else None
        if custom is not None:
            custom(locked, actor, reason)
        else:
            assert entry.state_field is not None
            setattr(locked, entry.state_field, to_state)
            locked.save(update_fields=[entry.state_field])
        _record(locked, actor, action, reason)
        _log(locked, action, actor, reason=reason)
        if report_status is not None:
            _close_reports(locked, actor, report_status, entry)
        # An app's own workflow (``custom``) tells its authors itself.
        if mail_template and custom is None:
            _mail(
                entry.author(locked),
                mail_template,
                {
                    "title": entry.title(locked),
                    "kind": entry.verbose_name,
                    "reason": reason,
                    "url": absolute_url(entry.url(locked)),
                },
            )
        if action == "approve" and entry.on_approve is not None:
            entry.on_approve(locked)
        elif action != "approve" and entry.on_change is not None:
            new_state = entry.current_state(locked)
            if new_state != state:
                entry.on_change(locked, state, new_state)
    return locked


def content_hide(*, target: Model, actor: User, reason: str) -> Model:
    """Hide visible (or held) content; the author gets the reason."""
    return _act(
        target=target,
        actor=actor,
        reason=reason,
        action=ActionKind.HIDE,
        from_states=(ContentState.VISIBLE, ContentState.HELD),
        to_state=ContentState.HIDDEN,
        missing=_("Scrivi il motivo: sarà comunicato all'autore."),
        report_status=ReportStatus.ACTIONED,
        mail_template="content_hidden",
    )


def content_restore(*, target: Model, actor: User, reason: str = "") -> Model:
    """Make hidden content visible again."""
    return _act(
        target=target,
        actor=actor,
        reason=reason,
        action=ActionKind.RESTORE,
        from_states=(ContentState.HIDDEN,),
        to_state=ContentState.VISIBLE,
        missing="",
        report_status=None,
        mail_template="content_restored",
    )


def content_remove(*, target: Model, actor: User, reason: str) -> Model:
    """Remove content for good (the row stays, shown to nobody but moderators)."""
    return _act(
        target=target,
        actor=actor,
        reason=reason,
        action=ActionKind.REMOVE,
        from_states=(ContentState.VISIBLE, ContentState.HELD, ContentState.HIDDEN),
        to_state=ContentState.REMOVED,
        missing=_("Scrivi il motivo: sarà comunicato all'autore."),
        report_status=ReportStatus.ACTIONED,
        mail_template="content_removed",
    )


def content_approve(*, target: Model, actor: User) -> Model:
    """A held post becomes visible; its app's ``on_approve`` announces it."""
    return _act(
        target=target,
        actor=actor,
        reason="",
        action=ActionKind.APPROVE,
        from_states=(ContentState.HELD,),
        to_state=ContentState.VISIBLE,
        missing="",
        report_status=None,
        mail_template="content_approved",
    )


# --- suspensions -------------------------------------------------------------------------


def _remember_suspension(user: User, suspension: Suspension | None) -> None:
    """What the notice middleware reads: no SQL on every page (see ``middleware.py``)."""
    forget_suspension_memo(user)
    if suspension is not None:
        timeout = None
        if suspension.until is not None:
            timeout = max(int((suspension.until - timezone.now()).total_seconds()), 1)
        cache.set(SUSPENDED_CACHE_KEY.format(user.pk), suspension.pk, timeout)


def user_suspend(
    *, user: User, actor: User, reason: str, until: datetime | None = None
) -> Suspension:
    """Suspend a person (promoters and staff; never promoters or staff themselves)."""
    _require(actor, "suspend", user)
    reason = _reason(reason, _("Scrivi il motivo: sarà comunicato alla persona."))
    if until is not None and until <= timezone.now():
        raise ValidationError({"until": _("La data di fine deve essere nel futuro.")}, code="past")
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        if Suspension.objects.live().filter(user=user).exists():
            raise ValidationError(_("Questa persona è già sospesa."), code="already")
        suspension = Suspension.objects.create(
            user=user, reason=reason, until=until, created_by=actor
        )
        _record(user, actor, ActionKind.SUSPEND, reason)
        _log(user, "suspend", actor, reason=reason, until=until.isoformat() if until else None)
        _mail(user, "suspended", {"suspension": suspension})
        transaction.on_commit(lambda: _remember_suspension(user, suspension))
    return suspension


def user_unsuspend(*, user: User, actor: User, reason: str = "") -> int:
    """Lift the live suspensions of a person; returns how many were lifted."""
    if not (can(actor, "view_suspensions")):
        raise PermissionDenied
    reason = (reason or "").strip()
    with transaction.atomic():
        live = list(Suspension.objects.select_for_update().live().filter(user=user))
        if not live:
            raise ValidationError(_("Questa persona non è sospesa."), code="state")
        now = timezone.now()
        for suspension in live:
            suspension.lifted_at = now
            suspension.lifted_by = actor
            suspension.save(update_fields=["lifted_at", "lifted_by"])
        _record(user, actor, ActionKind.UNSUSPEND, reason)
        _log(user, "unsuspend", actor, reason=reason)
        _mail(user, "unsuspended", {})
        transaction.on_commit(lambda: _remember_suspension(user, None))
    return len(live)
