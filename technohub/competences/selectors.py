"""Reads about competences, plans, passports and certificates, scoped to the actor."""

from technohub.catalogue.models import Course
from technohub.competences.models import Certificate
from technohub.hubs.models import Person


def holds_credential(*, person: Person, course: Course) -> bool:
    """True when `person` holds a valid (issued, not revoked, not expired) certificate of `course`.

    The agenda calls this before booking equipment that requires the course's credential.
    """
    return Certificate.objects.valid().filter(person=person, course=course).exists()
