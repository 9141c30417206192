"""Demo follows and notifications, so that the bell of the demo logins shows something.

Runs before experiences' demo (INSTALLED_APPS order), so it follows organisations and
people here; experiences' demo adds the follows of experiences (``Follow`` rows).
Idempotent: everything is looked up by a natural key first.
"""

import datetime
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from civichub.accounts.models import User
from civichub.organisations.models import Organisation

from .models import Follow, Notification
from .services import unread_counter_refresh

DEMO_LOGINS = ("partecipante", "contributore", "promotore", "staff")
ORGANISATIONS = ("Comune di Bologna", "Comune di Pesaro", "Comune di Reggio Emilia")
# (group key, kind, text, url name or path, hours ago, read)
NOTIFICATIONS = (
    ("demo:benvenuto", "follows", "Benvenuta, benvenuto: segui esperienze, organizzazioni e persone per ricevere qui le loro novità.", "/notifiche/seguiti/", 1, False),
    ("demo:bologna", "follows", "Il Comune di Bologna ha aggiornato la propria scheda: nuove competenze sul bilancio partecipativo.", "/organizzazioni/", 5, False),
    ("demo:pesaro", "follows", "Il Comune di Pesaro ha pubblicato un nuovo percorso sui patti di collaborazione.", "/esperienze/", 26, False),
    ("demo:eventi", "replies", "Hai ricevuto una risposta alla tua domanda sul laboratorio di co-progettazione di Reggio Emilia.", "/eventi/", 50, True),
    ("demo:strumenti", "follows", "Nuova guida in «Strumenti»: come facilitare un tavolo di co-progettazione.", "/strumenti/", 72, True),
)  # fmt: skip


def seed(log: Callable[[str], None]) -> None:
    people = {
        user.email.split("@")[0]: user
        for user in User.objects.filter(
            email__in=[f"{name}@civichub.example" for name in DEMO_LOGINS]
        )
    }
    organisations = list(Organisation.objects.filter(name__in=ORGANISATIONS).order_by("name"))
    organisation_type = ContentType.objects.get_for_model(Organisation)
    user_type = ContentType.objects.get_for_model(User)
    follows = notifications = 0
    now = timezone.now()
    for name, user in people.items():
        targets = [(organisation_type, organisation.pk) for organisation in organisations]
        for other_name, other in people.items():
            if other_name != name and other_name in ("contributore", "promotore"):
                targets.append((user_type, other.pk))
        for content_type, object_id in targets:
            _row, created = Follow.objects.get_or_create(
                user=user, content_type=content_type, object_id=object_id
            )
            follows += created
        for group_key, kind, text, url, hours, read in NOTIFICATIONS:
            if Notification.objects.filter(recipient=user, group_key=group_key).exists():
                continue
            when = now - datetime.timedelta(hours=hours)
            Notification.objects.create(
                recipient=user, kind=kind, group_key=group_key, text=text, url=url,
                created_at=when, updated_at=when, read_at=when if read else None,
            )  # fmt: skip
            notifications += 1
        unread_counter_refresh(user=user)
    log(f"notifications: {follows} follow, {notifications} notifiche per gli accessi demo")
