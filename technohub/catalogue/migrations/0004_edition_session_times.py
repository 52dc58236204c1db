"""Edition.first_session_at/last_session_at (kept by catalogue.services) and a partial index of
public editions per course, for the public catalogue (docs/catalogue.md)."""

from django.db import migrations, models
from django.db.models import Max, Min, OuterRef, Subquery


def backfill(apps, schema_editor):
    Edition = apps.get_model("catalogue", "Edition")
    Session = apps.get_model("catalogue", "Session")
    sessions = Session.objects.filter(edition=OuterRef("pk")).order_by().values("edition")
    Edition.objects.update(
        first_session_at=Subquery(sessions.annotate(at=Min("starts_at")).values("at")),
        last_session_at=Subquery(sessions.annotate(at=Max("starts_at")).values("at")),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_search_index"),
        ("hubs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="first_session_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="edition",
            name="last_session_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="edition",
            index=models.Index(
                condition=models.Q(("status__in", ["published", "running"])),
                fields=["course", "last_session_at"],
                include=["first_session_at", "ends_on", "id"],
                name="edition_public_course",
            ),
        ),
    ]
