"""Portal use cases that combine domain services in one transaction."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from technohub.catalogue.models import Edition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.services import NewEmployee, employees_enrol
from technohub.hubs.errors import DomainError
from technohub.hubs.models import Organisation, Person, User


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


def company_enrol(
    *,
    edition: Edition,
    organisation: Organisation,
    people: Iterable[Person],
    new_employees: Iterable[NewEmployee] = (),
    actor: User,
) -> list[Enrolment]:
    """A company contact enrols employees (and optionally adds new ones first): all or none.

    The rule is `enrolment.services.employees_enrol` (shared with the API); here a failure
    becomes `EnrolmentFailedFor`, which names the person it failed for.
    """
    try:
        return employees_enrol(
            edition=edition,
            organisation=organisation,
            people=people,
            new_employees=new_employees,
            actor=actor,
        )
    except DomainError as error:
        if getattr(error, "person", None) is not None:
            raise EnrolmentFailedFor(error.person, error) from error
        raise
