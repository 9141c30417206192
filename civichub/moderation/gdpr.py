"""A person's reports in the data export; erasure deletes them and the post log.

Moderation actions and suspensions stay (they are the hub's record of decisions); the
erased person appears in them as "Utente cancellato".
"""

from civichub.accounts.models import User
from civichub.accounts.registry import ExportSection

from .models import PostLog, Report, Suspension


def export_reports(user: User) -> ExportSection:
    reports = [
        {
            "content": (
                f"{report.content_type.app_label}.{report.content_type.model}:{report.object_id}"
            ),
            "reason": report.reason,
            "note": report.note,
            "status": report.status,
            "created_at": report.created_at.isoformat(),
        }
        for report in Report.objects.filter(reporter=user).select_related("content_type")
    ]
    suspensions = [
        {
            "reason": suspension.reason,
            "created_at": suspension.created_at.isoformat(),
            "until": suspension.until.isoformat() if suspension.until else None,
            "lifted_at": suspension.lifted_at.isoformat() if suspension.lifted_at else None,
        }
        for suspension in Suspension.objects.filter(user=user)
    ]
    return ExportSection(data={"reports": reports, "suspensions": suspensions})


def erase_reports(user: User) -> None:
    Report.objects.filter(reporter=user).delete()
    PostLog.objects.filter(author=user).delete()
