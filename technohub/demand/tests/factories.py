"""Given-state for the demand tests: a hub with member companies and their needs."""

import datetime as dt

from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.demand import services
from technohub.demand.models import Need, Topic
from technohub.hubs.models import Hub, Organisation, User
from technohub.hubs.tests.factories import MembershipFactory, OrganisationFactory


def member_company(hub: Hub, **fields) -> Organisation:
    company = OrganisationFactory(**fields)
    MembershipFactory(hub=hub, organisation=company)
    return company


def need(hub: Hub, organisation: Organisation, text: str = "warmtepomp installeren", **fields):
    """A need stated through the service (grouped at once), as the company's API token would."""
    fields.setdefault("people", 3)
    fields.setdefault("confidentiality", Need.Confidentiality.ANONYMOUS)
    return services.need_create(hub=hub, organisation=organisation, actor=None, text=text, **fields)


def planned_edition(topic: Topic, coordinator: User, *, capacity: int = 10) -> Edition:
    """A draft edition of a new course from the topic: three weekly evenings a month ahead."""
    start = timezone.localdate() + dt.timedelta(days=30)
    slots = [
        (
            dt.datetime.combine(start + dt.timedelta(weeks=n), dt.time(19), tzinfo=dt.UTC),
            dt.datetime.combine(start + dt.timedelta(weeks=n), dt.time(21), tzinfo=dt.UTC),
        )
        for n in range(3)
    ]
    return services.topic_edition_create(
        topic=topic,
        actor=coordinator,
        course=None,
        course_fields={
            "title": "Warmtepomptechniek", "summary": "Samen leren", "level": "mbo3",
            "format": "practical", "delivery_model": "joint_purchase", "study_hours": 8,
        },
        edition_fields={"code": "WP-1", "capacity": capacity, "min_participants": 6,
                        "location": None},
        slots=slots,
    )  # fmt: skip
