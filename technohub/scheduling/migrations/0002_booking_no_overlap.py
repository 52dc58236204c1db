"""PostgreSQL: rooms are never booked twice for overlapping times (an exclusion constraint).

Needs the btree_gist extension (equality on place_id inside a GiST index). SQLite has no such
constraint; there the booking service checks the same rule under the write lock.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE scheduling_booking ADD CONSTRAINT booking_place_no_overlap
    EXCLUDE USING gist (place_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (place_id IS NOT NULL);
"""
DROP = "ALTER TABLE scheduling_booking DROP CONSTRAINT IF EXISTS booking_place_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
