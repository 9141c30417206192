"""Writes of working areas and their memberships. Every change goes through a function
here.

Every membership change runs in one transaction that first locks the area row
(``select_for_update``) and then the person's membership row, so ``members_count``
(active rows) stays right under double submits and concurrent joins. Every action is
written to the audit log; people are told through ``notifications.services.notify``
(kind ``areas``). Joining an area makes the person follow it; leaving or being removed
unfollows it.

Membership rules worth knowing:

- one row per area and person; its ``state`` moves between requested, invited, active,
  left and removed. A refused request or a declined invitation deletes the row (the
  audit log keeps it), so the person may ask again later;
- who left may join again by the join policy; who was removed comes back only when a
  facilitator invites them;
- private areas (and the promoters' workspace) are joined only by invitation or by
  ``member_add`` (e.g. a cohort's enrolment).
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civichub.accounts.models import User
from civichub.accounts.permissions import has_joined
from civichub.core.audit import log_action

from ..models import Area, AreaMembership, JoinPolicy, MemberRole, MemberState, Visibility
from ..permissions import can

# Fixed paths at the top level of /comunita/ (urls.py) that an area slug must never take;
# a few more are kept free for pages to come.
RESERVED_SLUGS = frozenset(
    {"promotori", "nuova", "cerca", "mie", "feed", "api", "aree", "discussioni", "file", "progetti"}
)
LOG_PREFIX = "civichub.communities."
# Audit actions (label, message), registered for the back office by wagtail_hooks.py.
LOG_ACTIONS = {
    "area_create": (gettext_lazy("Creazione area"), gettext_lazy("Area di lavoro creata")),
    "area_update": (gettext_lazy("Modifica area"), gettext_lazy("Area di lavoro modificata")),
    "area_archive": (gettext_lazy("Archiviazione area"), gettext_lazy("Area archiviata")),
    "welcome_update": (
        gettext_lazy("Benvenuto"),
        gettext_lazy("Messaggio di benvenuto modificato"),
    ),
    "area_join": (gettext_lazy("Adesione"), gettext_lazy("Adesione a un'area")),
    "join_request": (gettext_lazy("Richiesta di adesione"), gettext_lazy("Adesione richiesta")),
    "join_request_decide": (
        gettext_lazy("Decisione su richiesta"),
        gettext_lazy("Richiesta di adesione decisa"),
    ),
    "member_invite": (gettext_lazy("Invito"), gettext_lazy("Persona invitata in un'area")),
    "invitation_respond": (
        gettext_lazy("Risposta all'invito"),
        gettext_lazy("Invito accettato o rifiutato"),
    ),
    "member_add": (gettext_lazy("Aggiunta membro"), gettext_lazy("Membro aggiunto")),
    "member_remove": (gettext_lazy("Rimozione membro"), gettext_lazy("Membro rimosso")),
    "area_leave": (gettext_lazy("Uscita"), gettext_lazy("Uscita da un'area")),
    "facilitator_set": (
        gettext_lazy("Facilitatori"),
        gettext_lazy("Ruolo di facilitatore cambiato"),
    ),
}

NAME_MAX_LENGTH = 120
PURPOSE_MAX_LENGTH = 600
WELCOME_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 1000
REASON_MAX_LENGTH = 1000


# --- helpers -------------------------------------------------------------------------------


def _forget_memberships(*users: Any) -> None:
    """Drop the per-request memo of ``permissions.membership`` after a change."""
    for user in users:
        if user is not None:
            user.__dict__.pop("_area_memberships", None)


def _require(actor: Any, perm: str, area: Area | None = None) -> None:
    if not can(actor, perm, area):
        raise PermissionDenied


def _locked_area(area: Area) -> Area:
    locked = Area.objects.select_for_update().get(pk=area.pk)
    if locked.archived_at:
        raise ValidationError(_("L'area è archiviata: non si possono più cambiare i membri."))
    return locked


def _locked_row(area: Area, user: Any) -> AreaMembership | None:
    return AreaMembership.objects.select_for_update().filter(area=area, user=user).first()


def _count(area: Area, delta: int) -> None:
    Area.objects.filter(pk=area.pk).update(members_count=F("members_count") + delta)
    area.refresh_from_db(fields=["members_count"])


def _text(message: Any, **params: Any) -> Callable[[str], str]:
    """A notification text (a lazy translation) in the recipient's language."""

    def render(language: str) -> str:
        with translation.override(language):
            return str(message) % params

    return render


