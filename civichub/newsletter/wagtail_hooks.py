from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import IssuePermissionPolicy, NewsletterViewSetGroup, SubscriberPermissionPolicy
from .models import Issue, Subscriber
from .services import LOG_PREFIX

register_permission_policy(Issue, IssuePermissionPolicy(Issue), exact_class=True)
register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber), exact_class=True)
register_snippet(NewsletterViewSetGroup)

LOG_ACTIONS = {
    "compose": (_("Composizione"), _("Bozza della newsletter composta")),
    "send": (_("Invio"), _("Invio della newsletter avviato")),
    "resume": (_("Invio ripreso"), _("Invio della newsletter ripreso")),
    "sent": (_("Inviato"), _("Newsletter inviata a tutti i destinatari")),
    "unsubscribe": (_("Disiscrizione"), _("Iscritto disiscritto dal back office")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions) -> None:
    for name, (label, message) in LOG_ACTIONS.items():
        actions.register_action(LOG_PREFIX + name, label, message)
