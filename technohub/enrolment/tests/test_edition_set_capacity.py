import pytest
from django.core import mail

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.helpers import company_with_contact, full_edition_with_waitlist
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import HubFactory, coordinator_user, learner_user, trainer_user

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


def test_more_seats_promote_the_waitlist_in_order(django_capture_on_commit_callbacks):
    # given 2 seats taken and 4 people waiting
    edition, _, _, (_, _, w1, w2, w3, w4) = full_edition_with_waitlist(capacity=2, waiting=4)
    coordinator = coordinator_user(edition.hub)
    mail.outbox.clear()
    # when the coordinator adds two seats
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_set_capacity(edition=edition, capacity=4, actor=coordinator)
    # then the first two waiting are confirmed (and mailed), the others move up
    states = {
        e.pk: (e.status, e.waitlist_position)
        for e in edition.enrolments.filter(pk__in=[w1.pk, w2.pk, w3.pk, w4.pk])
    }
    assert states == {
        w1.pk: (Status.CONFIRMED, None),
        w2.pk: (Status.CONFIRMED, None),
        w3.pk: (Status.WAITLISTED, 1),
        w4.pk: (Status.WAITLISTED, 2),
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted([w1.person.email, w2.person.email])


def test_capacity_change_is_audited_with_before_and_after():
    edition = EditionFactory(capacity=12)
    coordinator = coordinator_user(edition.hub)
    services.edition_set_capacity(edition=edition, capacity=16, actor=coordinator)
    entry = AuditEntry.objects.get(action="edition.capacity")
    assert (entry.before, entry.after, entry.actor) == (
        {"capacity": 12},
        {"capacity": 16},
        coordinator,
    )
    edition.refresh_from_db()
    assert edition.capacity == 16


def test_more_seats_than_waiting_empties_the_waitlist():
    edition, _, _, _ = full_edition_with_waitlist(capacity=1, waiting=2)
    services.edition_set_capacity(edition=edition, capacity=10, actor=coordinator_user(edition.hub))
    assert edition.enrolments.filter(status=Status.CONFIRMED).count() == 3
    assert not edition.enrolments.filter(status=Status.WAITLISTED).exists()


def test_only_the_hubs_coordinator_may_change_capacity():
    edition = EditionFactory(capacity=12)
    _, contact = company_with_contact()
    for actor in (learner_user(), contact, trainer_user(), coordinator_user(HubFactory())):
        with pytest.raises(NotAllowed):
            services.edition_set_capacity(edition=edition, capacity=20, actor=actor)
    edition.refresh_from_db()
    assert edition.capacity == 12
    assert not AuditEntry.objects.filter(action="edition.capacity").exists()
