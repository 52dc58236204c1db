"""The one path for every session: schedule, reschedule and cancel (docs/sessions.md).

Manual planning, topic → edition, the agenda builder's acceptance, the demo and the API all
come here. In one transaction the service

1. resolves each session's room and trainer (None: the edition's location / trainer),
2. takes its locks in a fixed order — the changed Session rows, then Place rows, then
   Equipment rows, then the trainers' Person rows, each sorted by pk (`select_for_update`; on
   SQLite the transaction is IMMEDIATE already) — so two coordinators planning at once queue
   instead of deadlocking (a caller may hold its Proposal and Edition rows before that),
3. checks: the room fits the course (`fit.room_fits`), the day is open (`calendar`), the
   room, the trainer and the equipment are free (other scheduled sessions, bookings), the
   trainer is available (weekly pattern, exceptions; a coordinator may override with a
   reason),
4. writes the sessions and their bookings (an online session books nothing), raises the
   iCalendar SEQUENCE of changed sessions, audits, and mails the people concerned after
   commit (only for a published or running edition).

All or nothing: one refused session refuses the whole call. The PostgreSQL exclusion
constraint on room bookings stays the last line of defence (IntegrityError → SessionConflict).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition, Place, Session
from technohub.catalogue.services import _sync_dates
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Person, User
from technohub.scheduling.errors import (
    ClosedDay,
    InvalidBooking,
    RoomUnfit,
    SessionConflict,
    TrainerUnavailable,
)
from technohub.scheduling.fit import is_online, place_allowed
from technohub.scheduling.models import (
    AvailabilityException,
    Booking,
    Equipment,
    WeeklyAvailability,
)
from technohub.scheduling.services._common import _ensure_coordinator


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()  # "leave as it is" for session_reschedule's place and trainer

# Editions whose sessions still take place (and so hold rooms and trainers).
LIVE_EDITIONS = (Edition.Status.DRAFT, Edition.Status.PUBLISHED, Edition.Status.RUNNING)
# Editions whose people hear of a change.
NOTIFIED_EDITIONS = (Edition.Status.PUBLISHED, Edition.Status.RUNNING)


@dataclass(frozen=True)
class SessionSpec:
    """One session to schedule: its times, and its own room and trainer (None: the edition's
    location / trainer); equipment as (item, quantity) pairs."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    place: Place | None = None
    trainer: Person | None = None
    topic: str = ""
    equipment: tuple[tuple[Equipment, int], ...] = ()


@dataclass(frozen=True)
class Clash:
    """What a session would clash with."""

    kind: str  # "room", "trainer" or "equipment"
    resource: str  # the room's, trainer's or equipment's name
    other: str  # the other edition's "title (code)", or the booking's purpose
    starts_at: dt.datetime
    ends_at: dt.datetime
    free: int | None = None  # equipment: units left at the busiest moment
    total: int | None = None  # equipment: units there are

    @property
    def message(self) -> str:
        values = {"resource": self.resource, "other": self.other, "when": when(self)}
        if self.kind == "trainer":
            return _("%(resource)s already teaches %(other)s on %(when)s.") % values
        if self.kind == "equipment":
            return _(
                "Only %(free)s of %(total)s %(resource)s are free on %(when)s (%(other)s)."
            ) % {**values, "free": self.free, "total": self.total}
        return _("%(resource)s is already booked for %(other)s on %(when)s.") % values


def when(item, *, ends_at: dt.datetime | None = None) -> str:
    """ "do 14 jan 2027 19:00–21:30" (local time, the active language)."""
    if isinstance(item, tuple):
        starts_at, ends_at = item
    elif ends_at is None:
        starts_at, ends_at = item.starts_at, item.ends_at
    else:
        starts_at = item
    start, end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    text = f"{formats.date_format(start, 'D j b Y')} {start:%H:%M}–"
    if end.date() != start.date():
        text += f"{formats.date_format(end, 'D j b Y')} "
    return text + f"{end:%H:%M}"


def conflict_message(clashes: list[Clash], free_slots: list[tuple]) -> str:
    text = " ".join(c.message for c in clashes[:3])
    if free_slots:
        text += " " + _("Free at: %(slots)s.") % {"slots": "; ".join(when(s) for s in free_slots)}
    return text


# --- resolving and checking ------------------------------------------------------------------


