"""The waitlist: promotion when seats come free, closing gaps, and changing the seats."""

from django.db import transaction
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition
from technohub.enrolment import notifications
from technohub.enrolment.errors import CapacityBelowTaken
from technohub.enrolment.models import Enrolment
from technohub.enrolment.services import seating
from technohub.enrolment.services.seating import _move, company_cap, lock_edition, release_due_pools
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import User

Status = Enrolment.Status


def _close_waitlist_gap(edition: Edition, position: int) -> None:
    behind = edition.enrolments.filter(status=Status.WAITLISTED, waitlist_position__gt=position)
    for enrolment in behind.order_by("waitlist_position"):
        enrolment.waitlist_position -= 1
        enrolment.save(update_fields=["waitlist_position", "updated_at"])


def promote_waitlist(*, edition: Edition, actor: User | None) -> list[Enrolment]:
    """Fill free seats from the head of the waitlist. The caller holds the edition lock.

    Someone whose company already holds its cap of seats stays waiting; the next in line
    (of another company) gets the seat.
    """
    promoted = []
    free = edition.capacity - seating.seats_taken(edition)
    waiting = list(
        edition.enrolments.filter(status=Status.WAITLISTED).order_by("waitlist_position")
    )
    cap = company_cap(edition)
    held: dict[int, int] = {}
    for enrolment in waiting:
        if free <= 0:
            break
        org = enrolment.organisation_id
        if cap is not None and org is not None:
            if org not in held:
                held[org] = seating.company_seats(edition, org)
            if held[org] >= cap:
                continue
            held[org] += 1
        _move(
            enrolment,
            to=Status.CONFIRMED,
            action="enrolment.promoted",
            actor=actor,
            mail=notifications.send_promotion_mail,
        )
        promoted.append(enrolment)
        free -= 1
    still = [e for e in waiting if e not in promoted]
    for position, enrolment in enumerate(still, start=1):
        if enrolment.waitlist_position != position:
            enrolment.waitlist_position = position
            enrolment.save(update_fields=["waitlist_position", "updated_at"])
    return promoted


@transaction.atomic
def edition_set_capacity(*, edition: Edition, capacity: int, actor: User) -> Edition:
    """Change the number of seats; extra seats go to the waitlist at once."""
    edition = lock_edition(edition.pk)
    if not access.is_coordinator(actor, edition.hub_id):
        raise NotAllowed()
    release_due_pools(edition, actor=actor)
    taken = seating.seats_taken(edition)
    if capacity < taken:
        raise CapacityBelowTaken(
            _("%(taken)s seats are taken; the edition cannot have fewer seats.") % {"taken": taken},
            field="capacity",
        )
    before = {"capacity": edition.capacity}
    edition.capacity = capacity
    edition.save(update_fields=["capacity"])
    log_action(
        "edition.capacity", actor=actor, target=edition, before=before, after={"capacity": capacity}
    )
    promote_waitlist(edition=edition, actor=actor)
    return edition
