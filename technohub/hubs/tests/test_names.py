"""Dutch names sort by the surname without its tussenvoegsel, in the database and in Python."""

import pytest

from technohub.hubs.models import Person
from technohub.hubs.names import surname_key, surname_order, surname_without_prefix
from technohub.hubs.tests.factories import PersonFactory

NAMES = [
    ("Pieter", "van der Berg"),
    ("Anna", "Bakker"),
    ("Sanne", "de Haan"),
    ("Henk", "Haan"),
    ("Karin", "Jansen"),
    ("Eva", "van 't Hof"),
    ("Ali", "Yilmaz"),
    ("Lotte", "ten Brink"),
    ("Mark", "d'Ancona"),
    ("Joost", "van den Heuvel"),
    ("Bram", "de Vries"),
    ("Iris", "Vermeer"),
]
EXPECTED = [
    "d'Ancona",
    "Bakker",
    "van der Berg",
    "ten Brink",
    "Haan",
    "de Haan",
    "van den Heuvel",
    "van 't Hof",
    "Jansen",
    "Vermeer",
    "de Vries",
    "Yilmaz",
]


@pytest.mark.parametrize(
    ("last_name", "sorted_as"),
    [
        ("de Haan", "haan"),
        ("van der Berg", "berg"),
        ("Van Dijk", "dijk"),
        ("van 't Hof", "hof"),
        ("in 't Veld", "veld"),
        ("ter Horst", "horst"),
        ("Devries", "devries"),
        ("Vandenberg", "vandenberg"),
        ("Jansen", "jansen"),
    ],
)
def test_the_tussenvoegsel_is_left_out(last_name, sorted_as):
    assert surname_without_prefix(last_name) == sorted_as


def test_python_sort_puts_de_haan_under_h():
    people = [Person(first_name=f, last_name=last) for f, last in NAMES]
    assert [p.last_name for p in sorted(people, key=surname_key)] == EXPECTED


@pytest.mark.django_db
def test_the_database_sorts_the_same_way():
    for first, last in NAMES:
        PersonFactory(first_name=first, last_name=last)

    ordered = Person.objects.order_by(*surname_order()).values_list("last_name", flat=True)

    assert list(ordered) == EXPECTED


@pytest.mark.django_db
def test_the_database_order_survives_distinct_and_a_relation():
    from technohub.enrolment.models import Enrolment
    from technohub.enrolment.tests.factories import EnrolmentFactory

    for first, last in NAMES[:4]:
        EnrolmentFactory(person=PersonFactory(first_name=first, last_name=last))

    ordered = (
        Enrolment.objects.select_related("person").distinct().order_by(*surname_order("person__"))
    )

    assert [e.person.last_name for e in ordered] == ["Bakker", "van der Berg", "Haan", "de Haan"]


@pytest.mark.django_db
def test_the_person_lists_use_the_rule():
    from technohub.hubs import selectors
    from technohub.hubs.tests.factories import MembershipFactory
    from technohub.portal.selectors import employees_of

    membership = MembershipFactory()
    for first, last in NAMES:
        PersonFactory(first_name=first, last_name=last, employer=membership.organisation)

    assert [p.last_name for p in employees_of(organisation=membership.organisation)] == EXPECTED
    people = selectors.people_of_hub(hub=membership.hub)
    assert [p.last_name for p in people] == EXPECTED
