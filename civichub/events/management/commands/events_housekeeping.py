"""Cron job (every 15 minutes): the events' due work, as the fallback of deferred tasks.

Expired offers are cancelled and the seats offered again, reminders and surveys that
are due go out, answers about needs older than 30 days after the event are erased.
Everything is idempotent, so running it next to a task backend that defers is harmless.
"""

from typing import Any

from django.core.management.base import BaseCommand

from civichub.events import gdpr, services


class Command(BaseCommand):
    help = (
        "Eventi: scadenza dei posti offerti, promemoria e questionari dovuti "
        "(da cron, ogni 15 minuti)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        work = services.due_work()
        expired = sum(services.offers_expire(event=event) for event in work["offers"])
        reminded = sum(
            services.reminders_send(event=event, which=which)
            for which in services.REMINDER_LEADS
            for event in work[which]
        )
        surveyed = sum(services.feedback_request(event=event) for event in work["feedback"])
        erased = gdpr.needs_answers_erase()
        self.stdout.write(
            f"Offerte scadute: {expired}; promemoria inviati: {reminded}; "
            f"questionari inviati: {surveyed}; risposte sulle esigenze cancellate: {erased}"
        )