@dataclass
class _Item:
    """A session as it is to be: resolved room and trainer, the session it changes (if any)."""

    edition: Edition
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: Place | None
    trainer: Person | None  # who teaches (the session's own or the edition's)
    own_trainer: Person | None  # what the session stores (None: the edition's)
    topic: str = ""
    equipment: tuple[tuple[Equipment, int], ...] = ()
    session: Session | None = None

    @property
    def room(self) -> Place | None:
        """The room to book (an online place or no place books nothing)."""
        return None if self.place is None or is_online(self.place) else self.place


def _resolve(edition: Edition, spec: SessionSpec, session: Session | None = None) -> _Item:
    place = spec.place if spec.place is not None else edition.location
    trainer = spec.trainer if spec.trainer is not None else edition.trainer
    own = spec.trainer if spec.trainer is not None and spec.trainer != edition.trainer else None
    return _Item(
        edition=edition,
        starts_at=spec.starts_at,
        ends_at=spec.ends_at,
        place=place,
        trainer=trainer,
        own_trainer=own,
        topic=spec.topic,
        equipment=tuple((e, q) for e, q in spec.equipment if q > 0),
        session=session,
    )


def _check_shape(item: _Item) -> None:
    """What is wrong with the session on its own: times, the room's hub and fit, a closed day."""
    edition = item.edition
    if timezone.is_naive(item.starts_at) or timezone.is_naive(item.ends_at):
        raise InvalidBooking(_("Give a date and a time."), field="starts_at")
    if item.ends_at <= item.starts_at:
        raise InvalidBooking(_("The end must be after the start."), field="ends_at")
    if item.ends_at - item.starts_at > dt.timedelta(hours=24):
        raise InvalidBooking(_("A session lasts at most a day."), field="ends_at")
    if item.place is not None and item.place.hub_id != edition.hub_id:
        raise NotAllowed()
    if not place_allowed(course=edition.course, place=item.place):
        raise RoomUnfit(
            _("%(room)s does not suit %(course)s (it needs: %(need)s).")
            % {
                "room": item.place.name,
                "course": edition.course.title,
                "need": edition.course.get_room_kind_display() or _("a room"),
            }
        )
    for item_equipment, quantity in item.equipment:
        if item_equipment.hub_id != edition.hub_id:
            raise NotAllowed()
        if quantity > item_equipment.quantity:
            raise SessionConflict(
                clashes=[
                    Clash(
                        kind="equipment",
                        resource=item_equipment.name,
                        other=_("there are not more"),
                        starts_at=item.starts_at,
                        ends_at=item.ends_at,
                        free=item_equipment.quantity,
                        total=item_equipment.quantity,
                    )
                ],
                field=None,
            )
    closed = _closed(item)
    if closed:
        day, name = next(iter(closed.items()))
        raise ClosedDay(
            _("The hub is closed on %(day)s (%(name)s).")
            % {"day": formats.date_format(day, "D j b Y"), "name": name}
        )


def _closed(item: _Item) -> dict[dt.date, str]:
    try:
        from technohub.scheduling import calendar
    except ImportError:  # pragma: no cover - the calendar of closed days is optional
        return {}
    course = item.edition.course
    start = timezone.localtime(item.starts_at).date()
    end = timezone.localtime(item.ends_at - dt.timedelta(microseconds=1)).date()
    return calendar.closed_days(
        hub=item.edition.hub,
        start=start,
        end=end,
        school_region=calendar.school_region_for(course=course),
    )


def _label(edition: Edition) -> str:
    return f"{edition.course.title} ({edition.code})" if edition.code else edition.course.title


def _booking_label(booking: Booking) -> str:
    if booking.session_id is not None:
        return _label(booking.session.edition)
    if booking.purpose:
        return booking.purpose
    if booking.organisation_id is not None:
        return booking.organisation.name
    return _("a booking")


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def _peak(intervals: list[tuple[dt.datetime, dt.datetime, int]], lo, hi) -> int:
    """The most units in use at one moment within [lo, hi)."""
    events = []
    for start, end, quantity in intervals:
        if _overlaps(start, end, lo, hi):
            events += [(max(start, lo), quantity), (min(end, hi), -quantity)]
    peak = level = 0
    for _moment, change in sorted(events, key=lambda e: (e[0], e[1])):
        level += change
        peak = max(peak, level)
    return peak


