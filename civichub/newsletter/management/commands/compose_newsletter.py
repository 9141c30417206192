import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from civichub.newsletter.services import issue_compose, month_start


def _month(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError as error:
        raise CommandError(f"--month vuole l'anno e il mese, come 2026-10 ({value!r})") from error


class Command(BaseCommand):
    help = (
        "Compone la bozza della newsletter del mese scorso (o di --month AAAA-MM) con quello "
        "che è stato pubblicato; da cron il primo del mese. Se il numero esiste già, non fa nulla."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", type=_month, help="il mese da raccontare, es. 2026-10")

    def handle(self, *args, **options) -> None:
        period = options["month"] or month_start(timezone.localdate()) - datetime.timedelta(days=1)
        try:
            issue, created = issue_compose(period=period)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        items = sum(len(block.value["items"]) for block in issue.sections)
        if created:
            self.stdout.write(f"Bozza composta: «{issue.subject}», {items} contenuti.")
        else:
            self.stdout.write(f"Il numero di {issue.period:%Y-%m} esiste già: «{issue.subject}».")
