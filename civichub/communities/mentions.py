"""Mentions in discussions: ``@public_id`` (what people type without JavaScript) or the
``@Nome Cognome`` of an area member that the editor's autocomplete inserts.

``find_mentioned(html, area)`` reads a post's text and returns the people it names (two
queries at most); ``link_mentions(html, users, viewer)`` turns each mention into a link
to the person's profile when ``viewer`` may see it, plain ``@Nome Cognome`` otherwise.
Mentions live in the text only: the ``Mention`` rows say who was named (and told).
"""

import re
from collections.abc import Iterable, Sequence
from typing import Any

import rules
from django.db.models import Q
from django.urls import reverse
from django.utils.html import escape

from civichub.accounts.models import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH, User

from .models import Area, MemberState

# At most this many people are told about one post (spam guard).
MAX_MENTIONS = 20

_ID_RE = re.compile(rf"(?<![\w@])@([{PUBLIC_ID_ALPHABET}]{{{PUBLIC_ID_LENGTH}}})(?!\w)")
# A run of capitalised words after ``@``: the longest prefix that is a member's full name.
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w'\u2019-]*"
_NAME_RE = re.compile(rf"(?<![\w@])@({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,3}})")
_TAG_RE = re.compile(r"(<[^>]*>)")


def plain_text(html: str) -> str:
    """The text of sanitised HTML, tags replaced by spaces (mentions never span tags)."""
    return _TAG_RE.sub(" ", html)


def _active(queryset: Any) -> Any:
    return queryset.filter(is_active=True, erased_at__isnull=True, joined_at__isnull=False)


def find_mentioned(html: str, area: Area) -> list[User]:
    """The people named in ``html``: any joined person by public id, the area's active
    members by full name. In order of first mention, without repetitions."""
    text = plain_text(html)
    ids = _ID_RE.findall(text)
    runs = _NAME_RE.findall(text)
    found: dict[int, tuple[int, User]] = {}
    if ids:
        for user in _active(User.objects.filter(public_id__in=set(ids))):
            found[user.pk] = (text.find("@" + user.public_id), user)
    if runs:
        firsts = {run.split()[0].lower() for run in runs}
        query = Q()
        for first in firsts:
            query |= Q(first_name__iexact=first)
        members = _active(
            User.objects.filter(
                query,
                area_memberships__area=area,
                area_memberships__state=MemberState.ACTIVE,
            )
        )
        by_name: dict[str, User] = {}
        for user in members:
            by_name.setdefault(user.get_full_name().lower(), user)
        for run in runs:
            words = run.split()
            for size in range(len(words), 1, -1):
                user_or_none = by_name.get(" ".join(words[:size]).lower())
                if user_or_none is not None:
                    position = text.find("@" + run)
                    if user_or_none.pk not in found or position < found[user_or_none.pk][0]:
                        found[user_or_none.pk] = (position, user_or_none)
                    break
    ordered = sorted(found.values(), key=lambda item: item[0])
    return [user for _position, user in ordered][:MAX_MENTIONS]


def _pattern(users: Sequence[User]) -> re.Pattern[str] | None:
    tokens: dict[str, User] = {}
    for user in users:
        tokens[user.public_id.lower()] = user
        name = user.get_full_name()
        if name and " " in name:
            tokens[name.lower()] = user
    if not tokens:
        return None
    alternatives = "|".join(re.escape(token) for token in sorted(tokens, key=len, reverse=True))
    return re.compile(rf"(?<![\w@])@({alternatives})(?!\w)", re.IGNORECASE)


def link_mentions(html: str, users: Iterable[User], viewer: Any) -> str:
    """``html`` (already sanitised) with the mentions of ``users`` as profile links, or
    as plain ``@Nome Cognome`` when ``viewer`` may not see the profile. Text inside
    tags and existing links is left alone. ``users`` should come with their profile
    (``select_related("user__profile")`` on the mentions)."""
    users = [user for user in users if not user.erased_at]
    pattern = _pattern(users)
    if pattern is None:
        return html
    by_token: dict[str, User] = {}
    for user in users:
        by_token[user.public_id.lower()] = user
        by_token[user.get_full_name().lower()] = user
    visible = {
        user.pk: bool(rules.has_perm("accounts.view_profile", viewer, user)) for user in users
    }

    def replace(match: re.Match[str]) -> str:
        user = by_token[match.group(1).lower()]
        label = escape("@" + (user.get_full_name() or user.public_id))
        if not visible[user.pk]:
            return f'<span class="mention">{label}</span>'
        url = reverse("accounts:profile", kwargs={"public_id": user.public_id})
        return f'<a class="mention" href="{url}">{label}</a>'

    parts = _TAG_RE.split(html)
    inside_link = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            lowered = part.lower()
            if lowered.startswith("<a ") or lowered == "<a>":
                inside_link += 1
            elif lowered.startswith("</a"):
                inside_link = max(0, inside_link - 1)
        elif part and not inside_link and "@" in part:
            parts[index] = pattern.sub(replace, part)
    return "".join(parts)
