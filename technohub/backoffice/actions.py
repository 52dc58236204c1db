"""Back-office steps that call several domain services in one transaction (all or nothing).

No rules live here: every check and write is the domain services' own.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from technohub.catalogue import services as catalogue_services
from technohub.catalogue.models import Course, Edition
from technohub.hubs import services as hub_services
from technohub.hubs.models import Hub, Organisation, Person, Role, User


@transaction.atomic
def edition_with_sessions_create(
    *,
    course: Course,
    actor: User,
    slots: list[tuple[dt.datetime, dt.datetime]],
    override_reason: str = "",
    **fields,
) -> Edition:
    """Create an edition and its sessions through the scheduling service (rooms booked, the
    trainer checked; docs/sessions.md); the edition's first/last day follow the sessions."""
    from technohub.scheduling import services as scheduling_services

    first_day = timezone.localtime(slots[0][0]).date()
    last_day = timezone.localtime(slots[-1][0]).date()
    edition = catalogue_services.edition_create(
        course=course, actor=actor, starts_on=first_day, ends_on=last_day, **fields
    )
    scheduling_services.sessions_schedule(
        edition=edition,
        specs=[scheduling_services.SessionSpec(starts_at=s, ends_at=e) for s, e in slots],
        actor=actor,
        override_reason=override_reason,
    )
    return edition


@transaction.atomic
def edition_to_plan_create(
    *,
    course: Course,
    actor: User,
    pattern: dict,
    features=(),
    **fields,
) -> Edition:
    """An edition for the agenda builder: a draft without sessions, with its planning request
    (the session pattern). `fields` carry starts_on/ends_on: the earliest and latest day."""
    from technohub.scheduling import services as scheduling_services

    edition = catalogue_services.edition_create(course=course, actor=actor, **fields)
    scheduling_services.planning_request_save(
        edition=edition,
        actor=actor,
        features=features,
        earliest=edition.starts_on,
        latest=edition.ends_on,
        **pattern,
    )
    return edition


@transaction.atomic
def person_invite(
    *,
    hub: Hub,
    actor: User,
    role: str,
    first_name: str,
    last_name: str,
    email: str,
    phone: str = "",
    organisation: Organisation | None = None,
) -> Person:
    """Add a person and invite them by mail as company contact of `organisation` or as trainer.

    The mail goes out when the transaction commits; if the address already has a login,
    nothing is created (EmailInUse).
    """
    person = hub_services.person_create(
        actor=actor,
        first_name=first_name,
        last_name=last_name,
        email=email,
        phone=phone,
        employer=organisation,
    )
    scope = {"organisation": organisation} if role == Role.Kind.CONTACT else {"hub": hub}
    hub_services.user_invite(person=person, actor=actor, role=role, **scope)
    return person
