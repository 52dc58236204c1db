"""Who may see and change a person's development plan, passport and certificates.

A learner's plan and passport are theirs and their managers'. A manager is a company contact of
the person's current employer, or the user named as manager on the plan. A job seeker who joins a
company keeps their passport: it belongs to the person, and the new employer's contacts become
their managers. Coordinators see certificates and recognition requests of their own hub only.
"""

from django.db.models import Q, QuerySet

from technohub.catalogue.models import Course, Edition
from technohub.competences.models import Certificate, DevelopmentPlan, RecognitionRequest
from technohub.hubs import access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Person, User


def is_self(actor: User, person: Person) -> bool:
    return actor.is_authenticated and person.user_id == actor.pk


def is_manager(actor: User, person: Person) -> bool:
    if not actor.is_authenticated:
        return False
    if person.employer_id and access.is_contact(actor, person.employer_id):
        return True
    return DevelopmentPlan.objects.filter(person=person, manager=actor).exists()


def may_view(actor: User, person: Person) -> bool:
    return is_self(actor, person) or is_manager(actor, person)


def access_person(*, actor: User, person_id: int) -> Person:
    """The person if the actor is that person or their manager; NotFound otherwise."""
    person = Person.objects.select_related("employer").filter(pk=person_id).first()
    if person is None or not may_view(actor, person):
        raise NotFound()
    return person


def may_decide_certificate(actor: User, certificate: Certificate) -> bool:
    return access.is_coordinator(actor, certificate.hub_id)


def courses_taught_by(actor: User) -> QuerySet[Course]:
    """Courses of which the actor trains (or trained) an edition or a session that was not
    cancelled."""
    person = access.person_of(actor)
    if person is None:
        return Course.objects.none()
    taught = Edition.objects.exclude(status=Edition.Status.CANCELLED).filter(
        Q(trainer=person) | Q(sessions__trainer=person, sessions__status="scheduled")
    )
    return Course.objects.filter(editions__in=taught).distinct()


def may_assess(actor: User, request: RecognitionRequest) -> bool:
    """An assessor decides a recognition request: a coordinator of the competence's hub, or a
    trainer of one of that hub's courses whose learning outcomes include the competence (they
    know what the course teaches). Nobody assesses their own request."""
    if not actor.is_authenticated or is_self(actor, request.person):
        return False
    hub_id = request.competence.framework.hub_id
    if access.is_coordinator(actor, hub_id):
        return True
    return (
        courses_taught_by(actor)
        .filter(hub_id=hub_id, competence_outcomes__competence_id=request.competence_id)
        .exists()
    )
