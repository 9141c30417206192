from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry


@hooks.register("register_log_actions")
def register_account_actions(actions: LogActionRegistry) -> None:
    for action, label, message in (
        ("civichub.accounts.join", _("Adesione"), _("Modulo di adesione completato")),
        (
            "civichub.accounts.contributor_request.submit",
            _("Richiesta contributore"),
            _("Richiesta di diventare contributore inviata"),
        ),
        (
            "civichub.accounts.contributor_request.approve",
            _("Approvazione contributore"),
            _("Richiesta di diventare contributore approvata"),
        ),
        (
            "civichub.accounts.contributor_request.refuse",
            _("Rifiuto contributore"),
            _("Richiesta di diventare contributore rifiutata"),
        ),
        ("civichub.accounts.role.set", _("Cambio di ruolo"), _("Ruolo modificato")),
        ("civichub.accounts.api_token.create", _("Creazione token API"), _("Token API creato")),
        ("civichub.accounts.api_token.revoke", _("Revoca token API"), _("Token API revocato")),
        ("civichub.accounts.export", _("Esportazione dati"), _("Dati personali scaricati")),
        ("civichub.accounts.erase", _("Cancellazione account"), _("Account cancellato")),
    ):
        actions.register_action(action, label, message)
