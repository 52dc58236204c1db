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
    **fields,
) -> Edition:
    """Create an edition and its sessions; the edition's first/last day follow the sessions."""
    first_day = timezone.localtime(slots[0][0]).date()
    last_day = timezone.localtime(slots[-1][0]).date()
    edition = catalogue_services.edition_create(
        course=course, actor=actor, starts_on=first_day, ends_on=last_day, **fields
    )
    catalogue_services.sessions_create(
        edition=edition, slots=slots, actor=actor, place=fields.get("location")
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
