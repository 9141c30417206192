"""Seed the target groups every hub starts with (editable afterwards)."""

from django.db import migrations

GROUPS = [
    (
        "cittadinanza",
        "Cittadinanza in generale",
        "General public",
        "Tutte le persone che vivono, lavorano o studiano nel territorio.",
        "Everyone who lives, works or studies in the area.",
    ),
    (
        "bambini-e-ragazzi",
        "Bambine, bambini e adolescenti",
        "Children and teenagers",
        "Minori di 14 anni e adolescenti, anche attraverso le scuole e i consigli comunali dei ragazzi.",
        "Children under 14 and teenagers, also through schools and youth councils.",
    ),
    (
        "giovani",
        "Giovani",
        "Young people",
        "Ragazze e ragazzi tra i 14 e i 35 anni.",
        "Young women and men aged 14 to 35.",
    ),
    (
        "studenti",
        "Studentesse e studenti",
        "Students",
        "Chi frequenta la scuola secondaria, l'università o percorsi di formazione.",
        "Secondary school, university and vocational training students.",
    ),
    (
        "famiglie",
        "Famiglie",
        "Families",
        "Nuclei familiari, genitori e reti di famiglie.",
        "Households, parents and family networks.",
    ),
    (
        "anziani",
        "Persone anziane",
        "Older people",
        "Persone over 65, attive o in condizione di fragilità.",
        "People over 65, whether active or frail.",
    ),
    (
        "persone-con-disabilita",
        "Persone con disabilità",
        "People with disabilities",
        "Persone con disabilità e le loro famiglie.",
        "People with disabilities and their families.",
    ),
    (
        "caregiver",
        "Caregiver familiari",
        "Family carers",
        "Chi si prende cura, senza retribuzione, di un familiare non autosufficiente.",
        "People who care, unpaid, for a dependent family member.",
    ),
    (
        "persone-migranti",
        "Persone migranti",
        "Migrants",
        "Persone con background migratorio, richiedenti asilo e rifugiati.",
        "People with a migrant background, asylum seekers and refugees.",
    ),
    (
        "donne",
        "Donne",
        "Women",
        "Iniziative per la parità di genere e la partecipazione delle donne.",
        "Initiatives for gender equality and women's participation.",
    ),
    (
        "persone-in-difficolta-economica",
        "Persone in difficoltà economica",
        "People in financial hardship",
        "Persone e famiglie a rischio di povertà o di esclusione sociale, comprese le persone senza dimora.",
        "People and households at risk of poverty or social exclusion, including homeless people.",
    ),
    (
        "associazioni",
        "Associazioni ed enti del Terzo Settore",
        "Associations and third-sector bodies",
        "Associazioni, cooperative sociali, fondazioni e volontariato organizzato.",
        "Associations, social cooperatives, foundations and organised volunteering.",
    ),
    (
        "imprese",
        "Imprese",
        "Businesses",
        "Imprese, professionisti e loro associazioni di categoria.",
        "Businesses, professionals and their trade associations.",
    ),
    (
        "dipendenti-pubblici",
        "Dipendenti pubblici",
        "Public employees",
        "Funzionari e dipendenti delle pubbliche amministrazioni.",
        "Officers and staff of public administrations.",
    ),
    (
        "amministratori-locali",
        "Amministratori locali",
        "Local elected officials",
        "Sindaci, assessori e consiglieri degli enti locali.",
        "Mayors, councillors and cabinet members of local authorities.",
    ),
]


def create_groups(apps, schema_editor):
    TargetGroup = apps.get_model("taxonomy", "TargetGroup")
    for order, (slug, name, name_en, description, description_en) in enumerate(GROUPS):
        TargetGroup.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "sort_order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0005_default_iap2_levels")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
