"""catalogue_page: one page of catalogue_search in two queries, counted without a COUNT query."""

import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue import selectors
from technohub.catalogue.tests.helpers import edition_with_sessions, in_days
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import HubFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub():
    return HubFactory()


def test_a_page_is_two_queries_with_the_total_and_first_editions(hub, django_assert_num_queries):
    for n in range(5):
        edition_with_sessions(hub=hub, title=f"Cursus lassen {n}", days=[n + 1])
    with django_assert_num_queries(2):  # page of ids with the total; first editions + courses
        page = selectors.catalogue_page(q="lassen", number=1, per_page=2)
        shown = [(c.title, c.hub.name, c.sector, c.first_edition.seats_left) for c in page]
    assert [title for title, *_ in shown] == ["Cursus lassen 0", "Cursus lassen 1"]
    assert page.paginator.count == 5 and page.paginator.num_pages == 3
    assert page.has_next() and not page.has_previous()


def test_same_courses_in_the_same_order_as_catalogue_search(hub):
    for n, days in enumerate([[9], [2, 30], [-3, 4], [4]]):
        edition_with_sessions(hub=hub, title=f"Cursus {n}", days=days)
    edition_with_sessions(hub=hub, title="Voorbij", days=[-5])
    expected = [(c.pk, c.next_start) for c in selectors.catalogue_search()]
    page = selectors.catalogue_page(number=1, per_page=20)
    assert [(c.pk, c.next_start) for c in page] == expected
    assert len(expected) == 4


def test_first_edition_and_count_of_matching_editions(hub):
    later = edition_with_sessions(hub=hub, title="Warmtepompen", days=[30], capacity=3)
    first = edition_with_sessions(hub=hub, course=later.course, days=[10], capacity=2)
    edition_with_sessions(hub=hub, course=later.course, days=[-10])  # over
    EnrolmentFactory(edition=first)
    (course,) = selectors.catalogue_page()
    assert course.first_edition.pk == first.pk
    assert course.first_edition.seats_left == 1
    assert course.edition_count == 2


def test_next_start_of_a_running_edition_is_its_next_session(hub):
    running = edition_with_sessions(hub=hub, title="Lopend", days=[-14, -7, 5, 12])
    edition_with_sessions(hub=hub, title="Eerder", days=[3])
    edition_with_sessions(hub=hub, title="Later", days=[8])
    page = selectors.catalogue_page()
    assert [c.title for c in page] == ["Eerder", "Lopend", "Later"]
    assert page[1].next_start.date() == in_days(5)
    assert page[1].first_edition.pk == running.pk


def test_session_filters_give_the_first_matching_session(hub):
    monday = next(n for n in range(1, 8) if in_days(n).isoweekday() == 1)
    edition_with_sessions(hub=hub, title="Maandag en dinsdag", days=[monday + 1, monday + 7])
    (course,) = selectors.catalogue_page(weekday=1)
    assert course.next_start.date() == in_days(monday + 7)
    assert course.edition_count == 1


def test_a_page_past_the_end_shows_the_last_page(hub):
    for n in range(3):
        edition_with_sessions(hub=hub, title=f"Cursus {n}", days=[n + 1])
    page = selectors.catalogue_page(number=9, per_page=2)
    assert page.number == 2 and [c.title for c in page] == ["Cursus 2"]
    assert page.paginator.count == 3


@pytest.mark.parametrize("number", [None, "", "abc", "0", "-2"])
def test_a_page_number_that_is_not_a_page_gives_the_first(hub, number):
    edition_with_sessions(hub=hub, title="Cursus")
    page = selectors.catalogue_page(number=number)
    assert page.number == 1 and [c.title for c in page] == ["Cursus"]


def test_nothing_found_is_one_query_and_an_empty_first_page(hub, django_assert_num_queries):
    edition_with_sessions(hub=hub, title="Lassen")
    with django_assert_num_queries(1):
        page = selectors.catalogue_page(q="warmtepomp")
    assert list(page) == [] and page.paginator.count == 0 and page.number == 1


def test_a_session_earlier_today_no_longer_makes_an_edition_upcoming(hub):
    now = timezone.now()
    earlier = edition_with_sessions(hub=hub, title="Vanochtend", days=[0])
    earlier.sessions.update(starts_at=now - dt.timedelta(hours=2))
    earlier.__class__.objects.filter(pk=earlier.pk).update(
        first_session_at=now - dt.timedelta(hours=2), last_session_at=now - dt.timedelta(hours=2)
    )
    assert [c.title for c in selectors.catalogue_page()] == []