def _notify(users: Iterable[Any], *, text: Callable[[str], str], url: str, **kwargs: Any) -> None:
    recipients = [user for user in users if user is not None]
    if not recipients:
        return
    from civichub.notifications.services import notify

    notify(users=recipients, kind="areas", text=text, url=url, **kwargs)


def _follow(user: Any, area: Area) -> None:
    from civichub.notifications.services import follow

    follow(user=user, target=area)


def _unfollow(user: Any, area: Area) -> None:
    from civichub.notifications.services import unfollow

    unfollow(user=user, target=area)


def _facilitators(area: Area) -> list[User]:
    return list(
        User.objects.filter(
            area_memberships__area=area,
            area_memberships__state=MemberState.ACTIVE,
            area_memberships__role=MemberRole.FACILITATOR,
            is_active=True,
        )
    )


def _area_url(area: Area, name: str = "communities:area") -> str:
    return reverse(name, kwargs={"area": area.slug})


def _clean_text(value: str, *, label: str, max_length: int, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("Scrivi %(field)s.") % {"field": label})
    if len(value) > max_length:
        raise ValidationError(
            _("%(field)s: al massimo %(max)d caratteri.") % {"field": label, "max": max_length}
        )
    return value


def _unique_slug(name: str, slug: str | None) -> str:
    if slug:
        slug = slugify(slug)[:80]
        if not slug or slug in RESERVED_SLUGS:
            raise ValidationError(_("Questo indirizzo non è disponibile: scegline un altro."))
        if Area.objects.filter(slug=slug).exists():
            raise ValidationError(_("Esiste già un'area con questo indirizzo."))
        return slug
    base = slugify(name)[:72].strip("-") or "area"
    candidate, n = base, 1
    while candidate in RESERVED_SLUGS or Area.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _policy(visibility: str, join_policy: str, workspace: bool) -> tuple[str, str]:
    if workspace:
        return Visibility.PRIVATE, JoinPolicy.INVITATION
    if visibility not in Visibility.values:
        raise ValidationError(_("Visibilità non valida."))
    if join_policy not in JoinPolicy.values:
        raise ValidationError(_("Modalità di adesione non valida."))
    # A private area is joined only by invitation: nobody outside can even see it.
    if visibility == Visibility.PRIVATE:
        join_policy = JoinPolicy.INVITATION
    return visibility, join_policy


def _activate(area: Area, row: AreaMembership | None, user: Any, **values: Any) -> AreaMembership:
    """Make ``user`` an active member (``area`` locked by the caller); follows the area."""
    if row is None:
        row = AreaMembership.objects.create(
            area=area, user=user, state=MemberState.ACTIVE, **values
        )
    else:
        row.state = MemberState.ACTIVE
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=["state", *values])
    _count(area, +1)
    _follow(user, area)
    _forget_memberships(user)
    return row


def _deactivate(area: Area, row: AreaMembership, user: Any, state: str, **values: Any) -> None:
    """An active member leaves or is removed (``area`` locked by the caller): a plain
    member again, uncounted, no longer following the area."""
    row.state, row.role = state, MemberRole.MEMBER
    for name, value in values.items():
        setattr(row, name, value)
    row.save(update_fields=["state", "role", *values])
    _count(area, -1)
    _unfollow(user, area)
    _forget_memberships(user)


# --- areas ---------------------------------------------------------------------------------


