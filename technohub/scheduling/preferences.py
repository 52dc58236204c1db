"""Preferred times for the agenda builder, from the demand app's training needs.

A need asks for a course (`Need.course`) or sits in a topic that became a course or an edition
(`Topic.course`, `Topic.edition`). Its daytime/evening choice and its preferred weekdays count
for every edition of that course, weighted by the number of people it is for. The
coordinator's own addition on the session pattern (e.g. learners' wishes heard at the desk)
counts on top. See docs/agenda-builder.md, "Preferences".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from technohub.catalogue.models import Edition
from technohub.demand.models import Need
from technohub.demand.selectors import needs_of_hub
from technohub.hubs.models import Hub
from technohub.scheduling.models import Daypart, Weekday
from technohub.scheduling.planning import AFTERNOON, EVENING, MORNING

NEED_PARTS = {
    Need.Daypart.DAYTIME: (MORNING, AFTERNOON),
    Need.Daypart.EVENING: (EVENING,),
    Need.Daypart.EITHER: (),
}


@dataclass(frozen=True)
class Wish:
    """One open training need that speaks for an edition, and how it is linked to it."""

    need: Need
    topic: str | None  # the topic's name when linked through a topic; None: asks for the course

    @property
    def days(self) -> list[str]:
        return [str(Weekday(int(day)).label) for day in sorted(self.need.weekdays)]


@dataclass
class Preferences:
    wishes: list[Wish] = field(default_factory=list)
    part_votes: Counter = field(default_factory=Counter)  # daypart → people
    day_votes: Counter = field(default_factory=Counter)  # weekday → people

    def add(self, wish: Wish) -> None:
        self.wishes.append(wish)
        people = wish.need.people
        for part in NEED_PARTS[wish.need.daypart]:
            self.part_votes[part] += people
        for day in wish.need.weekdays:
            self.day_votes[int(day)] += people

    @property
    def people(self) -> int:
        return sum(w.need.people for w in self.wishes)

    def summary(self) -> list[tuple[str, int]]:
        """The votes in words, most people first: [("Evening", 9), ("Tuesday", 9), …]."""
        rows = [(str(Daypart(part).label), n) for part, n in self.part_votes.items()]
        rows += [(str(Weekday(day).label), n) for day, n in self.day_votes.items()]
        return sorted(rows, key=lambda row: -row[1])


def _link(need: Need, edition: Edition) -> Wish | None:
    if need.course_id == edition.course_id:
        return Wish(need, None)
    topic = need.topic
    if topic is None:
        return None
    if topic.edition_id == edition.pk or topic.course_id == edition.course_id:
        return Wish(need, topic.label)
    return None


def from_needs(*, hub: Hub, editions: Iterable[Edition]) -> dict[int, Preferences]:
    """Per edition id: the open needs of the hub that ask for its course, and their votes."""
    editions = list(editions)
    result = {edition.pk: Preferences() for edition in editions}
    if not editions:
        return result
    courses = {edition.course_id for edition in editions}
    needs = (
        needs_of_hub(hub=hub)
        .filter(status=Need.Status.OPEN)
        .filter(
            Q(course_id__in=courses)
            | Q(topic__course_id__in=courses)
            | Q(topic__edition__in=editions)
        )
        .order_by("organisation__name", "id")
    )
    for need in needs:
        for edition in editions:
            wish = _link(need, edition)
            if wish is not None:
                result[edition.pk].add(wish)
    return result


def votes(request, preferences: Preferences | None) -> tuple[dict[int, int], dict[int, int]]:
    """A planning request's (daypart votes, weekday votes): its needs' (unless the coordinator
    switched them off) plus the coordinator's own preferred daypart and number of people."""
    parts: Counter = Counter()
    days: Counter = Counter()
    if preferences is not None and request.use_needs:
        parts.update(preferences.part_votes)
        days.update(preferences.day_votes)
    if request.preferred_daypart is not None:
        parts[request.preferred_daypart] += request.preference_weight
    return dict(parts), dict(days)
