import datetime as dt

import pytest

from technohub.catalogue import selectors
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.helpers import edition_with_sessions, in_days
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import HubFactory

pytestmark = pytest.mark.django_db


def test_public_editions_have_seat_counts_and_exclude_drafts():
    hub = HubFactory()
    public = edition_with_sessions(hub=hub, capacity=2)
    edition_with_sessions(hub=hub, course=public.course, status=Edition.Status.DRAFT)
    EnrolmentFactory(edition=public)
    EnrolmentFactory(edition=public)
    EnrolmentFactory(edition=public, status=Enrolment.Status.WAITLISTED, waitlist_position=1)
    (edition,) = selectors.public_editions(course=public.course)
    assert edition.pk == public.pk
    assert (edition.seats_left, edition.waitlist_length) == (0, 1)


def test_public_editions_prefetch_sessions(django_assert_num_queries):
    hub = HubFactory()
    for _ in range(3):
        edition_with_sessions(hub=hub, days=[2, 9, 16])
    with django_assert_num_queries(2):
        editions = list(selectors.public_editions(hub=hub, with_sessions=True))
        places = [s.place for e in editions for s in e.sessions.all()]
    assert len(editions) == 3 and len(places) == 9


def test_public_course_is_none_for_a_course_with_drafts_only():
    hub = HubFactory(slug="woerden")
    draft = edition_with_sessions(hub=hub, slug="concept", status=Edition.Status.DRAFT)
    public = edition_with_sessions(hub=hub, slug="lassen")
    assert selectors.public_course(hub_slug="woerden", course_slug="concept") is None
    assert selectors.public_course(hub_slug="woerden", course_slug="lassen") == public.course
    assert selectors.public_course(hub_slug="elders", course_slug="lassen") is None
    assert draft.course.slug == "concept"


def test_agenda_sessions_in_range_of_public_editions_only():
    hub, other = HubFactory(), HubFactory()
    mine = edition_with_sessions(hub=hub, days=[1, 8])
    edition_with_sessions(hub=hub, days=[2], status=Edition.Status.DRAFT)
    edition_with_sessions(hub=other, days=[3])
    found = list(selectors.agenda_sessions(hub=hub, start=in_days(0), end=in_days(7)))
    assert [s.edition_id for s in found] == [mine.pk]
    all_hubs = selectors.agenda_sessions(start=in_days(0), end=in_days(7))
    assert all_hubs.count() == 2
    assert selectors.agenda_sessions(hub=hub).count() == 2


def test_agenda_sessions_end_is_exclusive():
    hub = HubFactory()
    edition_with_sessions(hub=hub, days=[7])
    assert not selectors.agenda_sessions(start=in_days(0), end=in_days(7)).exists()
    assert selectors.agenda_sessions(start=in_days(7), end=in_days(7) + dt.timedelta(1)).exists()