@transaction.atomic
def area_create(
    *,
    actor: Any,
    name: str,
    purpose: str,
    visibility: str = Visibility.PUBLIC,
    join_policy: str = JoinPolicy.OPEN,
    themes: Iterable[Any] = (),
    facilitators: Iterable[Any] = (),
    slug: str | None = None,
    is_promoters_workspace: bool = False,
    welcome: str = "",
    trusted: bool = False,
) -> Area:
    """A new area, with ``facilitators`` as its first active members.

    Promoters and staff create areas (``communities.create_area``). ``actor=None`` is a
    system call, and ``trusted=True`` a call from another service that has already
    checked its own permission (e.g. a course's tutor opening a cohort's private area):
    neither is ever used by a view.
    """
    if actor is not None and not trusted:
        _require(actor, "communities.create_area")
    name = _clean_text(name, label=_("il nome"), max_length=NAME_MAX_LENGTH, required=True)
    purpose = _clean_text(
        purpose, label=_("la finalità"), max_length=PURPOSE_MAX_LENGTH, required=True
    )
    welcome = _clean_text(
        welcome, label=_("il benvenuto"), max_length=WELCOME_MAX_LENGTH, required=False
    )
    visibility, join_policy = _policy(visibility, join_policy, is_promoters_workspace)
    area = Area.objects.create(
        slug=_unique_slug(name, slug),
        name=name,
        purpose=purpose,
        welcome=welcome,
        visibility=visibility,
        join_policy=join_policy,
        is_promoters_workspace=is_promoters_workspace,
        last_activity_at=timezone.now(),
    )
    themes = list(themes)
    if themes:
        area.themes.set(themes)
    log_action(instance=area, action=LOG_PREFIX + "area_create", user=actor)
    for person in dict.fromkeys(facilitators):
        _activate(area, None, person, role=MemberRole.FACILITATOR, decided_by=actor)
    return area


UPDATABLE = ("name", "name_en", "purpose", "purpose_en", "visibility", "join_policy")


@transaction.atomic
def area_update(
    *, area: Area, actor: Any, themes: Iterable[Any] | None = None, **values: Any
) -> Area:
    """Change the area's name, purpose (and their English twins), visibility, join
    policy and themes (promoters and staff: ``communities.manage_area``)."""
    _require(actor, "communities.manage_area", area)
    unknown = set(values) - set(UPDATABLE)
    if unknown:
        raise TypeError(f"area_update: unknown fields {sorted(unknown)}")
    area = Area.objects.select_for_update().get(pk=area.pk)
    limits = {"name": NAME_MAX_LENGTH, "purpose": PURPOSE_MAX_LENGTH}
    labels = {"name": _("il nome"), "purpose": _("la finalità")}
    for field in ("name", "purpose", "name_en", "purpose_en"):
        if field in values:
            base = field.removesuffix("_en")
            values[field] = _clean_text(
                values[field],
                label=labels[base],
                max_length=limits[base],
                required=not field.endswith("_en"),
            )
    visibility, join_policy = _policy(
        values.get("visibility", area.visibility),
        values.get("join_policy", area.join_policy),
        area.is_promoters_workspace,
    )
    values.update(visibility=visibility, join_policy=join_policy)
    changed = [field for field, value in values.items() if getattr(area, field) != value]
    for field in changed:
        setattr(area, field, values[field])
    if changed:
        area.save(update_fields=changed)
    if themes is not None:
        area.themes.set(list(themes))
    log_action(
        instance=area, action=LOG_PREFIX + "area_update", user=actor, data={"fields": changed}
    )
    return area


@transaction.atomic
def area_archive(*, area: Area, actor: Any) -> Area:
    """Archive the area: it stays readable, nobody joins or changes members any more."""
    _require(actor, "communities.manage_area", area)
    area = Area.objects.select_for_update().get(pk=area.pk)
    if area.archived_at is None:
        area.archived_at = timezone.now()
        area.save(update_fields=["archived_at"])
        log_action(instance=area, action=LOG_PREFIX + "area_archive", user=actor)
    return area