def _scheduled_sessions():
    return Session.objects.filter(
        status=Session.Status.SCHEDULED, edition__status__in=LIVE_EDITIONS
    ).select_related("edition__course", "place", "trainer", "edition__trainer")


def _clashes(item: _Item, ignore: set[int], batch: list[_Item]) -> list[Clash]:
    """Room, trainer and equipment clashes of `item` with the database (leaving out the
    sessions in `ignore`, which this call changes) and with the items before it in `batch`."""
    found: list[Clash] = []
    lo, hi = item.starts_at, item.ends_at
    room = item.room
    if room is not None:
        bookings = (
            Booking.objects.filter(place=room, starts_at__lt=hi, ends_at__gt=lo)
            .exclude(session_id__in=ignore)
            .select_related("session__edition__course", "organisation")
            .order_by("starts_at")
        )
        for booking in bookings:
            found.append(
                Clash(
                    "room", room.name, _booking_label(booking), booking.starts_at, booking.ends_at
                )
            )
        unbooked = (
            _scheduled_sessions()
            .filter(place=room, starts_at__lt=hi, ends_at__gt=lo, bookings__isnull=True)
            .exclude(pk__in=ignore)
        )
        for other in unbooked:
            found.append(
                Clash("room", room.name, _label(other.edition), other.starts_at, other.ends_at)
            )
        for other in batch:
            if other.room == room and _overlaps(lo, hi, other.starts_at, other.ends_at):
                found.append(
                    Clash("room", room.name, _label(other.edition), other.starts_at, other.ends_at)
                )
    trainer = item.trainer
    if trainer is not None:
        teaching = (
            _scheduled_sessions()
            .filter(starts_at__lt=hi, ends_at__gt=lo)
            .filter(Q(trainer=trainer) | Q(trainer__isnull=True, edition__trainer=trainer))
            .exclude(pk__in=ignore)
        )
        for other in teaching:
            found.append(
                Clash(
                    "trainer",
                    trainer.full_name,
                    _label(other.edition),
                    other.starts_at,
                    other.ends_at,
                )
            )
        for other in batch:
            if other.trainer == trainer and _overlaps(lo, hi, other.starts_at, other.ends_at):
                found.append(
                    Clash(
                        "trainer",
                        trainer.full_name,
                        _label(other.edition),
                        other.starts_at,
                        other.ends_at,
                    )
                )
    for equipment, quantity in item.equipment:
        bookings = list(
            Booking.objects.filter(equipment=equipment, starts_at__lt=hi, ends_at__gt=lo)
            .exclude(session_id__in=ignore)
            .select_related("session__edition__course", "organisation")
        )
        intervals = [(b.starts_at, b.ends_at, b.quantity) for b in bookings]
        intervals += [
            (other.starts_at, other.ends_at, q)
            for other in batch
            for e, q in other.equipment
            if e == equipment
        ]
        used = _peak(intervals, lo, hi)
        if used + quantity > equipment.quantity:
            others = ", ".join(sorted({_booking_label(b) for b in bookings})) or _label(
                item.edition
            )
            found.append(
                Clash(
                    "equipment",
                    equipment.name,
                    others,
                    lo,
                    hi,
                    free=max(0, equipment.quantity - used),
                    total=equipment.quantity,
                )
            )
    return found


def _unavailable(item: _Item) -> str | None:
    """Why the trainer cannot teach then, or None. A trainer who has not stated a weekly
    pattern is not checked against one (only against their exceptions)."""
    from technohub.scheduling.problem import slots_of

    trainer = item.trainer
    if trainer is None:
        return None
    start = timezone.localtime(item.starts_at).date()
    end = timezone.localtime(item.ends_at).date()
    exception = AvailabilityException.objects.filter(
        person=trainer, starts_on__lte=end, ends_on__gte=start
    ).first()
    if exception is not None:
        return _("%(name)s is not available from %(start)s to %(end)s%(reason)s.") % {
            "name": trainer.full_name,
            "start": formats.date_format(exception.starts_on, "j b Y"),
            "end": formats.date_format(exception.ends_on, "j b Y"),
            "reason": f" ({exception.reason})" if exception.reason else "",
        }
    weekly = set(
        WeeklyAvailability.objects.filter(person=trainer).values_list("weekday", "daypart")
    )
    if not weekly:
        return None
    missing = [(day, part) for day, part in slots_of(item.starts_at, item.ends_at)]
    if all((day.weekday(), part) in weekly for day, part in missing):
        return None
    return _("%(name)s is not available on %(when)s (outside their weekly availability).") % {
        "name": trainer.full_name,
        "when": when(item),
    }


