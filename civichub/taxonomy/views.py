"""Back-office editing of the vocabularies, as Wagtail snippets in one "Tassonomia" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CtsActivity, IAP2Level, ParticipatoryMethod, TargetGroup, Theme


class VocabularyViewSet(SnippetViewSet):
    list_display = ["name", "name_en", "slug", "sort_order"]
    search_fields = ["name", "name_en", "description"]
    ordering = ["sort_order", "name"]


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Temi")


class ParticipatoryMethodViewSet(VocabularyViewSet):
    model = ParticipatoryMethod
    icon = "group"
    menu_label = _("Metodi partecipativi")


class IAP2LevelViewSet(VocabularyViewSet):
    model = IAP2Level
    icon = "resubmit"
    menu_label = _("Livelli IAP2")


class TargetGroupViewSet(VocabularyViewSet):
    model = TargetGroup
    icon = "user"
    menu_label = _("Destinatari")


class CtsActivityViewSet(VocabularyViewSet):
    model = CtsActivity
    icon = "list-ol"
    menu_label = _("Attività art. 5 CTS")
    list_display = ["code", "name", "name_en", "sort_order"]
    search_fields = ["code", "name", "name_en", "description"]
    ordering = ["sort_order", "code"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Tassonomia")
    menu_icon = "tag"
    menu_order = 250
    items = (
        ThemeViewSet,
        ParticipatoryMethodViewSet,
        IAP2LevelViewSet,
        TargetGroupViewSet,
        CtsActivityViewSet,
    )
