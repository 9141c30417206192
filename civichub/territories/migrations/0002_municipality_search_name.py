from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("territories", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="search_name",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                max_length=120,
                verbose_name="nome per la ricerca",
            ),
        ),
    ]