def _may_override(actor: User | None, edition: Edition, reason: str) -> bool:
    if not reason.strip():
        return False
    # actor None: the system (a management command) with the operator's rights
    return actor is None or access.is_coordinator(actor, edition.hub_id)


def _lock(items: list[_Item]) -> None:
    """Places, then equipment, then trainers; each sorted by pk (docs/sessions.md)."""
    places = sorted({i.room.pk for i in items if i.room is not None})
    equipment = sorted({e.pk for i in items for e, _q in i.equipment})
    people = sorted({i.trainer.pk for i in items if i.trainer is not None})
    if places:
        list(Place.objects.select_for_update().filter(pk__in=places).order_by("pk"))
    if equipment:
        list(Equipment.objects.select_for_update().filter(pk__in=equipment).order_by("pk"))
    if people:
        list(Person.objects.select_for_update().filter(pk__in=people).order_by("pk"))


def _check_all(
    items: list[_Item], *, actor: User | None, override_reason: str
) -> list[tuple[_Item, str]]:
    """Every check of every item; raises the first refusal. Returns the overridden ones."""
    for item in items:
        _check_shape(item)
    ignore = {i.session.pk for i in items if i.session is not None}
    for n, item in enumerate(items):
        clashes = _clashes(item, ignore, items[:n])
        if clashes:
            spec = SessionSpec(
                starts_at=item.starts_at,
                ends_at=item.ends_at,
                place=item.place,
                trainer=item.trainer,
                equipment=item.equipment,
            )
            slots = free_slots(edition=item.edition, spec=spec, ignore=item.session)
            raise SessionConflict(clashes=clashes, free_slots=slots)
    overridden = []
    for item in items:
        why = _unavailable(item)
        if why is None:
            continue
        if not _may_override(actor, item.edition, override_reason):
            raise TrainerUnavailable(why)
        overridden.append((item, why))
    return overridden


def _book(session: Session, item: _Item, actor: User | None) -> None:
    booked_by = actor if actor is not None and actor.is_authenticated else None
    purpose = _label(item.edition)[:200]
    rows = []
    if item.room is not None:
        rows.append(Booking(place=item.room, quantity=1))
    rows += [Booking(equipment=e, quantity=q) for e, q in item.equipment]
    for row in rows:
        row.starts_at, row.ends_at = session.starts_at, session.ends_at
        row.session, row.purpose, row.booked_by = session, purpose, booked_by
    try:
        with transaction.atomic():
            Booking.objects.bulk_create(rows)
    except IntegrityError as exc:  # PostgreSQL's exclusion constraint, the last guard
        raise SessionConflict(
            clashes=[
                Clash(
                    "room",
                    item.room.name if item.room else "",
                    _("another booking"),
                    session.starts_at,
                    session.ends_at,
                )
            ]
        ) from exc


def _equipment_of(session: Session) -> tuple[tuple[Equipment, int], ...]:
    return tuple(
        (b.equipment, b.quantity)
        for b in session.bookings.filter(equipment__isnull=False).select_related("equipment")
    )


def _snapshot(session: Session) -> dict:
    return {
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
        "place": session.place_id,
        "trainer": session.trainer_id,
        "status": session.status,
        "sequence": session.sequence,
    }


def _audit_override(item: _Item, session: Session, why: str, reason: str, actor) -> None:
    log_action(
        "session.availability_overridden",
        actor=actor,
        target=session,
        after={
            "trainer": item.trainer.pk if item.trainer else None,
            "why": why,
            "reason": reason.strip(),
        },
    )


def _notify(sessions: list[Session], kind: str, former_trainers: dict | None = None) -> None:
    """After commit: mail the people concerned (published or running editions only)."""
    ids = [s.pk for s in sessions if s.edition.status in NOTIFIED_EDITIONS]
    if not ids:
        return
    from technohub.scheduling import notifications

    former = dict(former_trainers or {})
    transaction.on_commit(
        lambda: notifications.send_session_changes(
            session_ids=ids, kind=kind, former_trainers=former
        )
    )


