from django.core.management.base import BaseCommand

from civichub.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
from civichub.accounts.models import Role, User


class Command(BaseCommand):
    help = "Mostra le credenziali delle persone dimostrative."

    def handle(self, *args, **options) -> None:
        existing = set(
            User.objects.filter(email__in=[row[0] for row in DEMO_LOGINS]).values_list(
                "email", flat=True
            )
        )
        if not existing:
            self.stdout.write("Nessuna persona dimostrativa: esegui `manage.py seed_demo`.")
            return
        self.stdout.write(self.style.MIGRATE_HEADING("Accessi dimostrativi (password comune):"))
        for email, _first, _last, role, staff in DEMO_LOGINS:
            if email in existing:
                label = "staff (back office /admin/)" if staff else Role(role).label
                self.stdout.write(f"  {label:<30} {email}")
        self.stdout.write(f"  {'password':<30} {DEMO_PASSWORD}")
