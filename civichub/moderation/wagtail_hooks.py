from typing import Any

from django.utils.translation import gettext_lazy as _lazy
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import ModerationViewSetGroup, ReadOnlyPromoterPolicy
from .models import Report, Suspension
from .services import LOG_PREFIX

register_permission_policy(Report, ReadOnlyPromoterPolicy(Report), exact_class=True)
register_permission_policy(Suspension, ReadOnlyPromoterPolicy(Suspension), exact_class=True)
register_snippet(ModerationViewSetGroup)

LOG_ACTIONS = {
    "report": (_lazy("Segnalazione"), _lazy("Contenuto segnalato")),
    "dismiss": (_lazy("Segnalazione archiviata"), _lazy("Segnalazione archiviata")),
    "hide": (_lazy("Nascosto"), _lazy("Contenuto nascosto dai moderatori")),
    "restore": (_lazy("Ripristinato"), _lazy("Contenuto ripristinato dai moderatori")),
    "remove": (_lazy("Rimosso"), _lazy("Contenuto rimosso dai moderatori")),
    "approve": (_lazy("Approvato"), _lazy("Messaggio in attesa approvato")),
    "suspend": (_lazy("Sospensione"), _lazy("Account sospeso")),
    "unsuspend": (_lazy("Sospensione revocata"), _lazy("Sospensione revocata")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    for name, (label, message) in LOG_ACTIONS.items():
        actions.register_action(LOG_PREFIX + name, label, message)