def _load_edition(edition: Edition) -> Edition:
    return Edition.objects.select_related("course", "hub", "location", "trainer").get(pk=edition.pk)


# --- the service -----------------------------------------------------------------------------


@transaction.atomic
def sessions_schedule(
    *,
    edition: Edition,
    specs: list[SessionSpec],
    actor: User | None,
    override_reason: str = "",
) -> list[Session]:
    """Add sessions to an edition: all or nothing. Books each room and the equipment, checks
    the trainer; the edition's first and last day follow."""
    _ensure_coordinator(actor, edition.hub_id)
    edition = _load_edition(edition)
    items = sorted((_resolve(edition, s) for s in specs), key=lambda i: i.starts_at)
    _lock(items)
    overridden = dict(
        (id(i), why) for i, why in _check_all(items, actor=actor, override_reason=override_reason)
    )
    sessions = []
    for item in items:
        session = Session(
            edition=edition,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            place=item.place,
            trainer=item.own_trainer,
            topic=item.topic,
        )
        session.full_clean(exclude=["edition"])
        session.save()
        _book(session, item, actor)
        log_action("session.scheduled", actor=actor, target=session, after=_snapshot(session))
        if id(item) in overridden:
            _audit_override(item, session, overridden[id(item)], override_reason, actor)
        sessions.append(session)
    _sync_dates(edition)
    _notify(sessions, "scheduled")
    return sessions


@transaction.atomic
def sessions_reschedule(
    *,
    changes: list[tuple[Session, SessionSpec]],
    actor: User | None,
    override_reason: str = "",
    notify: bool = True,
) -> list[Session]:
    """Move sessions or change their room or trainer, as one change (all or nothing): each is
    re-booked and its SEQUENCE raised; one mail per person lists every changed session."""
    if not changes:
        return []
    for session, _spec in changes:
        _ensure_coordinator(actor, session.edition.hub_id)
    if len({session.pk for session, _spec in changes}) != len(changes):
        raise InvalidBooking(_("Each session can change only once at a time."))
    # the sessions first (pk order), then the resources in `_lock`
    locked = Session.all_objects.select_for_update().filter(pk__in=[s.pk for s, _x in changes])
    locked = {s.pk: s for s in locked.order_by("pk")}
    editions: dict[int, Edition] = {}
    items: list[_Item] = []
    for session, spec in changes:
        session = locked[session.pk]
        if session.status == Session.Status.CANCELLED:
            raise InvalidBooking(_("A cancelled session cannot be moved."))
        edition = editions.get(session.edition_id) or _load_edition(session.edition)
        editions[edition.pk] = edition
        session.edition = edition
        if not spec.equipment:
            spec = SessionSpec(
                starts_at=spec.starts_at,
                ends_at=spec.ends_at,
                place=spec.place,
                trainer=spec.trainer,
                topic=spec.topic or session.topic,
                equipment=_equipment_of(session),
            )
        items.append(_resolve(edition, spec, session))
    _lock(items)
    overridden = dict(
        (id(i), why) for i, why in _check_all(items, actor=actor, override_reason=override_reason)
    )
    changed, former = [], {}
    # release every changed session's bookings before re-booking any: a series moved onto
    # itself (one week later) would otherwise meet its own old bookings (PostgreSQL exclusion)
    Booking.objects.filter(session__in=[i.session for i in items]).delete()
    for item in items:
        session = item.session
        before = _snapshot(session)
        was = session.trainer_id or item.edition.trainer_id
        if was and was != (item.trainer.pk if item.trainer else None):
            former[session.pk] = was
        session.bookings.all().delete()
        session.starts_at, session.ends_at = item.starts_at, item.ends_at
        session.place, session.trainer, session.topic = item.place, item.own_trainer, item.topic
        session.sequence += 1
        session.full_clean(exclude=["edition"])
        session.save()
        _book(session, item, actor)
        log_action(
            "session.rescheduled",
            actor=actor,
            target=session,
            before=before,
            after=_snapshot(session),
        )
        if id(item) in overridden:
            _audit_override(item, session, overridden[id(item)], override_reason, actor)
        changed.append(session)
    for edition in editions.values():
        _sync_dates(edition)
    if notify:
        _notify(changed, "rescheduled", former)
    return changed


