from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin import OrganisationsViewSetGroup
from .services import LOG_PREFIX

register_snippet(OrganisationsViewSetGroup)

LOG_ACTIONS = {
    "create": (_("Registrazione"), _("Organizzazione registrata dal sito")),
    "update": (_("Modifica"), _("Scheda modificata dal sito")),
    "verify": (_("Verifica"), _("Organizzazione verificata")),
    "unverify": (_("Verifica rimossa"), _("Verifica rimossa")),
    "membership_request": (_("Richiesta di adesione"), _("Richiesta di adesione")),
    "membership_approve": (_("Adesione approvata"), _("Adesione approvata")),
    "membership_refuse": (_("Adesione rifiutata"), _("Adesione rifiutata")),
    "membership_set_role": (_("Ruolo cambiato"), _("Ruolo di un membro cambiato")),
    "membership_remove": (_("Membro rimosso"), _("Membro rimosso o uscito")),
    "contributor_application_submit": (
        _("Candidatura a contributrice"),
        _("Candidatura a organizzazione contributrice presentata"),
    ),
    "contributor_application_approve": (
        _("Candidatura approvata"),
        _("Candidatura a organizzazione contributrice approvata"),
    ),
    "contributor_application_refuse": (
        _("Candidatura rifiutata"),
        _("Candidatura a organizzazione contributrice rifiutata"),
    ),
}


@hooks.register("register_log_actions")
def register_log_actions(actions) -> None:
    for name, (label, message) in LOG_ACTIONS.items():
        actions.register_action(LOG_PREFIX + name, label, message)
