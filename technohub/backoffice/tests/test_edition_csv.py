import csv
import io

import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(world):
    return EditionFactory(course=CourseFactory(hub=world.hub), capacity=5)


def url(hub, edition):
    return reverse("backoffice:edition_csv", args=[hub.slug, edition.pk])


def test_access_per_role(client, world, role, edition):
    check_access(client, world, role, url(world.hub, edition))


def test_export_has_only_this_editions_participants(coordinator_client, world, edition):
    # given two participants here (one with a name a spreadsheet would run), a cancelled one,
    # and a participant of another edition of the same course
    anna = EnrolmentFactory(
        edition=edition, person=PersonFactory(first_name="Anna", last_name="Çelik")
    )
    EnrolmentFactory(edition=edition, person=PersonFactory(first_name="=SOM(A1)"))
    EnrolmentFactory(edition=edition, status=Enrolment.Status.CANCELLED)
    other = EnrolmentFactory(edition=EditionFactory(course=edition.course))
    # when the coordinator exports the participants
    response = coordinator_client.get(url(world.hub, edition))
    # then it is a UTF-8 CSV with BOM and `;`, with exactly the two active participants
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 3
    names = {(r[0], r[1]) for r in rows[1:]}
    assert ("Anna", "Çelik") in names
    assert ("'=SOM(A1)", rows[2][1]) in names or ("'=SOM(A1)", rows[1][1]) in names
    assert anna.organisation.name in {r[4] for r in rows[1:]}
    assert other.person.last_name not in body