@transaction.atomic
def welcome_update(*, area: Area, actor: Any, welcome: str, welcome_en: str | None = None) -> Area:
    """The facilitators' welcome text (plain text; paragraphs kept on display)."""
    _require(actor, "communities.facilitate_area", area)
    area = Area.objects.select_for_update().get(pk=area.pk)
    area.welcome = _clean_text(
        welcome, label=_("il benvenuto"), max_length=WELCOME_MAX_LENGTH, required=False
    )
    fields = ["welcome"]
    if welcome_en is not None:
        area.welcome_en = _clean_text(
            welcome_en, label=_("il benvenuto"), max_length=WELCOME_MAX_LENGTH, required=False
        )
        fields.append("welcome_en")
    area.save(update_fields=fields)
    log_action(instance=area, action=LOG_PREFIX + "welcome_update", user=actor)
    return area


# --- membership ----------------------------------------------------------------------------


@transaction.atomic
def area_join(*, area: Area, user: Any, message: str = "") -> AreaMembership:
    """Join an open area (active at once) or ask to join a by-request one (the
    facilitators are told). A second submit returns the same row; an invited person
    joining accepts the invitation."""
    if not (user and user.is_authenticated and has_joined(user)):
        raise PermissionDenied
    message = _clean_text(
        message, label=_("il messaggio"), max_length=MESSAGE_MAX_LENGTH, required=False
    )
    area = _locked_area(area)
    row = _locked_row(area, user)
    if row is not None and row.state in (MemberState.ACTIVE, MemberState.REQUESTED):
        return row
    if row is not None and row.state == MemberState.INVITED:
        row = _activate(area, row, user)
        log_action(instance=area, action=LOG_PREFIX + "area_join", user=user)
        return row
    if row is not None and row.state == MemberState.REMOVED:
        raise ValidationError(
            _("Sei stato rimosso da quest'area: puoi rientrare solo su invito dei facilitatori.")
        )
    if area.visibility == Visibility.PRIVATE or area.join_policy == JoinPolicy.INVITATION:
        raise ValidationError(_("In quest'area si entra solo su invito dei facilitatori."))
    if area.join_policy == JoinPolicy.OPEN:
        row = _activate(area, row, user, role=MemberRole.MEMBER, message="")
        log_action(instance=area, action=LOG_PREFIX + "area_join", user=user)
        return row
    if row is None:
        row = AreaMembership.objects.create(
            area=area, user=user, state=MemberState.REQUESTED, message=message
        )
    else:
        row.state, row.message, row.role = MemberState.REQUESTED, message, MemberRole.MEMBER
        row.created_at = timezone.now()
        row.save(update_fields=["state", "message", "role", "created_at"])
    _forget_memberships(user)
    log_action(instance=area, action=LOG_PREFIX + "join_request", user=user)
    _notify(
        _facilitators(area),
        text=_text(
            gettext_lazy("%(person)s chiede di entrare nell'area «%(area)s»."),
            person=user.get_full_name() or _("Una persona"),
            area=area.name,
        ),
        url=_area_url(area, "communities:manage"),
        target=area,
        actor=user,
        group_key=f"area-requests:{area.pk}",
    )
    return row


@transaction.atomic
def join_request_decide(
    *, membership: AreaMembership, actor: Any, approve: bool, reason: str = ""
) -> AreaMembership | None:
    """Approve (the person becomes an active member) or refuse (the request is deleted,
    the reason told to the person) a pending request. Returns the row, None if refused."""
    area = membership.area
    _require(actor, "communities.facilitate_area", area)
    reason = _clean_text(reason, label=_("il motivo"), max_length=REASON_MAX_LENGTH, required=False)
    area = _locked_area(area)
    row = AreaMembership.objects.select_for_update().filter(pk=membership.pk).first()
    if row is None or row.state != MemberState.REQUESTED:
        raise ValidationError(_("Questa richiesta è già stata decisa."))
    person = row.user
    data = {"user": person.public_id, "approve": approve, "reason": reason}
    log_action(instance=area, action=LOG_PREFIX + "join_request_decide", user=actor, data=data)
    if approve:
        row = _activate(area, row, person, decided_by=actor, decided_at=timezone.now())
        text = _text(
            gettext_lazy("La tua richiesta di entrare nell'area «%(area)s» è stata accolta."),
            area=area.name,
        )
        _notify([person], text=text, url=_area_url(area), target=area, actor=actor)
        return row
    row.delete()
    _forget_memberships(person)
    if reason:
        text = _text(
            gettext_lazy(
                "La tua richiesta di entrare nell'area «%(area)s» non è stata accolta: %(reason)s"
            ),
            area=area.name,
            reason=reason,
        )
    else:
        text = _text(
            gettext_lazy("La tua richiesta di entrare nell'area «%(area)s» non è stata accolta."),
            area=area.name,
        )
    _notify([person], text=text, url=reverse("communities:index"), actor=actor)
    return None


