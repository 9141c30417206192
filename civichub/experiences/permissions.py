"""Who may do what with experiences: `rules` predicates shared by views, API and services.

Check them with ``can`` (``rules.has_perm``), not ``user.has_perm``: Django lets
superusers pass every check, which would allow impossible steps such as approving a
draft that was never submitted.
"""

from typing import Any

import rules

from civichub.accounts.permissions import has_joined, is_contributor, is_member, is_promoter

from .models import Experience, ExperienceCoauthor, ExperienceSettings, State

EDITABLE_STATES = (State.DRAFT, State.CHANGES_REQUESTED, State.PUBLISHED)


@rules.predicate
def is_experience(user: Any, experience: Experience | None) -> bool:
    # Object-less checks (Django's model permissions of the same name) must not pass.
    return experience is not None


@rules.predicate
def is_published(user: Any, experience: Experience | None) -> bool:
    return experience is not None and experience.state == State.PUBLISHED


@rules.predicate
def is_author(user: Any, experience: Experience | None) -> bool:
    return bool(experience is not None and is_member(user) and experience.author_id == user.pk)


@rules.predicate
def is_coauthor(user: Any, experience: Experience | None) -> bool:
    """An invited co-author who accepted. Memoised per experience on the user object."""
    if experience is None or not is_member(user):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_experience_coauthor", {})
    if experience.pk not in cache:
        cache[experience.pk] = (
            ExperienceCoauthor.objects.accepted()
            .filter(experience_id=experience.pk, user=user)
            .exists()
        )
    return cache[experience.pk]


@rules.predicate
def may_propose(user: Any) -> bool:
    """Contributors propose experiences; participants too where the hub allows it."""
    if not has_joined(user):
        return False
    return bool(is_contributor(user)) or ExperienceSettings.load().participants_may_contribute


@rules.predicate
def in_editable_state(user: Any, experience: Experience | None) -> bool:
    return experience is not None and experience.state in EDITABLE_STATES


@rules.predicate
def in_submittable_state(user: Any, experience: Experience | None) -> bool:
    return experience is not None and experience.state in (State.DRAFT, State.CHANGES_REQUESTED)


@rules.predicate
def awaits_review(user: Any, experience: Experience | None) -> bool:
    return experience is not None and experience.state == State.SUBMITTED


@rules.predicate
def is_draft(user: Any, experience: Experience | None) -> bool:
    return experience is not None and experience.state == State.DRAFT


is_editor = is_author | is_coauthor

rules.add_perm(
    "experiences.view_experience", is_experience & (is_published | is_editor | is_promoter)
)
rules.add_perm("experiences.create_experience", may_propose)
rules.add_perm(
    "experiences.edit_experience",
    is_experience & in_editable_state & (is_editor | is_promoter),
)
rules.add_perm("experiences.submit_experience", is_experience & in_submittable_state & is_editor)
rules.add_perm("experiences.withdraw_experience", is_experience & awaits_review & is_editor)
rules.add_perm("experiences.review_experience", is_experience & awaits_review & is_promoter)
rules.add_perm("experiences.review_experiences", is_promoter)
rules.add_perm("experiences.unpublish_experience", is_experience & is_published & is_promoter)
rules.add_perm("experiences.delete_experience", is_experience & is_draft & is_author)
rules.add_perm("experiences.invite_coauthor", is_experience & (is_author | is_promoter))
rules.add_perm("experiences.replicate_experience", is_experience & is_published & may_propose)
rules.add_perm("experiences.follow_experience", is_experience & is_published & is_member)


def can(user: Any, permission: str, experience: Experience | None = None) -> bool:
    return rules.has_perm(f"experiences.{permission}", user, experience)
