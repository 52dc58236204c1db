"""How Dutch names sort: by the surname without its tussenvoegsel ("de Haan" under H, "van der
Berg" under B), then by the first name.

`Person` has no separate field for the tussenvoegsel: it is the start of `last_name` ("de Haan").
So the sort key strips the known prefixes (longest first, case-insensitively) from the last name.
Two forms of the same rule:

- `surname_order(path)`: database expressions for `order_by(...)`, for lists that are paged or
  large (the database sorts, the pages stay consistent);
- `surname_key(person)`: a Python key for `sorted()` on small lists already in memory.

Both give the same order for ASCII names (`hubs/tests/test_names.py` proves it on both
databases; SQLite's LOWER leaves non-ASCII capitals as they are).
"""

from typing import Any

from django.db.models import Case, F, When
from django.db.models.functions import Lower, Substr

# Longest first, so that "van der " wins over "van ". With their separator: a space, or none
# after an apostrophe ("d'Ancona").
TUSSENVOEGSELS = tuple(
    sorted(
        (
            "van der ",
            "van den ",
            "van de ",
            "van het ",
            "van 't ",
            "van 's ",
            "van ter ",
            "van ten ",
            "in 't ",
            "in het ",
            "in de ",
            "in den ",
            "uit de ",
            "uit den ",
            "uit het ",
            "op de ",
            "op den ",
            "op het ",
            "op 't ",
            "aan de ",
            "aan den ",
            "aan het ",
            "bij de ",
            "voor de ",
            "onder de ",
            "over de ",
            "de la ",
            "de le ",
            "van ",
            "de ",
            "den ",
            "der ",
            "het ",
            "'t ",
            "'s ",
            "ter ",
            "ten ",
            "te ",
            "la ",
            "le ",
            "du ",
            "d'",
            "l'",
        ),
        key=len,
        reverse=True,
    )
)


def surname_without_prefix(last_name: str) -> str:
    """`"van der Berg"` → `"berg"`: the lowercased surname the list sorts by."""
    name = (last_name or "").strip()
    lowered = name.lower()
    for prefix in TUSSENVOEGSELS:
        if lowered.startswith(prefix):
            return lowered[len(prefix) :]
    return lowered


def surname_key(person: Any) -> tuple[str, str, str]:
    """Sort key for a `Person` (or anything with `last_name` and `first_name`)."""
    return (
        surname_without_prefix(person.last_name),
        (person.first_name or "").lower(),
        (person.last_name or "").lower(),
    )


def surname_expression(path: str = "") -> Case:
    """The lowercased last name at `path` (e.g. `"person__"`) without its tussenvoegsel."""
    field = f"{path}last_name"
    return Case(
        *(
            When(
                **{f"{field}__istartswith": prefix},
                then=Lower(Substr(F(field), len(prefix) + 1)),
            )
            for prefix in TUSSENVOEGSELS
        ),
        default=Lower(F(field)),
    )


def surname_order(path: str = "") -> list:
    """`order_by(*surname_order("person__"))`: surname without tussenvoegsel, then the first
    name, then the full last name (Henk Haan before Sanne de Haan)."""
    return [
        surname_expression(path).asc(),
        Lower(F(f"{path}first_name")).asc(),
        Lower(F(f"{path}last_name")).asc(),
    ]


__all__ = [
    "TUSSENVOEGSELS",
    "surname_expression",
    "surname_key",
    "surname_order",
    "surname_without_prefix",
]