@transaction.atomic
def member_invite(*, area: Area, actor: Any, user: Any) -> AreaMembership:
    """Invite a member of the hub; they accept or decline. Inviting someone who asked
    to join approves the request; inviting twice keeps one invitation."""
    _require(actor, "communities.facilitate_area", area)
    if not (user and user.is_active and has_joined(user)) or user.erased_at:
        raise ValidationError(_("Si possono invitare solo gli iscritti all'hub."))
    area = _locked_area(area)
    row = _locked_row(area, user)
    if row is not None and row.state == MemberState.ACTIVE:
        raise ValidationError(_("Questa persona fa già parte dell'area."))
    if row is not None and row.state == MemberState.INVITED:
        return row
    data = {"user": user.public_id}
    if row is not None and row.state == MemberState.REQUESTED:
        row = _activate(area, row, user, decided_by=actor, decided_at=timezone.now())
        log_action(instance=area, action=LOG_PREFIX + "join_request_decide", user=actor, data=data)
        text = _text(gettext_lazy("Sei entrato nell'area «%(area)s»."), area=area.name)
        _notify([user], text=text, url=_area_url(area), target=area, actor=actor)
        return row
    if row is None:
        row = AreaMembership.objects.create(
            area=area, user=user, state=MemberState.INVITED, invited_by=actor
        )
    else:
        row.state, row.role, row.invited_by = MemberState.INVITED, MemberRole.MEMBER, actor
        row.save(update_fields=["state", "role", "invited_by"])
    _forget_memberships(user)
    log_action(instance=area, action=LOG_PREFIX + "member_invite", user=actor, data=data)
    text = _text(
        gettext_lazy("%(person)s ti invita a entrare nell'area «%(area)s»."),
        person=actor.get_full_name() if actor else "",
        area=area.name,
    )
    _notify([user], text=text, url=_area_url(area, "communities:invitation"), actor=actor)
    return row


@transaction.atomic
def invitation_respond(
    *, membership: AreaMembership, user: Any, accept: bool
) -> AreaMembership | None:
    """Accept (active member) or decline (the invitation is deleted) an invitation."""
    area = _locked_area(membership.area)
    row = AreaMembership.objects.select_for_update().filter(pk=membership.pk, user=user).first()
    if row is None:
        raise PermissionDenied
    if row.state == MemberState.ACTIVE and accept:
        return row
    if row.state != MemberState.INVITED:
        raise ValidationError(_("Non hai un invito in sospeso per quest'area."))
    log_action(
        instance=area, action=LOG_PREFIX + "invitation_respond", user=user, data={"accept": accept}
    )
    if accept:
        row = _activate(area, row, user, decided_at=timezone.now())
        if row.invited_by_id:
            text = _text(
                gettext_lazy("%(person)s ha accettato l'invito nell'area «%(area)s»."),
                person=user.get_full_name(),
                area=area.name,
            )
            _notify(
                [row.invited_by], text=text, url=_area_url(area, "communities:members"), actor=user
            )
        return row
    row.delete()
    _forget_memberships(user)
    return None


