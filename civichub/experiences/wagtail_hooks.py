from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin import ExperienceViewSet
from .services import LOG_PREFIX

register_snippet(ExperienceViewSet)

LOG_ACTIONS = {
    "create": (_("Creazione"), _("Esperienza creata dal sito")),
    "update": (_("Modifica"), _("Esperienza modificata dal sito")),
    "submit": (_("Invio in revisione"), _("Esperienza inviata in revisione")),
    "withdraw": (_("Ritiro dalla revisione"), _("Esperienza ritirata dalla revisione")),
    "approve": (_("Approvazione"), _("Esperienza approvata e pubblicata")),
    "request_changes": (_("Modifiche richieste"), _("Modifiche richieste agli autori")),
    "reject": (_("Respingimento"), _("Esperienza respinta")),
    "unpublish": (_("Ritiro dalla pubblicazione"), _("Esperienza ritirata dalla pubblicazione")),
    "delete": (_("Eliminazione"), _("Bozza eliminata dall'autore")),
    "replicate": (_("Replica"), _("Bozza creata replicando un'altra esperienza")),
    "coauthor_invite": (_("Invito a coautore"), _("Coautore invitato")),
    "coauthor_accept": (_("Coautore: invito accettato"), _("Invito a coautore accettato")),
    "coauthor_remove": (_("Coautore rimosso"), _("Coautore rimosso o invito rifiutato")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions) -> None:
    for name, (label, message) in LOG_ACTIONS.items():
        actions.register_action(LOG_PREFIX + name, label, message)
