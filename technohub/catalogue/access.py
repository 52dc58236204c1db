"""Fetch an edition, session or course and check the actor (or hub) may see it: one call.

Shared by the portal, the back office and the API. Every function raises
`technohub.hubs.errors.NotFound` (a 404 on the sites, `not_found` in the API) for an object
the actor may not see, so that guessing ids never reveals whether something exists.
"""

from django.db.models import Prefetch, QuerySet

from technohub.catalogue.models import Course, Edition, Session
from technohub.enrolment.selectors import with_seat_counts
from technohub.hubs import access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Hub, User

ENROLLABLE = (Edition.Status.PUBLISHED, Edition.Status.RUNNING)


def may_teach(actor: User, edition: Edition, session: Session | None = None) -> bool:
    """A coordinator of the hub, the edition's trainer, or (a session given) the session's own
    trainer, else (no session) a trainer of one of the edition's sessions."""
    if access.is_coordinator(actor, edition.hub_id):
        return True
    person = access.person_of(actor)
    if person is None:
        return False
    if edition.trainer_id == person.pk:
        return True
    if session is not None:
        return session.trainer_id == person.pk
    return edition.sessions.filter(trainer=person).exists()


def access_edition_for_trainer(*, actor: User, edition_id: int) -> Edition:
    """An edition the actor teaches (or coordinates), or NotFound."""
    edition = (
        Edition.objects.select_related("course", "hub", "trainer").filter(pk=edition_id).first()
    )
    if edition is None or not may_teach(actor, edition):
        raise NotFound()
    return edition


def access_session_for_trainer(*, actor: User, session_id: int) -> Session:
    """A session the actor teaches (or of an edition they teach or coordinate), or NotFound."""
    session = (
        Session.objects.select_related("edition__course", "edition__hub", "place")
        .filter(pk=session_id)
        .first()
    )
    if session is None or not may_teach(actor, session.edition, session):
        raise NotFound()
    return session


def access_enrollable_edition(*, edition_id: int) -> Edition:
    """A published or running edition with `seats_left`/`waitlist_length`, or NotFound."""
    editions = with_seat_counts(
        Edition.objects.filter(status__in=ENROLLABLE).select_related("course", "hub", "location")
    ).prefetch_related(Prefetch("sessions", queryset=Session.objects.select_related("place")))
    edition = editions.filter(pk=edition_id).first()
    if edition is None:
        raise NotFound()
    return edition


def access_edition_of_hub(
    *, hub: Hub, edition_id: int, editions: QuerySet[Edition] | None = None
) -> Edition:
    """One of the hub's editions (taken from `editions`, to keep a caller's annotations), or
    NotFound for an unknown edition or one of another hub."""
    editions = Edition.objects.all() if editions is None else editions
    edition = editions.filter(hub=hub, pk=edition_id).first()
    if edition is None:
        raise NotFound()
    return edition


def access_course_of_hub(*, hub: Hub, course_id: int) -> Course:
    """One of the hub's courses, or NotFound."""
    course = Course.objects.filter(pk=course_id, hub=hub).first()
    if course is None:
        raise NotFound()
    return course
