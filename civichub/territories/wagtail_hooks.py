from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import ReadOnlyPermissionPolicy, TerritoriesViewSetGroup
from .models import Municipality, Province, Region

for model in (Region, Province, Municipality):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model), exact_class=True)

register_snippet(TerritoriesViewSetGroup)
