"""E-mail notifications: rendered from templates, sent after the transaction commits."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_mail_task(
    *,
    to: list[str],
    subject: str,
    text_body: str,
    html_body: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=headers or {},
    )
    if html_body:
        message.attach_alternative(html_body, "text/html")
    # (filename, text content, MIME type): the task's arguments travel as JSON, so
    # attachments are text (an iCalendar file), never bytes.
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()


def send_templated_mail(
    *,
    to: Iterable[str],
    template: str,
    context: dict[str, Any],
    language: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
) -> None:
    """Render ``<template>_subject.txt``, ``.txt`` and (if present) ``.html`` and queue
    the message once the current transaction commits, so a rolled-back action
    never sends mail. ``language`` is the recipient's, not the requester's.
    ``attachments`` are ``(filename, text content, MIME type)``."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text_body = render_to_string(f"{template}.txt", context)
        try:
            html_body: str | None = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:  # the HTML alternative is optional
            html_body = None
    transaction.on_commit(
        lambda: send_mail_task.enqueue(
            to=recipients,
            subject=subject,
            text_body=text_body,
            html_body=html_body,
            headers=headers,
            attachments=list(attachments) if attachments else None,
        )
    )
