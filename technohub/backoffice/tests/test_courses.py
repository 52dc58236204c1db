from decimal import Decimal

import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.models import Course
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory
from technohub.hubs.models import Organisation
from technohub.hubs.tests.factories import MembershipFactory, OrganisationFactory, SectorFactory

pytestmark = pytest.mark.django_db


def list_url(hub):
    return reverse("backoffice:courses", args=[hub.slug])


def create_url(hub):
    return reverse("backoffice:course_create", args=[hub.slug])


def test_list_access_per_role(client, world, role):
    check_access(client, world, role, list_url(world.hub))


def test_create_page_access_per_role(client, world, role):
    check_access(client, world, role, create_url(world.hub))


def test_list_shows_this_hubs_courses(coordinator_client, world, django_assert_max_num_queries):
    sector = SectorFactory(hub=world.hub)
    courses = CourseFactory.create_batch(12, hub=world.hub, sector=sector)
    EditionFactory.create_batch(2, course=courses[0])
    elsewhere = CourseFactory(hub=world.other_hub, title="Elders lassen")
    with django_assert_max_num_queries(7):
        response = coordinator_client.get(list_url(world.hub))
    rows = {c.pk: c for c in response.context["page"].object_list}
    assert set(rows) == {c.pk for c in courses}
    assert rows[courses[0].pk].edition_count == 2
    assert elsewhere.title not in response.content.decode()


def valid_course(**overrides):
    data = {
        "title": "Warmtepompen installeren",
        "summary": "Leer een lucht-water warmtepomp plaatsen.",
        "description": "Praktijkdagen in de hal.",
        "level": "mbo3",
        "format": "practical",
        "delivery_model": "entre_nous",
        "learning_outcomes": "Plaatsen\nIn bedrijf stellen",
        "study_hours": "16",
        "member_price": "0",
        "non_member_price": "450.00",
    }
    return {**data, **overrides}


def test_create_course_then_plan_an_edition(coordinator_client, world):
    # given a sector and a training provider of this hub
    sector = SectorFactory(hub=world.hub)
    provider = OrganisationFactory(kind=Organisation.Kind.PROVIDER)
    MembershipFactory(hub=world.hub, organisation=provider, status="non_member")
    # when the coordinator submits the course form
    response = coordinator_client.post(
        create_url(world.hub), valid_course(sector=sector.pk, provider=provider.pk)
    )
    # then the course exists in this hub and the next step is its first edition
    course = Course.objects.get(hub=world.hub, title="Warmtepompen installeren")
    assert response.status_code == 302
    assert response.url == reverse("backoffice:edition_create", args=[world.hub.slug, course.pk])
    assert (course.sector, course.provider) == (sector, provider)
    assert course.non_member_price == Decimal("450.00")
    assert course.slug == "warmtepompen-installeren"
    assert "warmtepomp" in course.search_text.lower()


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": ""},
        {"study_hours": "-1"},
        {"non_member_price": "veel"},
        {"format": "circus"},
    ],
)
def test_invalid_course_shows_errors_and_creates_nothing(coordinator_client, world, overrides):
    response = coordinator_client.post(create_url(world.hub), valid_course(**overrides))
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not Course.objects.exists()


def test_sector_of_another_hub_is_refused(coordinator_client, world):
    foreign = SectorFactory(hub=world.other_hub)
    response = coordinator_client.post(create_url(world.hub), valid_course(sector=foreign.pk))
    assert response.status_code == 400
    assert "sector" in response.context["form"].errors
    assert not Course.objects.exists()
