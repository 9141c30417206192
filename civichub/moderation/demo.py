"""Demo moderation: open reports on published experiences by demo participants, one
report decided with a hidden-then-restored history, and a suspension that ended.

The history is written as rows dated in the past (no e-mail is sent); later demos
(communities) report their own content through ``services.report_create``.
"""

import datetime
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from civichub.accounts.models import Role, User
from civichub.experiences.models import Experience

from .models import ActionKind, ModerationAction, Report, ReportReason, ReportStatus, Suspension

DOMAIN = "civichub.example"

OPEN = [
    (
        ReportReason.MISINFORMATION,
        "Il numero di partecipanti non corrisponde a quello del sito del Comune.",
    ),
    (ReportReason.PERSONAL_DATA, "Nella testimonianza compaiono nome e telefono di una cittadina."),
    (
        ReportReason.SPAM,
        "Il link ai contatti rimanda alla pagina commerciale di una società di consulenza.",
    ),
]


def seed(log: Callable[[str], None]) -> None:
    people = User.objects.filter(email__endswith=DOMAIN, is_active=True, joined_at__isnull=False)
    if Report.objects.filter(reporter__in=people).exists():
        log("moderation: già presente")
        return
    promoter = people.filter(role=Role.PROMOTER, is_staff=False).order_by("pk").first()
    participants = list(people.filter(role=Role.PARTICIPANT).order_by("pk")[:6])
    experiences = list(Experience.objects.published().order_by("pk")[:4])
    if promoter is None or len(participants) < 5 or len(experiences) < 4:
        log("moderation: mancano persone o esperienze demo, nulla da creare")
        return
    ct = ContentType.objects.get_for_model(Experience)
    now = timezone.now()
    reports = 0
    for index, (reason, note) in enumerate(OPEN):
        experience = experiences[index % 2]
        reporter = participants[index]
        if reporter.pk == experience.author_id:
            continue
        Report.objects.create(
            content_type=ct,
            object_id=experience.pk,
            reporter=reporter,
            reason=reason,
            note=note,
            created_at=now - datetime.timedelta(hours=5 * (index + 1)),
        )
        reports += 1

    # Hidden after a report, then restored once the authors corrected the data.
    decided = experiences[2]
    reported_at = now - datetime.timedelta(days=20)
    Report.objects.create(
        content_type=ct,
        object_id=decided.pk,
        reporter=participants[3],
        reason=ReportReason.PERSONAL_DATA,
        note="Nelle foto si leggono i nomi dei bambini della scuola.",
        created_at=reported_at,
        status=ReportStatus.ACTIONED,
        decided_by=promoter,
        decided_at=reported_at + datetime.timedelta(hours=3),
    )
    ModerationAction.objects.create(
        content_type=ct,
        object_id=decided.pk,
        actor=promoter,
        action=ActionKind.HIDE,
        reason="Le foto mostrano i nomi dei bambini: sostituitele prima di ripubblicare.",
        created_at=reported_at + datetime.timedelta(hours=3),
    )
    ModerationAction.objects.create(
        content_type=ct,
        object_id=decided.pk,
        actor=promoter,
        action=ActionKind.RESTORE,
        reason="Foto sostituite dagli autori.",
        created_at=reported_at + datetime.timedelta(days=2),
    )

    # A two-week suspension that has ended.
    suspended = participants[4]
    user_ct = ContentType.objects.get_for_model(User)
    started = now - datetime.timedelta(days=40)
    suspension_reason = "Messaggi promozionali ripetuti nelle aree di lavoro dopo un primo avviso."
    Suspension.objects.create(
        user=suspended,
        reason=suspension_reason,
        until=started + datetime.timedelta(days=14),
        created_by=promoter,
        created_at=started,
    )
    ModerationAction.objects.create(
        content_type=user_ct,
        object_id=suspended.pk,
        actor=promoter,
        action=ActionKind.SUSPEND,
        reason=suspension_reason,
        created_at=started,
    )
    log(f"moderation: {reports + 1} segnalazioni, 1 sospensione terminata")
