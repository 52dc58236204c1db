"""Which rooms a course fits in: the one place of that rule (see docs/sessions.md).

The agenda builder (`problem.py`), the back-office forms and the session service
(`services/sessions.py`) all ask `room_fits`; none of them repeats the rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from technohub.catalogue.models import Course, Place, RoomKind

# What a course's room need accepts, by the room's own kind ("" is a general room).
_ACCEPTS: dict[str, frozenset[str]] = {
    RoomKind.LAB: frozenset({RoomKind.LAB}),
    RoomKind.CLASSROOM: frozenset({RoomKind.CLASSROOM, "", RoomKind.LAB}),
    "": frozenset({RoomKind.CLASSROOM, "", RoomKind.LAB}),
}


def is_online(place: Place | None) -> bool:
    return place is not None and place.kind == Place.Kind.ONLINE


def room_fits(*, course: Course, place: Place | None, features: Iterable = ()) -> bool:
    """Whether sessions of `course` may take place in `place` (None: no room).

    - an online course: no room, or an online place;
    - a practical course (lab): a lab;
    - a classroom course: a classroom, a general room or a lab;
    - a course without a stated need: any room that is not online.
    `features` (e.g. a planning request's room needs) must all be on the room.
    """
    need = course.room_kind or ""
    if need == RoomKind.ONLINE:
        return place is None or is_online(place)
    if place is None or is_online(place):
        return False
    if (place.room_kind or "") not in _ACCEPTS.get(need, _ACCEPTS[""]):
        return False
    return _has_features(place, features)


def place_allowed(*, course: Course, place: Place | None) -> bool:
    """Whether a coordinator may plan a session of `course` at `place` by hand.

    As `room_fits`, except that a course without a stated room need may also meet online (a
    blended course alternates online evenings and room evenings); no place is always allowed
    (the room is decided later, nothing is booked).
    """
    if place is None:
        return True
    if is_online(place) and not course.room_kind:
        return True
    return room_fits(course=course, place=place)


def _has_features(place: Place, features: Iterable) -> bool:
    wanted = {getattr(f, "pk", f) for f in features}
    if not wanted:
        return True
    have = set(place.features.values_list("pk", flat=True)) if place.pk else set()
    return wanted <= have
