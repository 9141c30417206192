from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from civichub.accounts.services import unverified_users_purge


class Command(BaseCommand):
    help = (
        "Cancella le iscrizioni mai confermate più vecchie di "
        "ACCOUNTS_UNVERIFIED_RETENTION_DAYS giorni (da eseguire ogni giorno)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Giorni di conservazione (predefinito: ACCOUNTS_UNVERIFIED_RETENTION_DAYS).",
        )

    def handle(self, *args, **options) -> None:
        days = options["days"] or settings.ACCOUNTS_UNVERIFIED_RETENTION_DAYS
        purged = unverified_users_purge(older_than_days=days)
        self.stdout.write(f"Iscrizioni non confermate cancellate: {purged}")
