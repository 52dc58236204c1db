"""Edition.first_session_at/last_session_at: kept by catalogue.services._sync_dates (called by the
scheduling service, the one path for sessions), backfilled by 0004."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from technohub.catalogue import selectors
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.catalogue.tests.helpers import in_days, local
from technohub.scheduling import services

pytestmark = pytest.mark.django_db


def spec(start, hours=3):
    return services.SessionSpec(starts_at=start, ends_at=start + dt.timedelta(hours=hours))


def test_scheduling_keeps_first_and_last_session_and_days():
    edition = EditionFactory(starts_on=in_days(1), ends_on=in_days(60))
    specs = [spec(local(in_days(n))) for n in (9, 2, 16)]
    sessions = services.sessions_schedule(edition=edition, specs=specs, actor=None)
    edition.refresh_from_db()
    assert edition.first_session_at == local(in_days(2))
    assert edition.last_session_at == local(in_days(16))
    assert (edition.starts_on, edition.ends_on) == (in_days(2), in_days(16))
    # a cancelled session no longer counts; a moved one moves the days
    last = max(sessions, key=lambda s: s.starts_at)
    services.session_cancel(session=last, actor=None)
    first = min(sessions, key=lambda s: s.starts_at)
    services.session_reschedule(session=first, actor=None, starts_at=local(in_days(3)))
    edition.refresh_from_db()
    assert edition.first_session_at == local(in_days(3))
    assert edition.last_session_at == local(in_days(9))
    assert (edition.starts_on, edition.ends_on) == (in_days(3), in_days(9))


def test_edition_whose_sessions_are_over_leaves_the_catalogue_at_once():
    edition = EditionFactory(starts_on=in_days(-9), ends_on=in_days(30))
    start = local(in_days(-9))
    services.sessions_schedule(edition=edition, specs=[spec(start, hours=2)], actor=None)
    assert list(selectors.catalogue_search()) == []
    assert list(selectors.public_editions(course=edition.course)) == []


def test_migration_backfills_from_the_sessions():
    edition = EditionFactory()
    first = SessionFactory(edition=edition, starts_at=local(in_days(3)))
    last = SessionFactory(edition=edition, starts_at=local(in_days(10)))
    without = EditionFactory()
    Edition.objects.update(first_session_at=None, last_session_at=None)
    migration = importlib.import_module("technohub.catalogue.migrations.0004_edition_session_times")
    migration.backfill(apps, None)
    edition.refresh_from_db()
    without.refresh_from_db()
    assert (edition.first_session_at, edition.last_session_at) == (first.starts_at, last.starts_at)
    assert (without.first_session_at, without.last_session_at) == (None, None)
