import pytest
from django.core import mail

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import CapacityBelowTaken, InvalidTransition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import HubFactory, coordinator_user, learner_user

pytestmark = pytest.mark.django_db


def test_cancelling_an_edition_cancels_every_active_enrolment_and_mails_them(
    django_capture_on_commit_callbacks,
):
    # given an edition with two seated participants and one on the waitlist
    edition = EditionFactory(capacity=2)
    seated = EnrolmentFactory.create_batch(2, edition=edition)
    waiting = EnrolmentFactory(edition=edition, status="waitlisted", waitlist_position=1)
    coordinator = coordinator_user(edition.hub)
    # when the coordinator cancels the edition
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_cancel(edition=edition, actor=coordinator)
    # then everyone's enrolment is cancelled, each person is mailed once, and it is audited
    edition.refresh_from_db()
    assert edition.status == Edition.Status.CANCELLED
    statuses = set(Enrolment.objects.filter(edition=edition).values_list("status", flat=True))
    assert statuses == {"cancelled"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        e.person.email for e in [*seated, waiting]
    )
    assert AuditEntry.objects.filter(action="enrolment.edition_cancelled").count() == 3
    assert AuditEntry.objects.filter(action="edition.status", target_id=str(edition.pk)).exists()


def test_only_this_hubs_coordinator_may_cancel_an_edition():
    edition = EditionFactory()
    for actor in (learner_user(), coordinator_user(HubFactory())):
        with pytest.raises(NotAllowed):
            services.edition_cancel(edition=edition, actor=actor)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED


def test_a_completed_edition_cannot_be_cancelled():
    edition = EditionFactory(status=Edition.Status.COMPLETED)
    with pytest.raises(InvalidTransition):
        services.edition_cancel(edition=edition, actor=coordinator_user(edition.hub))


def test_capacity_cannot_drop_below_the_seats_taken():
    edition = EditionFactory(capacity=3)
    EnrolmentFactory.create_batch(3, edition=edition)
    with pytest.raises(CapacityBelowTaken):
        services.edition_set_capacity(
            edition=edition, capacity=2, actor=coordinator_user(edition.hub)
        )
    edition.refresh_from_db()
    assert edition.capacity == 3
