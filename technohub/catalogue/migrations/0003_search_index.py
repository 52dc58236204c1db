"""Dutch full-text search: a GIN index on PostgreSQL, an FTS5 table with triggers on SQLite."""

from django.db import migrations

PG_FORWARD = [
    "CREATE INDEX catalogue_course_search_nl ON catalogue_course "
    "USING GIN (to_tsvector('dutch', search_text))",
]
PG_BACKWARD = ["DROP INDEX IF EXISTS catalogue_course_search_nl"]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalogue_course_fts USING fts5(search_text, content='catalogue_course', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
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
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalogue_course_fts_ai",
    "DROP TRIGGER IF EXISTS catalogue_course_fts_ad",
    "DROP TRIGGER IF EXISTS catalogue_course_fts_au",
    "DROP TABLE IF EXISTS catalogue_course_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
