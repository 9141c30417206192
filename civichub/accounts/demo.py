"""Demo people: one per role, with the shared demo password printed by `demo_logins`."""

from collections.abc import Callable

from .models import Role, User

DEMO_PASSWORD = "partecipa-2026"  # noqa: S105 - public demo credential, printed on start-up

DEMO_LOGINS = [
    # e-mail, first name, last name, role, staff
    ("staff@civichub.example", "Giulia", "Ferrari", Role.PROMOTER, True),
    ("promotore@civichub.example", "Marco", "Rinaldi", Role.PROMOTER, False),
    ("contributore@civichub.example", "Chiara", "Esposito", Role.CONTRIBUTOR, False),
    ("partecipante@civichub.example", "Luca", "Colombo", Role.PARTICIPANT, False),
]


def seed(log: Callable[[str], None]) -> None:
    created = 0
    for email, first_name, last_name, role, staff in DEMO_LOGINS:
        if User.objects.filter(email__iexact=email).exists():
            continue
        if staff:
            user = User.objects.create_superuser(email, DEMO_PASSWORD)
        else:
            user = User.objects.create_user(email, DEMO_PASSWORD)
        user.first_name, user.last_name, user.role = first_name, last_name, role
        user.save(update_fields=["first_name", "last_name", "role"])
        created += 1
    log(f"persone dimostrative: {created} create, {len(DEMO_LOGINS) - created} già presenti")
