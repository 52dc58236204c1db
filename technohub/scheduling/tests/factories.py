import datetime as dt
from zoneinfo import ZoneInfo

from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, PlaceFactory
from technohub.hubs.models import Membership
from technohub.hubs.tests.factories import MembershipFactory, OrganisationFactory
from technohub.scheduling import services
from technohub.scheduling.models import Equipment, PlanningRequest
from technohub.scheduling.planning import EVENING

LOCAL = ZoneInfo("Europe/Amsterdam")


def at(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=LOCAL)


def next_monday(weeks: int = 1) -> dt.date:
    today = dt.date.today()
    return today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=weeks)


def member_company(hub):
    company = OrganisationFactory()
    MembershipFactory(hub=hub, organisation=company, status=Membership.Status.MEMBER)
    return company


def equipment(hub, **fields) -> Equipment:
    fields = {"name": "Lasapparaat", "quantity": 3, "bookable_by_members": True, **fields}
    return Equipment.objects.create(hub=hub, **fields)


def waiting_edition(hub, *, trainer, count=3, course=None, place=None, **pattern):
    """A draft edition without sessions, with a weekly evening pattern, taught by `trainer`."""
    course = course or CourseFactory(hub=hub)
    edition = EditionFactory(
        course=course,
        status="draft",
        trainer=trainer,
        capacity=8,
        location=place or PlaceFactory(hub=hub),
    )
    services.availability_set(person=trainer, slots={(1, EVENING), (3, EVENING)}, actor=None)
    fields = {
        "session_count": count,
        "rhythm": PlanningRequest.Rhythm.WEEKLY,
        "session_minutes": 150,
        "time_of_day": PlanningRequest.Time.EVENING,
    }
    services.planning_request_save(edition=edition, actor=None, **{**fields, **pattern})
    return edition


def on_roster(hub, person, *, courses=(), most=None, active=True):
    """Put `person` on the hub's roster (as the system would), teaching `courses` here."""
    from technohub.scheduling.models import HubTrainer

    row, _created = HubTrainer.objects.get_or_create(hub=hub, person=person)
    return services.hub_trainer_update(
        row=row,
        actor=None,
        active=active,
        max_sessions_per_week=most,
        courses=courses,
        note="",
    )
