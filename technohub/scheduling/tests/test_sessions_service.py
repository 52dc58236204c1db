"""The one path for every session (docs/sessions.md): each rule of the scheduling service."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from technohub.catalogue.models import Course, Edition, Place, RoomKind, Session
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, PlaceFactory
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    HubFactory,
    PersonFactory,
    coordinator_user,
    trainer_user,
)
from technohub.scheduling import services
from technohub.scheduling.errors import (
    ClosedDay,
    InvalidBooking,
    RoomUnfit,
    SessionConflict,
    TrainerUnavailable,
)
from technohub.scheduling.models import Booking
from technohub.scheduling.planning import EVENING
from technohub.scheduling.tests.factories import at, equipment

pytestmark = pytest.mark.django_db

THURSDAY = dt.date(2027, 1, 14)
Spec = services.SessionSpec


@pytest.fixture
def woerden():
    """The issue's situation: Kennismaking warmtepomptechniek (WP-2027-1) in the Installatielab
    with Richard de Jong on Thu 14 Jan 2027 19:00–21:30; Richard teaches Thursday evenings."""
    hub = HubFactory()
    lab = PlaceFactory(hub=hub, name="Installatielab", room_kind=RoomKind.LAB)
    richard = PersonFactory(first_name="Richard", last_name="de Jong")
    services.availability_set(person=richard, slots={(3, EVENING)}, actor=None)
    course = CourseFactory(hub=hub, title="Kennismaking warmtepomptechniek")
    first = EditionFactory(course=course, code="WP-2027-1", location=lab, trainer=richard)
    services.sessions_schedule(
        edition=first,
        specs=[Spec(starts_at=at(THURSDAY, "19:00"), ends_at=at(THURSDAY, "21:30"))],
        actor=None,
    )
    coordinator = coordinator_user(hub)
    other = EditionFactory(
        course=CourseFactory(hub=hub, title="Warmtepomp installeren"),
        status=Edition.Status.DRAFT,
        location=lab,
        trainer=richard,
    )
    return hub, lab, richard, first, other, coordinator


def evening(day: dt.date) -> Spec:
    return Spec(starts_at=at(day, "19:00"), ends_at=at(day, "21:30"))


def test_the_issues_clash_is_refused_naming_room_edition_and_time_with_free_slots(
    woerden, monkeypatch
):
    # given the issue's edition, and a coordinator planning another edition on top of it
    hub, lab, richard, first, other, coordinator = woerden
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 4, 12, tzinfo=dt.UTC))
    # when
    with translation.override("nl"), pytest.raises(SessionConflict) as refused:
        services.sessions_schedule(edition=other, specs=[evening(THURSDAY)], actor=coordinator)
        # then (inside the Dutch language: the message is rendered when raised)
    error = refused.value
    assert error.code == "session_conflict" and error.field == "starts_at"
    message = str(error.message)
    assert (
        "Installatielab is al geboekt voor Kennismaking warmtepomptechniek (WP-2027-1) "
        "op do 14 jan 2027 19:00–21:30." in message
    )
    assert "Richard de Jong geeft al les in Kennismaking warmtepomptechniek" in message
    assert {c.kind for c in error.clashes} == {"room", "trainer"}
    # the nearest free slots: the same Thursday evening in the weeks around (Richard's evening)
    assert error.free_slots
    assert error.free_slots[0] == (
        at(dt.date(2027, 1, 7), "19:00"),
        at(dt.date(2027, 1, 7), "21:30"),
    )
    assert all(timezone.localtime(s).weekday() == 3 for s, _e in error.free_slots)
    assert "Wel vrij: do 7 jan 2027 19:00–21:30" in message
    # nothing was written
    assert not other.sessions.exists()
    assert Booking.objects.filter(place=lab).count() == 1


def test_slot_check_warns_without_writing(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    clashes = services.slot_check(edition=other, spec=evening(THURSDAY))
    assert [c.kind for c in clashes] == ["room", "trainer"]
    assert clashes[0].other == "Kennismaking warmtepomptechniek (WP-2027-1)"
    assert services.slot_check(edition=other, spec=evening(THURSDAY + dt.timedelta(7))) == []


def test_a_session_is_booked_in_the_same_transaction(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    (session,) = services.sessions_schedule(
        edition=other, specs=[evening(THURSDAY + dt.timedelta(7))], actor=coordinator
    )
    booking = Booking.objects.get(session=session)
    assert booking.place == lab and booking.starts_at == session.starts_at
    other.refresh_from_db()
    assert other.starts_on == THURSDAY + dt.timedelta(7) == other.ends_on
    assert AuditEntry.objects.filter(action="session.scheduled", target_id=str(session.pk))


def test_outside_the_trainers_availability_is_refused_unless_a_coordinator_overrides(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    tuesday = THURSDAY - dt.timedelta(days=2)
    # refused: Richard teaches on Thursday evenings only
    with pytest.raises(TrainerUnavailable) as refused:
        services.sessions_schedule(edition=other, specs=[evening(tuesday)], actor=coordinator)
    assert refused.value.code == "trainer_unavailable" and refused.value.field == "trainer"
    assert "Richard de Jong" in str(refused.value.message)
    # a blank reason is no reason
    with pytest.raises(TrainerUnavailable):
        services.sessions_schedule(
            edition=other, specs=[evening(tuesday)], actor=coordinator, override_reason="  "
        )
    # the trainer themselves, or another hub's coordinator, may not override
    for outsider in (trainer_user(), coordinator_user(HubFactory())):
        with pytest.raises(NotAllowed):
            services.sessions_schedule(
                edition=other,
                specs=[evening(tuesday)],
                actor=outsider,
                override_reason="Richard komt een keer extra",
            )
    assert not other.sessions.exists()
    # the hub's coordinator may, with a reason, and it is audited
    (session,) = services.sessions_schedule(
        edition=other,
        specs=[evening(tuesday)],
        actor=coordinator,
        override_reason="Richard komt een keer extra",
    )
    entry = AuditEntry.objects.get(action="session.availability_overridden")
    assert entry.target_id == str(session.pk) and entry.actor == coordinator
    assert entry.after["reason"] == "Richard komt een keer extra"


def test_a_trainers_exception_is_refused(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    day = THURSDAY + dt.timedelta(7)
    services.exception_add(
        person=richard, starts_on=day, ends_on=day, reason="Vakantie", actor=None
    )
    with pytest.raises(TrainerUnavailable, match="Vakantie"):
        services.sessions_schedule(edition=other, specs=[evening(day)], actor=coordinator)


def test_a_trainer_clash_counts_in_any_hub(woerden):
    # given Richard teaching for another hub at that time, in another room
    hub, lab, richard, first, other, coordinator = woerden
    elsewhere = EditionFactory(trainer=richard)
    day = THURSDAY + dt.timedelta(7)
    services.sessions_schedule(edition=elsewhere, specs=[evening(day)], actor=None)
    with pytest.raises(SessionConflict) as refused:
        services.sessions_schedule(edition=other, specs=[evening(day)], actor=coordinator)
    assert [c.kind for c in refused.value.clashes] == ["trainer"]


def test_equipment_beyond_what_there_is_is_refused(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    welders = equipment(hub, quantity=3)
    day = THURSDAY + dt.timedelta(7)
    services.booking_create(
        actor=None,
        equipment=welders,
        quantity=2,
        starts_at=at(day, "18:00"),
        ends_at=at(day, "20:00"),
    )
    spec = Spec(starts_at=at(day, "19:00"), ends_at=at(day, "21:30"), equipment=((welders, 2),))
    with pytest.raises(SessionConflict) as refused:
        services.sessions_schedule(edition=other, specs=[spec], actor=coordinator)
    (clash,) = refused.value.clashes
    assert clash.kind == "equipment" and clash.free == 1 and clash.total == 3
    # more than exist at all
    spec = Spec(starts_at=at(day, "10:00"), ends_at=at(day, "12:00"), equipment=((welders, 4),))
    with pytest.raises(SessionConflict):
        services.sessions_schedule(edition=other, specs=[spec], actor=coordinator)
    # what is left can be had
    spec = Spec(starts_at=at(day, "19:00"), ends_at=at(day, "21:30"), equipment=((welders, 1),))
    (session,) = services.sessions_schedule(edition=other, specs=[spec], actor=coordinator)
    assert session.bookings.filter(equipment=welders, quantity=1).exists()


def test_an_online_session_needs_no_room_and_books_nothing():
    hub = HubFactory()
    online = PlaceFactory(hub=hub, name="Online", kind=Place.Kind.ONLINE)
    course = CourseFactory(hub=hub, format=Course.Format.ONLINE, room_kind=RoomKind.ONLINE)
    day = THURSDAY
    a = EditionFactory(course=course, location=online)
    b = EditionFactory(course=course, location=None)
    services.sessions_schedule(edition=a, specs=[evening(day)], actor=None)
    services.sessions_schedule(edition=b, specs=[evening(day)], actor=None)
    assert Session.objects.filter(edition__course=course).count() == 2
    assert not Booking.objects.exists()
    # and an online course never goes into a room
    with pytest.raises(RoomUnfit) as refused:
        services.sessions_schedule(
            edition=a,
            specs=[Spec(**evening(day).__dict__ | {"place": PlaceFactory(hub=hub)})],
            actor=None,
        )
    assert refused.value.code == "room_unfit" and refused.value.field == "place"


def test_a_practical_course_fits_only_a_lab():
    hub = HubFactory()
    classroom = PlaceFactory(hub=hub, room_kind=RoomKind.CLASSROOM)
    course = CourseFactory(hub=hub, room_kind=RoomKind.LAB)
    edition = EditionFactory(course=course, location=classroom)
    with pytest.raises(RoomUnfit):
        services.sessions_schedule(edition=edition, specs=[evening(THURSDAY)], actor=None)


def test_a_closed_day_is_refused():
    edition = EditionFactory()
    christmas = dt.date(2026, 12, 25)
    with pytest.raises(ClosedDay) as refused:
        services.sessions_schedule(edition=edition, specs=[evening(christmas)], actor=None)
    assert refused.value.code == "closed_day"


def test_a_move_raises_the_sequence_and_books_again(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    (session,) = first.sessions.all()
    later = THURSDAY + dt.timedelta(7)
    moved = services.session_reschedule(
        session=session, actor=coordinator, starts_at=at(later, "19:00")
    )
    assert moved.sequence == 1 and moved.ends_at == at(later, "21:30")
    (booking,) = Booking.objects.filter(session=session)
    assert booking.starts_at == at(later, "19:00")
    first.refresh_from_db()
    assert first.starts_on == later
    # the old evening is free again: the other edition takes it
    services.sessions_schedule(edition=other, specs=[evening(THURSDAY)], actor=coordinator)
    entry = AuditEntry.objects.get(action="session.rescheduled")
    assert entry.before["starts_at"] != entry.after["starts_at"]


def test_a_move_onto_a_taken_slot_changes_nothing(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    later = THURSDAY + dt.timedelta(7)
    (theirs,) = services.sessions_schedule(edition=other, specs=[evening(later)], actor=None)
    with pytest.raises(SessionConflict):
        services.session_reschedule(
            session=theirs, actor=coordinator, starts_at=at(THURSDAY, "19:00")
        )
    theirs.refresh_from_db()
    assert theirs.starts_at == at(later, "19:00") and theirs.sequence == 0
    assert theirs.bookings.count() == 1


def test_cancel_keeps_the_session_and_releases_its_bookings(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    (session,) = first.sessions.all()
    services.session_cancel(session=session, actor=coordinator, reason="Trainer ziek")
    session = Session.all_objects.get(pk=session.pk)
    assert session.status == Session.Status.CANCELLED and session.sequence == 1
    assert not session.bookings.exists()
    assert not first.sessions.exists()  # a cancelled session is no meeting
    assert not Session.objects.filter(pk=session.pk).exists()
    # room and trainer are free for another edition
    services.sessions_schedule(edition=other, specs=[evening(THURSDAY)], actor=coordinator)
    entry = AuditEntry.objects.get(action="session.cancelled")
    assert entry.after["reason"] == "Trainer ziek"
    with pytest.raises(InvalidBooking):  # a cancelled session is not moved
        services.session_reschedule(
            session=session, actor=coordinator, starts_at=at(THURSDAY, "9:00")
        )


def test_a_series_is_all_or_nothing(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    weeks = [THURSDAY + dt.timedelta(7 * n) for n in (1, 2, 0)]  # the last one clashes
    with pytest.raises(SessionConflict):
        services.sessions_schedule(
            edition=other, specs=[evening(day) for day in weeks], actor=coordinator
        )
    assert not Session.all_objects.filter(edition=other).exists()
    assert Booking.objects.count() == 1


def test_a_series_clashing_with_itself_is_refused(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    day = THURSDAY + dt.timedelta(7)
    with pytest.raises(SessionConflict):
        services.sessions_schedule(
            edition=other, specs=[evening(day), evening(day)], actor=coordinator
        )


def test_a_series_change_may_swap_sessions(woerden):
    # given two sessions of one edition, the second a week later
    hub, lab, richard, first, other, coordinator = woerden
    a, b = services.sessions_schedule(
        edition=other,
        specs=[evening(THURSDAY + dt.timedelta(7)), evening(THURSDAY + dt.timedelta(14))],
        actor=coordinator,
    )
    # when they swap (each onto the other's slot) in one change
    services.sessions_reschedule(
        changes=[
            (a, evening(THURSDAY + dt.timedelta(14))),
            (b, evening(THURSDAY + dt.timedelta(7))),
        ],
        actor=coordinator,
    )
    a.refresh_from_db(), b.refresh_from_db()
    assert a.starts_at > b.starts_at and a.sequence == b.sequence == 1
    assert Booking.objects.filter(place=lab).count() == 3


def test_a_failing_series_change_changes_nothing(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    a, b = services.sessions_schedule(
        edition=other,
        specs=[evening(THURSDAY + dt.timedelta(7)), evening(THURSDAY + dt.timedelta(14))],
        actor=coordinator,
    )
    with pytest.raises(SessionConflict):
        services.sessions_reschedule(
            changes=[(a, evening(THURSDAY + dt.timedelta(21))), (b, evening(THURSDAY))],
            actor=coordinator,
        )
    a.refresh_from_db()
    assert a.starts_at == at(THURSDAY + dt.timedelta(7), "19:00") and a.sequence == 0


def test_only_the_hubs_coordinator_schedules(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    day = THURSDAY + dt.timedelta(7)
    for outsider in (trainer_user(), coordinator_user(HubFactory())):
        with pytest.raises(NotAllowed):
            services.sessions_schedule(edition=other, specs=[evening(day)], actor=outsider)
        with pytest.raises(NotAllowed):
            services.session_cancel(session=first.sessions.get(), actor=outsider)


def test_a_room_of_another_hub_is_refused(woerden):
    hub, lab, richard, first, other, coordinator = woerden
    foreign = PlaceFactory()
    spec = Spec(**evening(THURSDAY + dt.timedelta(7)).__dict__ | {"place": foreign})
    with pytest.raises(NotAllowed):
        services.sessions_schedule(edition=other, specs=[spec], actor=coordinator)
