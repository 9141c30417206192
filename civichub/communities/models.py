"""Communities of practice: working areas with discussions, shared files and project
spaces (seeds 001 and 004). The promoters' reserved workspace is a private area.

Counters (members, threads, replies, useful marks) and ``last_activity_at`` are written
only by ``services`` with ``F()`` updates, so lists read them without counting rows.
Every post carries ``moderation_state`` (``moderation.ContentState``); visibility
querysets show held posts only to their author and to moderators.
"""

import secrets
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.models import Orderable, RevisionMixin

from civichub.core.i18n import TranslatedField
from civichub.moderation.models import ContentState


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Pubblica: chiunque legge, i membri scrivono")
    MEMBERS = "members", _("Riservata agli iscritti all'hub")
    PRIVATE = "private", _("Privata: solo su invito")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Aperta")
    REQUEST = "request", _("Su richiesta, approvata dai facilitatori")
    INVITATION = "invitation", _("Solo su invito")


class AreaQuerySet(models.QuerySet["Area"]):
    def visible_to(self, user: Any) -> "AreaQuerySet":
        """Areas ``user`` may read: public ones; members-only ones for joined members;
        private ones for their active members (and promoters for the workspace)."""
        from . import permissions

        return self.filter(permissions.visible_areas_q(user))


