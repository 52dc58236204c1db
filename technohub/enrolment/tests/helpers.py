"""Given-state helpers for the enrolment service tests (import them; they are not fixtures)."""

import datetime as dt

from django.utils import timezone

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.hubs.models import Organisation
from technohub.hubs.tests.factories import OrganisationFactory, PersonFactory, contact_user


def past() -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=1)


def future() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=3)


def company_with_contact(**fields) -> tuple[Organisation, object]:
    company = OrganisationFactory(**fields)
    return company, contact_user(company)


def full_edition_with_waitlist(*, capacity: int, waiting: int, **edition_fields):
    """An edition with every seat taken and `waiting` people on the waitlist (via the service)."""
    edition = EditionFactory(capacity=capacity, **edition_fields)
    company, contact = company_with_contact()
    enrolments = services.enrol_many(
        edition=edition,
        people=PersonFactory.create_batch(capacity + waiting, employer=company),
        actor=contact,
        on_behalf_of=company,
    )
    return edition, company, contact, enrolments
