"""Sessions by hand go through the one scheduling service: a clash is a Dutch field error that
names it, with free slots to take; edit, add, cancel one session; change the series."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.catalogue.models import Edition, Session
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, PlaceFactory
from technohub.hubs.models import Role
from technohub.hubs.tests.factories import RoleFactory, trainer_user
from technohub.scheduling import services
from technohub.scheduling.models import Booking
from technohub.scheduling.planning import EVENING

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Europe/Amsterdam")
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


def at(day: dt.date, hhmm: str) -> dt.datetime:
    h, m = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=LOCAL)


def thursday(weeks: int = 6) -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=(3 - today.weekday()) % 7 + 7 * weeks)


@pytest.fixture
def lab(world):
    return PlaceFactory(hub=world.hub, name="Installatielab")


@pytest.fixture
def richard(world):
    user = trainer_user(first_name="Richard", last_name="de Jong")
    RoleFactory(user=user, kind=Role.Kind.TRAINER, hub=world.hub)
    services.availability_set(person=user.person, slots={(3, EVENING)}, actor=None)
    return user.person


@pytest.fixture
def warmtepomp(world, lab, richard):
    """Kennismaking warmtepomptechniek: one Thursday evening in the lab, with Richard."""
    course = CourseFactory(hub=world.hub, title="Kennismaking warmtepomptechniek")
    edition = EditionFactory(course=course, code="WPT-1", location=lab, trainer=richard)
    day = thursday()
    services.sessions_schedule(
        edition=edition,
        specs=[services.SessionSpec(starts_at=at(day, "19:00"), ends_at=at(day, "21:30"))],
        actor=None,
    )
    return edition


def new_edition(world, course, **overrides):
    data = {
        "mode": "hand",
        "code": "NEW-1",
        "capacity": "12",
        "min_participants": "4",
        "status": "draft",
        "first_date": thursday().isoformat(),
        "session_count": "1",
        "interval_weeks": "1",
        "start_time": "19:00",
        "end_time": "21:30",
        **overrides,
    }
    return data


def test_a_clash_is_refused_with_the_dutch_message_and_a_free_slot_is_taken(
    coordinator_client, world, lab, richard, warmtepomp
):
    course = CourseFactory(hub=world.hub, title="Warmtepomp verdieping")
    url = reverse("backoffice:edition_create", args=[world.hub.slug, course.pk])
    data = new_edition(world, course, location=lab.pk, trainer=richard.pk)
    # when the coordinator plans it on top of the heat-pump evening
    response = coordinator_client.post(url, data, **NL)
    # then nothing is saved, and the form says what clashes, in Dutch
    assert response.status_code == 400
    assert not Edition.objects.filter(code="NEW-1").exists()
    errors = " ".join(response.context["form"].errors["start_time"])
    assert "Installatielab is al geboekt voor Kennismaking warmtepomptechniek (WPT-1)" in errors
    assert "Richard de Jong geeft al les in Kennismaking warmtepomptechniek" in errors
    # and free slots are offered as buttons
    page = response.content.decode()
    slots = re.findall(r'name="take_slot" value="([^"]+)"', page)
    assert slots
    # when a free slot is taken, the form is filled in with it (nothing saved yet)
    taken = coordinator_client.post(url, {**data, "take_slot": slots[0].replace("&#x2B;", "+")})
    assert taken.status_code == 200
    filled = taken.context["form"].data
    assert not Edition.objects.filter(code="NEW-1").exists()
    # and saving it creates the edition with its booked session
    response = coordinator_client.post(url, {k: filled[k] for k in filled})
    assert response.status_code == 302, response.context["form"].errors
    edition = Edition.objects.get(code="NEW-1")
    session = edition.sessions.get()
    assert Booking.objects.filter(session=session, place=lab).exists()
    assert session.starts_at.astimezone(LOCAL).date() != thursday()


def test_trainer_unavailable_offers_the_override_with_a_reason(
    coordinator_client, world, lab, richard
):
    course = CourseFactory(hub=world.hub)
    url = reverse("backoffice:edition_create", args=[world.hub.slug, course.pk])
    tuesday = thursday() - dt.timedelta(days=2)
    data = new_edition(world, course, trainer=richard.pk, first_date=tuesday.isoformat())
    response = coordinator_client.post(url, data, **NL)
    assert response.status_code == 400
    assert "trainer" in response.context["form"].errors
    assert 'name="override_reason"' in response.content.decode()
    assert not Edition.objects.exists() or not Edition.objects.filter(code="NEW-1").exists()
    response = coordinator_client.post(url, {**data, "override_reason": "Richard wil ruilen"})
    assert response.status_code == 302
    assert Edition.objects.get(code="NEW-1").sessions.count() == 1


def _url(world, name, edition, session=None):
    kwargs = {"hub_slug": world.hub.slug, "edition_id": edition.pk}
    if session is not None:
        kwargs["session_id"] = session.pk
    return reverse(f"backoffice:{name}", kwargs=kwargs)


def test_move_one_session(coordinator_client, world, warmtepomp):
    session = warmtepomp.sessions.get()
    day = thursday(weeks=7)
    response = coordinator_client.post(
        _url(world, "session_edit", warmtepomp, session),
        {"date": day.isoformat(), "start_time": "19:30", "end_time": "22:00", "topic": "Bronnen"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.starts_at == at(day, "19:30") and session.topic == "Bronnen"
    assert session.sequence == 1
    assert Booking.objects.get(session=session).starts_at == at(day, "19:30")


def test_add_a_session_that_clashes_shows_the_clash(coordinator_client, world, warmtepomp):
    day = thursday()
    other = EditionFactory(course__hub=world.hub, location=warmtepomp.location, trainer=None)
    response = coordinator_client.post(
        _url(world, "session_add", other),
        {"date": day.isoformat(), "start_time": "20:00", "end_time": "22:00"},
        **NL,
    )
    assert response.status_code == 400
    assert "place" in response.context["form"].errors  # only the room clashes
    assert "is al geboekt" in " ".join(response.context["form"].errors["place"])
    assert not other.sessions.exists()


def test_cancel_one_session_after_confirming(coordinator_client, world, warmtepomp):
    session = warmtepomp.sessions.get()
    url = _url(world, "session_cancel", warmtepomp, session)
    page = coordinator_client.get(url, **NL)
    assert "Wie krijgt een mail" in page.content.decode()
    assert coordinator_client.post(url, {"reason": "Ziek"}).status_code == 400
    response = coordinator_client.post(url, {"reason": "Ziek", "confirm": "on"})
    assert response.status_code == 302
    session = Session.all_objects.get(pk=session.pk)
    assert session.status == Session.Status.CANCELLED
    assert not Booking.objects.filter(session=session).exists()
    listing = coordinator_client.get(_url(world, "edition_sessions", warmtepomp))
    assert f'id="session-{session.pk}"' in listing.content.decode()  # it stays, marked


def test_series_preview_then_save(coordinator_client, world, lab, richard):
    edition = EditionFactory(course__hub=world.hub, location=lab, trainer=richard)
    days = [thursday(weeks=w) for w in (6, 7, 8)]
    services.sessions_schedule(
        edition=edition,
        specs=[
            services.SessionSpec(starts_at=at(d, "19:00"), ends_at=at(d, "21:30")) for d in days
        ],
        actor=None,
    )
    url = _url(world, "sessions_series", edition)
    data = {"move": "weeks", "amount": "1", "start_time": "19:30", "action": "preview"}
    preview = coordinator_client.post(url, data)
    assert preview.status_code == 200
    assert len(preview.context["preview"]) == 3
    assert list(edition.sessions.values_list("starts_at", flat=True)) == [
        at(d, "19:00") for d in days
    ]
    response = coordinator_client.post(url, {**data, "action": "save"})
    assert response.status_code == 302, response.context["form"].errors
    moved = list(edition.sessions.order_by("starts_at").values_list("starts_at", flat=True))
    assert moved == [at(d + dt.timedelta(weeks=1), "19:30") for d in days]


def test_series_to_another_weekday_outside_availability_is_refused(
    coordinator_client, world, warmtepomp
):
    url = _url(world, "sessions_series", warmtepomp)
    data = {"move": "weekday", "weekday": "1", "action": "save"}
    response = coordinator_client.post(url, data, **NL)
    assert response.status_code == 400
    assert "trainer" in response.context["form"].errors
    assert warmtepomp.sessions.get().starts_at.astimezone(LOCAL).weekday() == 3


def test_series_needs_something_to_change(coordinator_client, world, warmtepomp):
    response = coordinator_client.post(
        _url(world, "sessions_series", warmtepomp), {"move": "keep", "action": "preview"}
    )
    assert response.status_code == 400


def test_edition_settings_and_a_new_trainer_for_the_sessions(coordinator_client, world, warmtepomp):
    ingrid = trainer_user(first_name="Ingrid", last_name="Bos")
    RoleFactory(user=ingrid, kind=Role.Kind.TRAINER, hub=world.hub)
    url = _url(world, "edition_edit", warmtepomp)
    data = {
        "capacity": "14",
        "min_participants": "3",
        "location": warmtepomp.location_id,
        "trainer": ingrid.person.pk,
        "enrolment_opens_at": "",
        "enrolment_closes_at": "",
        "cancellation_deadline": "",
    }
    response = coordinator_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    warmtepomp.refresh_from_db()
    assert (warmtepomp.capacity, warmtepomp.min_participants) == (14, 3)
    assert warmtepomp.trainer == ingrid.person
    session = warmtepomp.sessions.get()
    assert (session.trainer_id or warmtepomp.trainer_id) == ingrid.person.pk


def test_edition_settings_refuse_below_the_seats_taken(coordinator_client, world, warmtepomp):
    from technohub.enrolment.tests.factories import EnrolmentFactory

    EnrolmentFactory.create_batch(2, edition=warmtepomp)
    url = _url(world, "edition_edit", warmtepomp)
    response = coordinator_client.post(
        url, {"capacity": "1", "min_participants": "1", "trainer": warmtepomp.trainer_id}
    )
    assert response.status_code == 400
    assert "capacity" in response.context["form"].errors
