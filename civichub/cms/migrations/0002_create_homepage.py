"""Replace Wagtail's welcome page with the hub's home page and point the site at it."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.exists():
        return
    Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page", slug="home"
    ).delete()
    root = Page.objects.get(depth=1)
    locale = Locale.objects.get_or_create(language_code="it")[0]
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    siblings = Page.objects.filter(depth=2).order_by("-path")
    last = siblings.first()
    # Treebeard materialised path: the root is "0001", its children "0001" + 4 base-36 digits.
    next_step = int(last.path[4:8], 36) + 1 if last else 1
    path = root.path + format_base36(next_step).rjust(4, "0")
    home = HomePage.objects.create(
        title="Civic Hub",
        draft_title="Civic Hub",
        slug="home",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        hero_title="Partecipazione e co-progettazione, insieme",
        hero_title_en="Participation and co-design, together",
        hero_intro=(
            "Lo spazio dove pubbliche amministrazioni, Terzo Settore e cittadini "
            "condividono esperienze e strumenti e progettano insieme."
        ),
        hero_intro_en=(
            "Where public administrations, the third sector and citizens share "
            "experiences and tools and design together."
        ),
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True)


def format_base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while True:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
        if number == 0:
            return out


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]
    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
