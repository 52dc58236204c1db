import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory
from technohub.enrolment import services as enrolment_services
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def url(hub):
    return reverse("backoffice:dashboard", args=[hub.slug])


def test_access_per_role(client, world, role):
    check_access(client, world, role, url(world.hub))


def test_unknown_hub_is_404(coordinator_client):
    assert coordinator_client.get("/beheer/bestaat-niet/").status_code == 404


def test_counts_flags_and_audit_of_this_hub_only(
    coordinator_client, world, django_assert_max_num_queries
):
    # given this hub: 2 members (one from the fixture), a full edition with a waitlist and one
    # below its minimum; and another hub with its own edition and enrolments
    MembershipFactory(hub=world.hub)
    full = EditionFactory(course=CourseFactory(hub=world.hub), capacity=1, min_participants=1)
    EnrolmentFactory(edition=full)
    EnrolmentFactory(edition=full, status=Enrolment.Status.WAITLISTED, waitlist_position=1)
    small = EditionFactory(course=CourseFactory(hub=world.hub), capacity=10, min_participants=4)
    EditionFactory(
        course=CourseFactory(hub=world.hub),
        starts_on=timezone.localdate() - dt.timedelta(days=60),
        ends_on=timezone.localdate() - dt.timedelta(days=50),
    )
    EditionFactory(course=CourseFactory(hub=world.hub), status=Edition.Status.CANCELLED)
    elsewhere = EditionFactory(course=CourseFactory(hub=world.other_hub))
    EnrolmentFactory.create_batch(3, edition=elsewhere)
    learner = PersonFactory(user=None, employer=world.company)
    enrolment_services.enrolment_create(edition=small, person=learner, actor=world.coordinator)
    other_learner = PersonFactory(employer=world.other_company)
    enrolment_services.enrolment_create(
        edition=elsewhere, person=other_learner, actor=world.other_coordinator
    )

    # when the coordinator opens the dashboard
    with django_assert_max_num_queries(14):
        response = coordinator_client.get(url(world.hub))

    # then the counts are this hub's
    counts = response.context["counts"]
    assert (counts.members, counts.courses, counts.upcoming_editions) == (2, 4, 2)
    assert (counts.confirmed, counts.waitlisted) == (2, 1)
    # the upcoming editions carry fill and flags
    editions = {e.pk: e for e in response.context["editions"]}
    assert set(editions) == {full.pk, small.pk}
    assert editions[full.pk].full_with_waitlist and editions[full.pk].fill_percent == 100
    assert not editions[full.pk].below_minimum
    assert editions[small.pk].below_minimum and editions[small.pk].fill_percent == 10
    # and the audit shows this hub's enrolment, not the other hub's
    audit = response.context["audit"]
    assert [(a.action, a.person) for a in audit] == [("enrolment.created", learner)]
    assert other_learner.full_name not in response.content.decode()
