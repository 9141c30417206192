from wagtail.snippets.models import register_snippet

from civichub.taxonomy.views import ThemeViewSet

register_snippet(ThemeViewSet)
