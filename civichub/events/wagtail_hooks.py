from typing import Any

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import course_services
from .admin import (
    EventPermissionPolicy,
    EventsViewSetGroup,
    RegistrationPermissionPolicy,
    person_chooser_viewset,
)
from .course_admin import COURSE_POLICIES, CoursesViewSetGroup
from .models import Event, Registration
from .services import LOG_ACTIONS, LOG_PREFIX

register_permission_policy(Event, EventPermissionPolicy(Event), exact_class=True)
register_permission_policy(
    Registration, RegistrationPermissionPolicy(Registration), exact_class=True
)
register_snippet(EventsViewSetGroup)
for model, policy in COURSE_POLICIES.items():
    register_permission_policy(model, policy(model), exact_class=True)
register_snippet(CoursesViewSetGroup)


@hooks.register("register_admin_viewset")
def register_person_chooser() -> Any:
    return person_chooser_viewset


@hooks.register("register_log_actions")
def register_log_actions(actions: Any) -> None:
    for name, (label, message) in LOG_ACTIONS.items():
        actions.register_action(LOG_PREFIX + name, label, message)
    for name, (label, message) in course_services.LOG_ACTIONS.items():
        actions.register_action(course_services.LOG_PREFIX + name, label, message)
