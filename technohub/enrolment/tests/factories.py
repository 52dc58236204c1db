import datetime as dt

import factory
from django.utils import timezone

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


def past_dates(days_ago: int = 40) -> dict:
    """Edition dates whose (factory) sessions have all taken place: attendance can be recorded
    and the edition completed (EditionFactory's default dates lie ahead)."""
    starts_on = timezone.localdate() - dt.timedelta(days=days_ago)
    return {"starts_on": starts_on, "ends_on": starts_on + dt.timedelta(days=28)}
