"""Dutch full-text search over courses.

PostgreSQL: `to_tsvector('dutch', search_text)` with a GIN index; prefix terms so that typing
"lass" already finds "lassen". SQLite: an FTS5 table (unicode61, diacritics folded) kept in step
by triggers, with prefix terms. Both are created in migration 0002.
"""

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from technohub.catalogue.models import Course

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def search_terms(query: str) -> list[str]:
    return _WORD.findall(query.lower())[:MAX_TERMS]


def build_search_text(course: Course) -> str:
    parts = [course.title, course.summary, course.description, course.learning_outcomes]
    if course.sector_id:
        parts.append(course.sector.name)
    if course.provider_id:
        parts.append(course.provider.name)
    return "\n".join(p for p in parts if p)


def filter_courses(queryset: QuerySet, query: str, *, field: str = "pk") -> QuerySet:
    """Narrow `queryset` to rows whose `field` (a course id) matches every search term."""
    terms = search_terms(query)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{t}:*" for t in terms)
        sql = (
            "SELECT id FROM catalogue_course "
            "WHERE to_tsvector('dutch', search_text) @@ to_tsquery('dutch', %s)"
        )
        return queryset.filter(**{f"{field}__in": RawSQL(sql, [tsquery])})  # noqa: S611 - bound
    match = " ".join(f'"{t}"*' for t in terms)
    sql = "SELECT rowid FROM catalogue_course_fts WHERE catalogue_course_fts MATCH %s"
    return queryset.filter(**{f"{field}__in": RawSQL(sql, [match])})  # noqa: S611 - bound


def courses_matching(query: str) -> QuerySet[Course]:
    return filter_courses(Course.objects.all(), query)
