from wagtail.snippets.models import register_snippet

from civichub.taxonomy.views import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)