@transaction.atomic
def member_add(
    *, area: Area, user: Any, actor: Any = None, role: str = MemberRole.MEMBER
) -> AreaMembership:
    """Make ``user`` an active member directly (e.g. a cohort's enrolment). ``actor``
    None is a system call; otherwise the actor must facilitate the area."""
    if actor is not None:
        _require(actor, "communities.facilitate_area", area)
    if role not in MemberRole.values:
        raise ValidationError(_("Ruolo non valido."))
    area = _locked_area(area)
    row = _locked_row(area, user)
    if row is not None and row.state == MemberState.ACTIVE:
        if row.role != role:
            row.role = role
            row.save(update_fields=["role"])
        return row
    row = _activate(area, row, user, role=role, decided_by=actor, decided_at=timezone.now())
    log_action(
        instance=area,
        action=LOG_PREFIX + "member_add",
        user=actor,
        data={"user": user.public_id, "role": role},
    )
    return row


@transaction.atomic
def member_remove(*, area: Area, user: Any, actor: Any, reason: str = "") -> AreaMembership:
    """Remove an active member (told, with the reason); they come back only if invited."""
    _require(actor, "communities.facilitate_area", area)
    reason = _clean_text(reason, label=_("il motivo"), max_length=REASON_MAX_LENGTH, required=False)
    if user == actor:
        raise ValidationError(_("Per uscire dall'area usa «Esci dall'area»."))
    area = _locked_area(area)
    row = _locked_row(area, user)
    if row is None or row.state != MemberState.ACTIVE:
        raise ValidationError(_("Questa persona non fa parte dell'area."))
    _deactivate(area, row, user, MemberState.REMOVED, decided_by=actor, decided_at=timezone.now())
    log_action(
        instance=area,
        action=LOG_PREFIX + "member_remove",
        user=actor,
        data={"user": user.public_id, "reason": reason},
    )
    if reason:
        text = _text(
            gettext_lazy("Sei stato rimosso dall'area «%(area)s»: %(reason)s"),
            area=area.name,
            reason=reason,
        )
    else:
        text = _text(gettext_lazy("Sei stato rimosso dall'area «%(area)s»."), area=area.name)
    _notify([user], text=text, url=reverse("communities:index"), actor=actor)
    return row


@transaction.atomic
def area_leave(*, area: Area, user: Any) -> AreaMembership | None:
    """Leave an area (or withdraw a pending request). The only facilitator stays until
    they have named another one."""
    area = Area.objects.select_for_update().get(pk=area.pk)
    row = _locked_row(area, user)
    if row is None or row.state not in (MemberState.ACTIVE, MemberState.REQUESTED):
        return row
    if row.state == MemberState.REQUESTED:
        row.delete()
        _forget_memberships(user)
        return None
    if row.role == MemberRole.FACILITATOR and not (
        AreaMembership.objects.filter(
            area=area, state=MemberState.ACTIVE, role=MemberRole.FACILITATOR
        )
        .exclude(pk=row.pk)
        .exists()
    ):
        raise ValidationError(
            _("Sei l'unico facilitatore dell'area: nomina un altro facilitatore prima di uscire.")
        )
    _deactivate(area, row, user, MemberState.LEFT)
    log_action(instance=area, action=LOG_PREFIX + "area_leave", user=user)
    return row


@transaction.atomic
def facilitator_set(*, area: Area, user: Any, actor: Any, facilitator: bool) -> AreaMembership:
    """Make an active member a facilitator, or a facilitator a plain member again."""
    _require(actor, "communities.facilitate_area", area)
    area = _locked_area(area)
    row = _locked_row(area, user)
    if row is None or row.state != MemberState.ACTIVE:
        raise ValidationError(_("Questa persona non fa parte dell'area."))
    role = MemberRole.FACILITATOR if facilitator else MemberRole.MEMBER
    if row.role != role:
        row.role = role
        row.save(update_fields=["role"])
        _forget_memberships(user)
        log_action(
            instance=area,
            action=LOG_PREFIX + "facilitator_set",
            user=actor,
            data={"user": user.public_id, "facilitator": facilitator},
        )
        if facilitator:
            text = _text(gettext_lazy("Ora sei facilitatore dell'area «%(area)s»."), area=area.name)
            _notify([user], text=text, url=_area_url(area, "communities:manage"), actor=actor)
    return row
