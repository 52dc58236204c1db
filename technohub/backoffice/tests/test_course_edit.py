"""The coordinator edits a course; the catalogue search finds it by its new title."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from technohub.backoffice.tests.conftest import check_access
from technohub.backoffice.tests.test_courses import valid_course
from technohub.catalogue.models import Course
from technohub.catalogue.selectors import catalogue_search
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, SessionFactory
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import SectorFactory
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):
    return CourseFactory(
        hub=world.hub, title="Basiscursus lassen", summary="MIG/MAG voor beginners."
    )


def edit_url(hub, course):
    return reverse("backoffice:course_edit", args=[hub.slug, course.pk])


def test_edit_page_access_per_role(client, world, role, course):
    check_access(client, world, role, edit_url(world.hub, course))


def test_save_access_per_role(client, world, role, course):
    check_access(
        client,
        world,
        role,
        edit_url(world.hub, course),
        method="post",
        data=valid_course(title="Gewijzigd"),
        ok=302,
    )
    course.refresh_from_db()
    assert course.title == ("Gewijzigd" if role == "coordinator" else "Basiscursus lassen")


def test_course_of_another_hub_is_404(coordinator_client, world):
    foreign = CourseFactory(hub=world.other_hub, title="Elders")
    url = reverse("backoffice:course_edit", args=[world.hub.slug, foreign.pk])
    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url, valid_course()).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Elders"


def test_form_shows_the_current_values(coordinator_client, world, course):
    response = coordinator_client.get(edit_url(world.hub, course))
    assert response.context["form"]["title"].value() == "Basiscursus lassen"
    assert "MIG/MAG voor beginners." in response.content.decode()


def test_list_links_to_edit(coordinator_client, world, course):
    html = coordinator_client.get(reverse("backoffice:courses", args=[world.hub.slug])).content
    assert edit_url(world.hub, course).encode() in html


def test_edit_saves_audits_and_keeps_the_address(coordinator_client, world, course):
    # given a course with a public address
    sector = SectorFactory(hub=world.hub)
    slug = course.slug
    # when the coordinator changes title, sector and price
    response = coordinator_client.post(
        edit_url(world.hub, course),
        valid_course(title="Lassen voor gevorderden", sector=sector.pk, non_member_price="525.50"),
    )
    # then the course is changed, its address kept, and the change audited
    assert response.status_code == 302
    assert response.url == reverse("backoffice:courses", args=[world.hub.slug])
    course.refresh_from_db()
    assert (course.title, course.sector, course.slug) == ("Lassen voor gevorderden", sector, slug)
    assert course.non_member_price == Decimal("525.50")
    entry = AuditEntry.objects.get(action="course.updated", target_id=str(course.pk))
    assert entry.actor == world.coordinator
    assert entry.before["title"] == "Basiscursus lassen"
    assert entry.after["title"] == "Lassen voor gevorderden"
    assert entry.after["sector"] == sector.pk
    assert entry.after["non_member_price"] == "525.50"


def test_catalogue_search_finds_the_new_title(coordinator_client, world, course):
    # given a course with a public edition and a session to come
    SessionFactory(edition=EditionFactory(course=course))
    assert list(catalogue_search(q="lassen")) == [course]
    # when the coordinator renames it
    coordinator_client.post(
        edit_url(world.hub, course),
        valid_course(title="Warmtepompen installeren", summary="Lucht-water", description=""),
    )
    # then the search finds it by the new title (as a prefix too) and no longer by the old one
    assert list(catalogue_search(q="warmtepomp")) == [course]
    assert list(catalogue_search(q="installeren")) == [course]
    assert list(catalogue_search(q="lassen")) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"study_hours": "-1"}, "study_hours"),
        ({"non_member_price": "veel"}, "non_member_price"),
        ({"format": "circus"}, "format"),
    ],
)
def test_invalid_edit_shows_dutch_errors_and_changes_nothing(
    coordinator_client, world, course, overrides, field
):
    with translation.override("nl"):
        response = coordinator_client.post(edit_url(world.hub, course), valid_course(**overrides))
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    assert errors and not any("This field" in e or "Enter a" in e for e in errors)
    course.refresh_from_db()
    assert course.title == "Basiscursus lassen"
    assert not AuditEntry.objects.filter(action="course.updated").exists()
    assert "Basiscursus lassen" in response.content.decode()  # the heading: the saved title


def test_sector_of_another_hub_is_refused(coordinator_client, world, course):
    foreign = SectorFactory(hub=world.other_hub)
    response = coordinator_client.post(edit_url(world.hub, course), valid_course(sector=foreign.pk))
    assert response.status_code == 400
    assert "sector" in response.context["form"].errors
    assert Course.objects.get(pk=course.pk).sector_id != foreign.pk


@pytest.mark.parametrize("language", ["nl", "en"])
def test_edit_form_is_valid_html(coordinator_client, world, course, language):
    coordinator_client.cookies["django_language"] = language
    assert_valid(coordinator_client, edit_url(world.hub, course))
