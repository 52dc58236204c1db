import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


def url(hub):
    return reverse("backoffice:editions", args=[hub.slug])


def test_access_per_role(client, world, role):
    check_access(client, world, role, url(world.hub))


def test_lists_this_hubs_editions_with_fill_and_waitlist(
    coordinator_client, world, django_assert_max_num_queries
):
    # given 30 editions in this hub (one with 2 seats taken and 1 waiting) and one elsewhere
    course = CourseFactory(hub=world.hub)
    editions = EditionFactory.create_batch(30, course=course, capacity=2)
    EnrolmentFactory.create_batch(2, edition=editions[0])
    EnrolmentFactory(edition=editions[0], status=Enrolment.Status.WAITLISTED, waitlist_position=1)
    elsewhere = EditionFactory(course=CourseFactory(hub=world.other_hub))
    # when the first page is shown, in a fixed number of queries
    with django_assert_max_num_queries(8):
        response = coordinator_client.get(url(world.hub))
    # then it pages by 25 and shows only this hub's editions
    page = response.context["page"]
    assert page.paginator.count == 30 and len(page.object_list) == 25
    assert elsewhere.code not in response.content.decode()
    # when the second page is asked for, it holds the rest, with the full edition's numbers
    page = coordinator_client.get(url(world.hub), {"pagina": 2}).context["page"]
    rows = {e.pk: e for e in page.object_list}
    assert len(rows) == 5
    first = next(
        e
        for e in coordinator_client.get(url(world.hub)).context["page"].object_list
        + page.object_list
        if e.pk == editions[0].pk
    )
    assert (first.seats_taken, first.waitlist_length, first.fill_percent) == (2, 1, 100)
    assert first.full_with_waitlist


def test_status_filter(coordinator_client, world):
    course = CourseFactory(hub=world.hub)
    published = EditionFactory(course=course)
    cancelled = EditionFactory(course=course, status=Edition.Status.CANCELLED)
    response = coordinator_client.get(url(world.hub), {"status": "cancelled"})
    assert [e.pk for e in response.context["page"].object_list] == [cancelled.pk]
    assert published.code not in response.content.decode()


def test_unknown_status_shows_everything(coordinator_client, world):
    EditionFactory(course=CourseFactory(hub=world.hub))
    response = coordinator_client.get(url(world.hub), {"status": "nonsense"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
