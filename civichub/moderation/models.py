"""Moderation: reports, actions and suspensions over any registered model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentState(models.TextChoices):
    """The ``moderation_state`` column of every moderatable model."""

    VISIBLE = "visible", _("Visibile")
    HELD = "held", _("In attesa di revisione")
    HIDDEN = "hidden", _("Nascosto")
    REMOVED = "removed", _("Rimosso")
