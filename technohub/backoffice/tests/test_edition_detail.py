import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, SessionFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


def url(hub, edition):
    return reverse("backoffice:edition_detail", args=[hub.slug, edition.pk])


@pytest.fixture
def edition(world):
    return EditionFactory(course=CourseFactory(hub=world.hub), capacity=2)


def test_access_per_role(client, world, role, edition):
    check_access(client, world, role, url(world.hub, edition))


def test_other_hubs_edition_under_own_hub_is_404(client, world, edition):
    # a coordinator of the other hub cannot reach this edition through their own hub either
    client.force_login(world.other_coordinator)
    assert client.get(url(world.other_hub, edition)).status_code == 404


def test_shows_participants_waitlist_in_order_and_pending(
    coordinator_client, world, edition, django_assert_max_num_queries
):
    # given two participants, two waiting (enrolled in reverse order of position), one pending
    SessionFactory(edition=edition)
    seated = EnrolmentFactory.create_batch(2, edition=edition, person__employer=world.company)
    second = EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=2)
    first = EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    pending = EnrolmentFactory(edition=edition, status=Status.PENDING_APPROVAL)
    EnrolmentFactory(edition=edition, status=Status.CANCELLED)
    elsewhere = EnrolmentFactory(person=PersonFactory(last_name="Elders"))
    # when the coordinator opens the edition
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(url(world.hub, edition))
    # then each group is there, the waitlist by position
    people = response.context["people"]
    assert people.participants == seated
    assert people.waitlist == [first, second]
    assert people.pending == [pending]
    assert len(people.ended) == 1
    html = response.content.decode()
    assert world.company.name in html
    assert elsewhere.person.full_name not in html
