"""The agenda builder's reasons, in words a coordinator understands (and what to do)."""

from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition, RoomKind
from technohub.scheduling.models import Proposal


def _names(items) -> str:
    items = list(items)
    return ", ".join(items) if items else "–"


def _kind_label(kind: str) -> str:
    return str(RoomKind(kind).label) if kind in RoomKind.values else "–"


def sentence(code: str, data: dict) -> str:
    """One reason: what blocks the edition, and what the coordinator can change."""
    d = {
        "trainers": _names(data.get("trainers", [])),
        "rooms": _names(data.get("rooms", [])),
        "equipment": _names(data.get("equipment", [])),
        "features": _names(data.get("features", [])),
        "seats": data.get("seats", ""),
        "biggest": data.get("biggest", ""),
        "count": data.get("count", ""),
        "need": data.get("need", ""),
        "have": data.get("have", ""),
        "kind": _kind_label(data.get("kind", "")),
    }
    texts = {
        "no_dates": _(
            "The %(count)s sessions do not fit in the term with this rhythm, these weekdays "
            "and the holidays. Make the term longer, allow more weekdays or plan fewer sessions."
        ),
        "no_room": _(
            "No room has %(seats)s seats and everything it needs (%(features)s); the biggest "
            "has %(biggest)s. Lower the seats or add the feature to a room."
        ),
        "no_room_kind": _(
            "No room is of the kind this course needs (%(kind)s). Set the room kind of a room "
            "(Facilities) or change what the course needs."
        ),
        "no_trainer": _(
            "No trainer can teach this course. Tick the course at a trainer (Trainers) or "
            "choose a trainer for the edition."
        ),
        "trainer_unavailable": _(
            "%(trainers)s cannot teach on the days and dayparts this pattern allows (weekly "
            "availability, absences). Allow other dayparts or ask another trainer."
        ),
        "room_busy": _(
            "The rooms that fit (%(rooms)s) are already booked whenever a trainer can teach. "
            "Free a room or allow other days."
        ),
        "equipment_short": _(
            "It needs %(need)s × %(equipment)s and the hub has %(have)s. Borrow more from a "
            "member or lower the number."
        ),
        "equipment_busy": _("%(equipment)s is already booked on every possible date."),
        "trainer_taken": _(
            "%(trainers)s already teaches other editions at every possible time. Ask another "
            "qualified trainer or allow other days."
        ),
        "trainer_week_full": _(
            "%(trainers)s would teach more sessions a week than their maximum. Raise the "
            "maximum or allow another trainer."
        ),
        "room_taken": _(
            "The rooms that fit (%(rooms)s) are taken by other editions of this plan at every "
            "possible time. Allow other days or another room."
        ),
        "equipment_taken": _(
            "%(equipment)s is used by other editions of this plan at every possible time."
        ),
    }
    return texts.get(code, _("No place was found for this edition.")) % d


def describe(proposal: Proposal) -> list[dict]:
    """Per edition that could not be placed: its name and the reasons."""
    ids = {item["edition"] for item in proposal.explanations}
    editions = Edition.objects.select_related("course").in_bulk(ids)
    result: dict[int, dict] = {}
    for item in proposal.explanations:
        edition = editions.get(item["edition"])
        if edition is None:
            continue
        entry = result.setdefault(edition.pk, {"edition": edition, "reasons": []})
        entry["reasons"].append(sentence(item["code"], item["data"]))
    return list(result.values())
