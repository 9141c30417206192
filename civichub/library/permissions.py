"""Who may do what in the library: `rules` predicates shared by views, API and services.

Publishing is Wagtail's business (page permissions and the moderation workflow in the
back office); these rules cover what happens on the site. Check them with ``can``.
"""

from typing import Any

import rules

from civichub.accounts.permissions import has_joined, is_contributor, is_member, is_promoter

from .models import ResourcePage


@rules.predicate
def is_resource(user: Any, resource: ResourcePage | None) -> bool:
    return resource is not None


@rules.predicate
def is_live(user: Any, resource: ResourcePage | None) -> bool:
    return resource is not None and resource.live


@rules.predicate
def is_proposer(user: Any, resource: ResourcePage | None) -> bool:
    return bool(resource is not None and is_member(user) and resource.proposed_by_id == user.pk)


may_propose = has_joined & is_contributor

rules.add_perm("library.propose_resource", may_propose)
rules.add_perm("library.view_proposals", has_joined)
rules.add_perm("library.view_proposal", is_resource & (is_proposer | is_promoter))
rules.add_perm("library.give_feedback", is_resource & is_live)
rules.add_perm("library.review_resources", is_promoter)


def can(user: Any, permission: str, resource: ResourcePage | None = None) -> bool:
    return rules.has_perm(f"library.{permission}", user, resource)
