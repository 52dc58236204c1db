import pytest

from technohub.catalogue import selectors
from technohub.catalogue.models import Course, Edition, Place
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, PlaceFactory
from technohub.catalogue.tests.helpers import edition_with_sessions, in_days
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import HubFactory, SectorFactory

pytestmark = pytest.mark.django_db


def titles(courses) -> set[str]:
    return {c.title for c in courses}


@pytest.fixture
def hub():
    return HubFactory()


@pytest.mark.parametrize("q", ["lassen", "Lassen", "lass", "LASS", "basiscursus lassen"])
def test_search_finds_welding_by_word_and_prefix(hub, q):
    edition_with_sessions(hub=hub, title="Basiscursus lassen")
    edition_with_sessions(hub=hub, title="Meet- en regeltechniek")
    assert titles(selectors.catalogue_search(q=q)) == {"Basiscursus lassen"}


def test_search_without_query_lists_every_public_course(hub):
    edition_with_sessions(hub=hub, title="Basiscursus lassen")
    edition_with_sessions(hub=hub, title="F-gassen")
    assert titles(selectors.catalogue_search()) == {"Basiscursus lassen", "F-gassen"}


def test_drafts_cancelled_and_completed_editions_never_appear(hub):
    edition_with_sessions(hub=hub, title="Concept", status=Edition.Status.DRAFT)
    edition_with_sessions(hub=hub, title="Afgelast", status=Edition.Status.CANCELLED)
    edition_with_sessions(hub=hub, title="Klaar", status=Edition.Status.COMPLETED)
    edition_with_sessions(hub=hub, title="Loopt", status=Edition.Status.RUNNING)
    assert titles(selectors.catalogue_search()) == {"Loopt"}
    assert titles(selectors.catalogue_search(q="concept")) == set()


def test_only_public_editions_are_attached_to_a_course(hub):
    public = edition_with_sessions(hub=hub, title="Warmtepompen", days=[20])
    edition_with_sessions(hub=hub, course=public.course, days=[5], status=Edition.Status.DRAFT)
    (course,) = selectors.catalogue_search()
    assert [e.pk for e in course.public_editions] == [public.pk]


def test_courses_with_only_past_sessions_are_not_listed(hub):
    edition_with_sessions(hub=hub, title="Voorbij", days=[-10, -3])
    assert titles(selectors.catalogue_search()) == set()


def test_a_running_edition_with_sessions_still_to_come_is_listed(hub):
    edition_with_sessions(hub=hub, title="Lopend", days=[-7, 7], status=Edition.Status.RUNNING)
    (course,) = selectors.catalogue_search()
    assert course.title == "Lopend"
    assert course.next_start.date() == in_days(7)


def test_filter_by_hub(hub):
    other = HubFactory()
    edition_with_sessions(hub=hub, title="Hier")
    edition_with_sessions(hub=other, title="Daar")
    assert titles(selectors.catalogue_search(hub=hub)) == {"Hier"}


def test_filter_by_sector_level_and_format(hub):
    sector = SectorFactory(hub=hub)
    edition_with_sessions(
        hub=hub, title="Match", sector=sector, level=Course.Level.MBO3, format=Course.Format.BLENDED
    )
    edition_with_sessions(hub=hub, title="Andere sector", level=Course.Level.MBO3)
    edition_with_sessions(
        hub=hub,
        title="Ander niveau",
        sector=sector,
        level=Course.Level.MBO2,
        format=Course.Format.BLENDED,
    )
    assert titles(selectors.catalogue_search(sector=sector)) == {"Match", "Ander niveau"}
    assert titles(selectors.catalogue_search(level=Course.Level.MBO3)) == {
        "Match",
        "Andere sector",
    }
    assert titles(selectors.catalogue_search(format=Course.Format.BLENDED)) == {
        "Match",
        "Ander niveau",
    }


