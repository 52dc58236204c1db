"""PostgreSQL, real threads and transactions: two members grab the last unit at once.

The control shows the race without the lock (check, then insert, both see it free); with
the service's row lock exactly one wins. The room's exclusion constraint is checked too.
"""

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from technohub.catalogue.tests.factories import PlaceFactory
from technohub.hubs.tests.factories import HubFactory
from technohub.scheduling import services
from technohub.scheduling.errors import BookingConflict
from technohub.scheduling.models import Booking
from technohub.scheduling.tests.factories import at, equipment, next_monday

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
DAY = next_monday() + dt.timedelta(days=2)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def _race(target, n=2):
    barrier = threading.Barrier(n)
    results = []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_control_without_the_lock_overbooks():
    item = equipment(HubFactory(), quantity=1)
    barrier = threading.Barrier(2)

    def unlocked():
        with transaction.atomic():
            used = Booking.objects.filter(
                equipment=item, starts_at__lt=at(DAY, "12:00"), ends_at__gt=at(DAY, "9:00")
            ).count()
            barrier.wait()  # both have looked before either writes
            if used == 0:
                Booking.objects.create(
                    equipment=item, starts_at=at(DAY, "9:00"), ends_at=at(DAY, "12:00")
                )
        return True

    _race(unlocked)
    assert Booking.objects.filter(equipment=item).count() == 2  # the race is real


def test_with_the_lock_one_wins():
    item = equipment(HubFactory(), quantity=1)

    def book():
        return services.booking_create(
            actor=None, equipment=item, starts_at=at(DAY, "9:00"), ends_at=at(DAY, "12:00")
        )

    results = _race(book, n=4)
    assert sum(isinstance(r, Booking) for r in results) == 1
    assert sum(isinstance(r, BookingConflict) for r in results) == 3
    assert Booking.objects.filter(equipment=item).count() == 1


def test_the_exclusion_constraint_refuses_overlapping_room_bookings():
    room = PlaceFactory(hub=HubFactory())
    Booking.objects.create(place=room, starts_at=at(DAY, "9:00"), ends_at=at(DAY, "12:00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(place=room, starts_at=at(DAY, "11:00"), ends_at=at(DAY, "13:00"))
