"""How allauth fits the hub: disposable domains refused, mail in the recipient's
language sent after commit through the task queue, and the membership form after the
first login."""

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from disposable_email_domains import blocklist
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from civichub.core.mail import send_mail_task

from .mail import hub_name
from .models import User


def is_disposable_email(email: str) -> bool:
    """True for an address at a throw-away domain, or at any subdomain of one."""
    domain = email.rpartition("@")[2].lower().strip(".")
    parts = domain.split(".")
    return any(".".join(parts[index:]) in blocklist for index in range(len(parts) - 1))


def _supported_language(code: str | None) -> str:
    code = (code or "").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        email = super().clean_email(email).strip().lower()
        if is_disposable_email(email):
            raise ValidationError(
                _(
                    "Gli indirizzi e-mail temporanei non sono accettati: usa un indirizzo "
                    "che consulti abitualmente, ti servirà per ricevere le comunicazioni "
                    "dell'hub."
                ),
                code="disposable_email",
            )
        return email

    def new_user(self, request: HttpRequest) -> User:
        user = super().new_user(request)
        # Mail goes out in the language the person signed up in.
        user.language = _supported_language(translation.get_language())
        return user

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        user = request.user
        if isinstance(user, User) and not user.has_joined and not user.is_staff:
            return reverse("accounts:membership")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        # Confirming the address signs the person in: the membership form comes next.
        return self.get_login_redirect_url(request)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        recipient = User.objects.filter(email__iexact=email).only("language").first()
        language = recipient.language if recipient else translation.get_language()
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "hub_name": hub_name(),
            **context,
        }
        with translation.override(_supported_language(language)):
            message = self.render_mail(template_prefix, email, context)
        html_body = None
        if isinstance(message, EmailMultiAlternatives) and message.alternatives:
            html_body = str(message.alternatives[0][0])
        to, subject, text_body = list(message.to), str(message.subject), str(message.body)
        headers = dict(message.extra_headers) or None
        # A slow or unreachable mail server never fails or delays the page.
        transaction.on_commit(
            lambda: send_mail_task.enqueue(
                to=to, subject=subject, text_body=text_body, html_body=html_body, headers=headers
            )
        )