def test_filter_by_weekday(hub):
    monday = next(n for n in range(1, 8) if in_days(n).isoweekday() == 1)
    edition_with_sessions(hub=hub, title="Maandag", days=[monday])
    edition_with_sessions(hub=hub, title="Dinsdag", days=[monday + 1])
    assert titles(selectors.catalogue_search(weekday=1)) == {"Maandag"}
    assert titles(selectors.catalogue_search(weekday=2)) == {"Dinsdag"}
    assert titles(selectors.catalogue_search(weekday=3)) == set()


def test_filter_daytime_or_evening_at_five_pm(hub):
    edition_with_sessions(hub=hub, title="Avond", hour=17)
    edition_with_sessions(hub=hub, title="Middag", hour=13)
    assert titles(selectors.catalogue_search(daytime=selectors.EVENING)) == {"Avond"}
    assert titles(selectors.catalogue_search(daytime=selectors.DAYTIME)) == {"Middag"}


def test_filter_by_place_kind_of_session_or_edition_location(hub):
    mobile = PlaceFactory(hub=hub, kind=Place.Kind.MOBILE_HUB)
    online = PlaceFactory(hub=hub, kind=Place.Kind.ONLINE)
    edition_with_sessions(hub=hub, title="Mobiel", place=mobile)
    sessionless_place = edition_with_sessions(hub=hub, title="Online", place=online)
    sessionless_place.sessions.update(place=None)  # falls back to the edition's location
    edition_with_sessions(hub=hub, title="Lokaal")
    assert titles(selectors.catalogue_search(place_kind=Place.Kind.MOBILE_HUB)) == {"Mobiel"}
    assert titles(selectors.catalogue_search(place_kind=Place.Kind.ONLINE)) == {"Online"}
    assert titles(selectors.catalogue_search(place_kind=Place.Kind.HUB_ROOM)) == {"Lokaal"}


def test_filter_by_period(hub):
    edition_with_sessions(hub=hub, title="Vroeg", days=[3])
    edition_with_sessions(hub=hub, title="Laat", days=[40])
    assert titles(selectors.catalogue_search(date_to=in_days(10))) == {"Vroeg"}
    assert titles(selectors.catalogue_search(date_from=in_days(10))) == {"Laat"}
    assert titles(selectors.catalogue_search(date_from=in_days(3), date_to=in_days(3))) == {"Vroeg"}


def test_filter_free_for_members(hub):
    edition_with_sessions(hub=hub, title="Gratis", member_price=0, non_member_price=150)
    edition_with_sessions(hub=hub, title="Betaald", member_price=95, non_member_price=150)
    assert titles(selectors.catalogue_search(free_for_members=True)) == {"Gratis"}


def test_filters_combine_with_search(hub):
    edition_with_sessions(hub=hub, title="Basiscursus lassen", hour=19)
    edition_with_sessions(hub=hub, title="Lassen overdag", hour=9)
    found = selectors.catalogue_search(q="lassen", daytime=selectors.EVENING)
    assert titles(found) == {"Basiscursus lassen"}


def test_courses_come_soonest_first_with_seat_counts(hub):
    later = edition_with_sessions(hub=hub, title="Later", days=[20], capacity=2)
    edition_with_sessions(hub=hub, title="Eerst", days=[2])
    EnrolmentFactory(edition=later)
    found = list(selectors.catalogue_search())
    assert [c.title for c in found] == ["Eerst", "Later"]
    assert found[1].public_editions[0].seats_left == 1


def test_edition_without_sessions_yet_is_listed_while_it_has_not_ended(hub):
    course = CourseFactory(hub=hub, title="Nog te plannen")
    EditionFactory(course=course, starts_on=in_days(30), ends_on=in_days(60))
    assert titles(selectors.catalogue_search()) == {"Nog te plannen"}


def test_search_query_count_does_not_grow_with_results(hub, django_assert_num_queries):
    for n in range(6):
        edition_with_sessions(hub=hub, title=f"Cursus lassen {n}", days=[n + 1, n + 8])
    with django_assert_num_queries(2):  # the courses, their editions with seat counts
        courses = list(selectors.catalogue_search(q="lassen"))
        for course in courses:
            _ = course.hub.name, course.sector, course.public_editions[0].seats_left
    assert len(courses) == 6
