"""SQLite: put the full-text search triggers back on catalogue_course.

0006 added `Course.room_kind`; on SQLite Django adds such a column by re-making the table, and
the FTS5 triggers of 0003 (which live on the table) went with the old one: new or changed
courses were no longer found by the search. This re-creates them and rebuilds the index.
PostgreSQL keeps its GIN index through ALTER TABLE, so nothing happens there.

Any later migration that re-makes catalogue_course on SQLite must do the same (see
docs/sessions.md, "Migrations").
"""

from django.db import migrations

SQLITE_FORWARD = [
    "DROP TRIGGER IF EXISTS catalogue_course_fts_ai",
    "DROP TRIGGER IF EXISTS catalogue_course_fts_ad",
    "DROP TRIGGER IF EXISTS catalogue_course_fts_au",
    "CREATE TRIGGER catalogue_course_fts_ai AFTER INSERT ON catalogue_course BEGIN "
    "INSERT INTO catalogue_course_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER catalogue_course_fts_ad AFTER DELETE ON catalogue_course BEGIN "
    "INSERT INTO catalogue_course_fts(catalogue_course_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER catalogue_course_fts_au AFTER UPDATE OF search_text ON catalogue_course BEGIN "
    "INSERT INTO catalogue_course_fts(catalogue_course_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO catalogue_course_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO catalogue_course_fts(catalogue_course_fts) VALUES ('rebuild')",
]


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in SQLITE_FORWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0006_session_status_room_kinds")]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
