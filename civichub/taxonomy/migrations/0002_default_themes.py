"""Seed the Italian default themes every hub starts with (editable afterwards)."""

from django.db import migrations

THEMES = [
    ("welfare-e-inclusione", "Welfare e inclusione sociale", "Welfare and social inclusion"),
    ("abitare", "Abitare", "Housing"),
    ("rigenerazione-urbana", "Rigenerazione urbana", "Urban regeneration"),
    (
        "transizione-ecologica",
        "Transizione ecologica ed energetica",
        "Ecological and energy transition",
    ),
    ("invecchiamento-attivo", "Invecchiamento attivo", "Active ageing"),
    ("giovani", "Giovani", "Young people"),
    ("cultura", "Cultura", "Culture"),
    ("educazione", "Educazione e scuola", "Education and schools"),
    ("salute", "Salute e benessere", "Health and wellbeing"),
    ("lavoro", "Lavoro e sviluppo locale", "Work and local development"),
    ("mobilita", "Mobilità sostenibile", "Sustainable mobility"),
    ("digitale", "Innovazione digitale", "Digital innovation"),
    ("beni-comuni", "Beni comuni", "Commons"),
    ("aree-interne", "Aree interne e montagna", "Inner and mountain areas"),
    ("legalita", "Legalità e coesione", "Legality and cohesion"),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("taxonomy", "Theme")
    for order, (slug, name, name_en) in enumerate(THEMES):
        Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