class Area(models.Model):  # type: ignore[django-manager-missing]
    slug = models.SlugField(_("indirizzo"), max_length=80, unique=True)
    name = models.CharField(_("nome"), max_length=120)
    name_en = models.CharField(_("nome (inglese)"), max_length=120, blank=True)
    purpose = models.TextField(_("finalità"), max_length=600)
    purpose_en = models.TextField(_("finalità (inglese)"), max_length=600, blank=True)
    welcome = models.TextField(
        _("messaggio di benvenuto"),
        blank=True,
        help_text=_("Testo scritto dai facilitatori, mostrato in cima all'area."),
    )
    welcome_en = models.TextField(_("messaggio di benvenuto (inglese)"), blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("temi"), blank=True, related_name="areas"
    )
    visibility = models.CharField(
        _("visibilità"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    join_policy = models.CharField(
        _("adesione"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    is_promoters_workspace = models.BooleanField(
        _("spazio riservato dei promotori"),
        default=False,
        help_text=_("Tutti i promotori lo vedono e possono partecipare."),
    )
    members_count = models.PositiveIntegerField(_("membri"), default=0, editable=False)
    threads_count = models.PositiveIntegerField(_("discussioni"), default=0, editable=False)
    last_activity_at = models.DateTimeField(_("ultima attività"), null=True, blank=True)
    created_at = models.DateTimeField(_("creata il"), default=timezone.now)
    archived_at = models.DateTimeField(_("archiviata il"), null=True, blank=True)

    tr_name = TranslatedField("name", "name_en")
    tr_purpose = TranslatedField("purpose", "purpose_en")
    tr_welcome = TranslatedField("welcome", "welcome_en")

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("area di lavoro")
        verbose_name_plural = _("aree di lavoro")
        indexes = [models.Index(fields=["visibility", "-last_activity_at"], name="area_vis_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:area", kwargs={"area": self.slug})


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Membro")
    FACILITATOR = "facilitator", _("Facilitatore")


class MemberState(models.TextChoices):
    ACTIVE = "active", _("Attivo")
    REQUESTED = "requested", _("Richiesta in attesa")
    INVITED = "invited", _("Invitato")
    REMOVED = "removed", _("Rimosso")
    LEFT = "left", _("Uscito")


class AreaMembership(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="area_memberships"
    )
    role = models.CharField(
        _("ruolo"), max_length=12, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    state = models.CharField(_("stato"), max_length=10, choices=MemberState.choices)
    message = models.TextField(_("messaggio"), max_length=1000, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitato da"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deciso da"),
    )
    decided_at = models.DateTimeField(_("deciso il"), null=True, blank=True)
    created_at = models.DateTimeField(_("creato il"), default=timezone.now)

    class Meta:
        verbose_name = _("iscrizione a un'area")
        verbose_name_plural = _("iscrizioni alle aree")
        constraints = [models.UniqueConstraint(fields=["area", "user"], name="area_member_unique")]
        indexes = [
            models.Index(fields=["user", "state"], name="area_member_user_idx"),
            models.Index(fields=["area", "state", "role"], name="area_member_area_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.area}"


class Category(models.TextChoices):
    QUESTION = "question", _("Domanda")
    EXPERIENCE = "experience", _("Esperienza")
    PROPOSAL = "proposal", _("Proposta")
    RESOURCE = "resource", _("Risorsa")
    ANNOUNCEMENT = "announcement", _("Annuncio")


class ThreadTag(TaggedItemBase):
    content_object = ParentalKey("Thread", on_delete=models.CASCADE, related_name="tagged_items")


class ThreadQuerySet(models.QuerySet["Thread"]):
    def visible_to(self, user: Any) -> "ThreadQuerySet":
        """Threads in areas ``user`` may read that are visible, or held for review and
        written by ``user`` or moderated by them."""
        from . import permissions

        return self.filter(permissions.visible_threads_q(user))


class Thread(ClusterableModel):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="threads"
    )
    title = models.CharField(_("titolo"), max_length=160)
    slug = models.SlugField(_("indirizzo"), max_length=80, allow_unicode=False)
    category = models.CharField(
        _("categoria"), max_length=12, choices=Category.choices, default=Category.QUESTION
    )
    tags = TaggableManager(through=ThreadTag, blank=True, verbose_name=_("etichette"))
    body = models.TextField(_("testo"))
    pinned_at = models.DateTimeField(_("in evidenza dal"), null=True, blank=True)
    locked_at = models.DateTimeField(_("chiusa il"), null=True, blank=True)
    accepted_reply = models.ForeignKey(
        "Reply",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("risposta accettata"),
    )
    moderation_state = models.CharField(
        _("stato di moderazione"),
        max_length=10,
        choices=ContentState.choices,
        default=ContentState.VISIBLE,
    )
    replies_count = models.PositiveIntegerField(_("risposte"), default=0, editable=False)
    last_reply_at = models.DateTimeField(_("ultima risposta"), null=True, blank=True)
    last_reply_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    edited_at = models.DateTimeField(_("modificata il"), null=True, blank=True)
    created_at = models.DateTimeField(_("creata il"), default=timezone.now)
    request_key = models.CharField(max_length=40, blank=True, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("discussione")
        verbose_name_plural = _("discussioni")
        constraints = [
            models.UniqueConstraint(
                fields=["author", "request_key"],
                condition=~Q(request_key=""),
                name="thread_request_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["area", "moderation_state", "-last_reply_at"], name="thread_area_idx"
            ),
            models.Index(fields=["area", "-pinned_at"], name="thread_pinned_idx"),
            models.Index(fields=["author", "-created_at"], name="thread_author_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "communities:thread",
            kwargs={"area": self.area.slug, "pk": self.pk, "slug": self.slug},
        )


class ReplyQuerySet(models.QuerySet["Reply"]):
    def visible_to(self, user: Any) -> "ReplyQuerySet":
        """Replies in threads ``user`` may read, visible or held for their author."""
        from . import permissions

        return self.filter(permissions.visible_replies_q(user))


class Reply(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="replies"
    )
    body = models.TextField(_("testo"))
    quoted = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("citazione"),
    )
    moderation_state = models.CharField(
        _("stato di moderazione"),
        max_length=10,
        choices=ContentState.choices,
        default=ContentState.VISIBLE,
    )
    useful_count = models.PositiveIntegerField(_("utile per"), default=0, editable=False)
    created_at = models.DateTimeField(_("scritta il"), default=timezone.now)
    edited_at = models.DateTimeField(_("modificata il"), null=True, blank=True)
    request_key = models.CharField(max_length=40, blank=True, editable=False)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("risposta")
        verbose_name_plural = _("risposte")
        constraints = [
            models.UniqueConstraint(
                fields=["author", "request_key"],
                condition=~Q(request_key=""),
                name="reply_request_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["thread", "moderation_state", "created_at"], name="reply_thread_idx"
            ),
            models.Index(fields=["author", "-created_at"], name="reply_author_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"


class PostRevision(models.Model):
    """A thread's or reply's text before an edit: the edit history readers can open."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    title = models.CharField(_("titolo"), max_length=160, blank=True)
    body = models.TextField(_("testo"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("versione precedente")
        verbose_name_plural = _("versioni precedenti")
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, reply__isnull=True)
                | Q(thread__isnull=True, reply__isnull=False),
                name="post_revision_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread or self.reply} ({self.created_at:%Y-%m-%d %H:%M})"


class Mention(models.Model):
    """A person named with ``@`` in a thread or reply (told once, never on edits)."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="mentions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="mention_thread_unique"),
            models.UniqueConstraint(fields=["reply", "user"], name="mention_reply_unique"),
        ]

    def __str__(self) -> str:
        return f"@{self.user}"


class UsefulReaction(models.Model):
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="useful_marks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="useful_marks"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reply", "user"], name="useful_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.reply}"


def _file_path(instance: "FileVersion", filename: str) -> str:
    # A random name: the original is kept in ``original_name`` and the file is served
    # only through the area's download view, never by guessing a path.
    return f"communities/{instance.shared_file.area_id}/{secrets.token_urlsafe(16)}"


class SharedFile(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("titolo"), max_length=160)
    description = models.TextField(_("descrizione"), max_length=1000, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moderation_state = models.CharField(
        _("stato di moderazione"),
        max_length=10,
        choices=ContentState.choices,
        default=ContentState.VISIBLE,
    )
    versions_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("file condiviso")
        verbose_name_plural = _("file condivisi")
        indexes = [models.Index(fields=["area", "-updated_at"], name="shared_file_area_idx")]

    def __str__(self) -> str:
        return self.title


class FileVersion(models.Model):
    shared_file = models.ForeignKey(SharedFile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versione"))
    file = models.FileField(_("file"), upload_to=_file_path, max_length=200)
    original_name = models.CharField(_("nome del file"), max_length=200)
    size = models.PositiveBigIntegerField(_("dimensione"))
    mime = models.CharField(_("tipo"), max_length=100)
    note = models.CharField(_("nota sulla versione"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("versione del file")
        verbose_name_plural = _("versioni del file")
        constraints = [
            models.UniqueConstraint(fields=["shared_file", "number"], name="file_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.shared_file} v{self.number}"


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("In bozza")
    IN_PROGRESS = "in_progress", _("In lavorazione")
    SUBMITTED = "submitted", _("Presentato")


class ProjectSpace(RevisionMixin, ClusterableModel):
    """A project drafted together by an area's members (seed 004: "supportare
    l'elaborazione di progetti"). Every save is a revision, budget lines included."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("titolo"), max_length=160)
    slug = models.SlugField(_("indirizzo"), max_length=80)
    summary = models.TextField(_("sintesi"), max_length=600, blank=True)
    objectives = models.TextField(_("obiettivi"), blank=True)
    partners = models.TextField(_("partner"), blank=True)
    next_steps = models.TextField(_("prossimi passi"), blank=True)
    status = models.CharField(
        _("stato"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="project_space")

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("spazio progetto")
        verbose_name_plural = _("spazi progetto")
        constraints = [models.UniqueConstraint(fields=["area", "slug"], name="project_slug_unique")]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self) -> Any:
        return self._revisions

    def get_absolute_url(self) -> str:
        return reverse("communities:project", kwargs={"area": self.area.slug, "slug": self.slug})


class BudgetLine(Orderable):
    project = ParentalKey(ProjectSpace, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("voce"), max_length=200)
    amount = models.DecimalField(_("importo (€)"), max_digits=12, decimal_places=2)
    funder = models.CharField(_("chi la finanzia"), max_length=200, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("voce di budget")
        verbose_name_plural = _("voci di budget")


class ProjectComment(models.Model):
    project = models.ForeignKey(ProjectSpace, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    section = models.CharField(_("sezione"), max_length=20, blank=True)
    body = models.TextField(_("commento"), max_length=4000)
    moderation_state = models.CharField(
        _("stato di moderazione"),
        max_length=10,
        choices=ContentState.choices,
        default=ContentState.VISIBLE,
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("commento al progetto")
        verbose_name_plural = _("commenti al progetto")

    def __str__(self) -> str:
        return f"{self.project}: {self.body[:40]}"
