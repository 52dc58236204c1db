"""A cancelled session is no meeting: the default manager (and so `edition.sessions`, prefetches
and every reader) leaves it out; `Session.all_objects` and foreign-key access still reach it."""

import datetime as dt

import pytest
from django.db.models import Prefetch

from technohub.catalogue import selectors
from technohub.catalogue.models import Edition, Session
from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.scheduling.models import Booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = EditionFactory()
    SessionFactory(edition=edition)
    cancelled = SessionFactory(edition=edition)
    Session.all_objects.filter(pk=cancelled.pk).update(status=Session.Status.CANCELLED)
    return edition


def test_the_default_manager_and_related_managers_leave_cancelled_sessions_out(edition):
    assert Session.objects.count() == 1
    assert edition.sessions.count() == 1
    assert Session.all_objects.count() == 2
    (prefetched,) = Edition.objects.prefetch_related("sessions").filter(pk=edition.pk)
    assert len(prefetched.sessions.all()) == 1
    (explicit,) = Edition.objects.prefetch_related(
        Prefetch("sessions", queryset=Session.objects.all())
    ).filter(pk=edition.pk)
    assert len(explicit.sessions.all()) == 1


def test_a_foreign_key_still_reaches_a_cancelled_session(edition):
    cancelled = Session.all_objects.get(status=Session.Status.CANCELLED)
    booking = Booking.objects.create(
        place=edition.location, starts_at=cancelled.starts_at, ends_at=cancelled.ends_at,
        session=cancelled,
    )  # fmt: skip
    assert Booking.objects.get(pk=booking.pk).session == cancelled


def test_deleting_an_edition_deletes_its_cancelled_sessions_too(edition):
    edition.delete()
    assert not Session.all_objects.exists()


def test_public_agenda_hides_cancelled_but_feeds_may_ask_for_them(edition):
    assert selectors.agenda_sessions(hub=edition.hub).count() == 1
    assert selectors.agenda_sessions(hub=edition.hub, include_cancelled=True).count() == 2


def test_a_join_across_sessions_does_not_find_a_cancelled_one():
    # given a public edition whose only session is cancelled
    edition = EditionFactory()
    session = SessionFactory(edition=edition)
    Session.all_objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    # when the catalogue is searched with a session filter (a join from courses to sessions)
    found = selectors.catalogue_search(date_from=edition.starts_on - dt.timedelta(days=1))
    # then
    assert list(found) == []
