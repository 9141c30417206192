from django.core.management.base import BaseCommand, CommandParser

from civichub.accounts.models import Frequency
from civichub.accounts.notifications import notification_digests_send


class Command(BaseCommand):
    help = (
        "Invia i riepiloghi delle notifiche: --frequency daily ogni giorno, "
        "--frequency weekly ogni settimana (da cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--frequency", choices=[Frequency.DAILY, Frequency.WEEKLY], required=True
        )

    def handle(self, *args, **options) -> None:
        sent = notification_digests_send(frequency=options["frequency"])
        self.stdout.write(f"Riepiloghi inviati: {sent}")
