import factory

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment.models import Enrolment
from technohub.hubs.tests.factories import PersonFactory


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """A confirmed enrolment made directly (bypasses the service: use it for given-state only)."""

    class Meta:
        model = Enrolment

    edition = factory.SubFactory(EditionFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.employer")
    status = Enrolment.Status.CONFIRMED
