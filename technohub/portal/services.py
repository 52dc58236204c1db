"""Portal use cases that combine domain services in one transaction."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Edition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.services import enrol_many
from technohub.hubs.errors import DomainError
from technohub.hubs.models import Organisation, Person, User
from technohub.hubs.services import person_create


@dataclass(frozen=True)
class NewEmployee:
    first_name: str
    last_name: str
    email: str = ""


class EnrolmentFailedFor(DomainError):
    """One person of a group enrolment failed; nobody was enrolled. Names that person."""

    def __init__(self, person: Person, error: DomainError):
        self.person = person
        self.error = error
        self.code = error.code
        self.status = error.status
        super().__init__(
            _("%(name)s: %(reason)s Nobody has been enrolled.")
            % {"name": person.full_name, "reason": error.message}
        )


@transaction.atomic
def company_enrol(
    *,
    edition: Edition,
    organisation: Organisation,
    people: Iterable[Person],
    new_employees: Iterable[NewEmployee] = (),
    actor: User,
) -> list[Enrolment]:
    """A company contact enrols employees (and optionally adds new ones first): all or none.

    On a domain error the whole transaction is rolled back (also the new employees) and
    `EnrolmentFailedFor` names the person it failed for.
    """
    everyone = list(people)
    for new in new_employees:
        everyone.append(
            person_create(
                actor=actor,
                first_name=new.first_name,
                last_name=new.last_name,
                email=new.email,
                employer=organisation,
            )
        )
    try:
        return enrol_many(edition=edition, people=everyone, actor=actor, on_behalf_of=organisation)
    except DomainError as error:
        if getattr(error, "person", None) is not None:
            raise EnrolmentFailedFor(error.person, error) from error
        raise
