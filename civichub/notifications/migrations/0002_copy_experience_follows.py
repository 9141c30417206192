"""Copy ``experiences.ExperienceFollow`` rows into ``Follow`` (the experiences
migration ``drop_experience_follow`` then removes the old model)."""

from django.db import migrations


def copy_follows(apps, schema_editor):
    ExperienceFollow = apps.get_model("experiences", "ExperienceFollow")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Follow = apps.get_model("notifications", "Follow")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="experiences", model="experience"
    )
    rows = ExperienceFollow.objects.order_by("pk").values_list(
        "user_id", "experience_id", "created_at"
    )
    batch = []
    for user_id, experience_id, created_at in rows.iterator(chunk_size=2000):
        batch.append(
            Follow(
                user_id=user_id,
                content_type_id=content_type.pk,
                object_id=experience_id,
                created_at=created_at,
            )
        )
        if len(batch) == 2000:
            Follow.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Follow.objects.bulk_create(batch, ignore_conflicts=True)


def copy_back(apps, schema_editor):
    ExperienceFollow = apps.get_model("experiences", "ExperienceFollow")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Follow = apps.get_model("notifications", "Follow")
    content_type = ContentType.objects.filter(app_label="experiences", model="experience").first()
    if content_type is None:
        return
    ExperienceFollow.objects.bulk_create(
        [
            ExperienceFollow(
                user_id=row.user_id, experience_id=row.object_id, created_at=row.created_at
            )
            for row in Follow.objects.filter(content_type=content_type)
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("notifications", "0001_initial"),
        ("experiences", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_follows, copy_back)]