@transaction.atomic
def session_reschedule(
    *,
    session: Session,
    actor: User | None,
    starts_at: dt.datetime | None = None,
    ends_at: dt.datetime | None = None,
    place=UNSET,
    trainer=UNSET,
    override_reason: str = "",
    notify: bool = True,
) -> Session:
    """Move one session (keeping its length when only the start is given) or change its room
    or trainer (None: the edition's). Re-books, raises SEQUENCE, mails if published/running."""
    current = Session.all_objects.select_related("edition").get(pk=session.pk)
    if starts_at is not None and ends_at is None:
        ends_at = starts_at + (current.ends_at - current.starts_at)
    spec = SessionSpec(
        starts_at=starts_at or current.starts_at,
        ends_at=ends_at or current.ends_at,
        place=current.place if place is UNSET else place,
        trainer=current.trainer if trainer is UNSET else trainer,
        topic=current.topic,
    )
    (moved,) = sessions_reschedule(
        changes=[(current, spec)], actor=actor, override_reason=override_reason, notify=notify
    )
    return moved


@transaction.atomic
def session_cancel(
    *, session: Session, actor: User | None, reason: str = "", notify: bool = True
) -> Session:
    """Cancel one session: it stays (status CANCELLED) so that calendars show it cancelled;
    its bookings are released and its SEQUENCE raised."""
    _ensure_coordinator(actor, session.edition.hub_id)
    session = Session.all_objects.select_for_update().get(pk=session.pk)
    if session.status == Session.Status.CANCELLED:
        return session
    edition = _load_edition(session.edition)
    session.edition = edition
    before = _snapshot(session)
    session.bookings.all().delete()
    session.status = Session.Status.CANCELLED
    session.sequence += 1
    session.save()
    log_action(
        "session.cancelled",
        actor=actor,
        target=session,
        before=before,
        after={**_snapshot(session), "reason": reason.strip()},
    )
    _sync_dates(edition)
    if notify:
        _notify([session], "cancelled")
    return session


def slot_check(
    *, edition: Edition, spec: SessionSpec, ignore: Session | None = None
) -> list[Clash]:
    """What the session would clash with (read-only, no locks): for forms that warn first."""
    edition = _load_edition(edition)
    item = _resolve(edition, spec, ignore)
    return _clashes(item, {ignore.pk} if ignore is not None else set(), [])


def _is_free(item: _Item, ignore: set[int]) -> bool:
    try:
        _check_shape(item)
    except (ClosedDay, InvalidBooking, RoomUnfit, SessionConflict):
        return False
    return not _clashes(item, ignore, []) and _unavailable(item) is None


def free_slots(
    *,
    edition: Edition,
    spec: SessionSpec,
    count: int = 3,
    ignore: Session | None = None,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The nearest free slots of the same length and time of day: the same weekday in the
    weeks around first (later before earlier), then nearby days; never in the past, never on a
    closed day, never on a weekend unless the session is on one."""
    edition = _load_edition(edition)
    skip = {ignore.pk} if ignore is not None else set()
    now = timezone.now()
    weekend = timezone.localtime(spec.starts_at).weekday() >= 5
    offsets = [d for k in range(1, 9) for d in (7 * k, -7 * k)]
    offsets += sorted((d for d in range(-13, 14) if d and d % 7), key=lambda d: (abs(d), d < 0))
    found: list[tuple[dt.datetime, dt.datetime]] = []
    for days in offsets:
        starts_at = _shift(spec.starts_at, days)
        ends_at = _shift(spec.ends_at, days)
        if starts_at < now:
            continue
        if not weekend and timezone.localtime(starts_at).weekday() >= 5:
            continue
        moved = SessionSpec(
            starts_at=starts_at,
            ends_at=ends_at,
            place=spec.place,
            trainer=spec.trainer,
            equipment=spec.equipment,
        )
        if _is_free(_resolve(edition, moved), skip):
            found.append((starts_at, ends_at))
            if len(found) >= count:
                break
    return sorted(found)


def _shift(moment: dt.datetime, days: int) -> dt.datetime:
    """The same local wall-clock time `days` later (across daylight-saving changes)."""
    naive = timezone.localtime(moment).replace(tzinfo=None) + dt.timedelta(days=days)
    return timezone.make_aware(naive)
