"""A new edition whose dates lie far out answers a Dutch field error, not a 500 (issue 11)."""

import pytest
from django.test import Client
from django.urls import reverse

from technohub.backoffice.tests.conftest import world  # noqa: F401 - the fixture
from technohub.backoffice.tests.test_edition_create import valid_edition
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import CourseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_date", "9999-12-31"),
        ("first_date", "0001-01-01"),
        ("enrolment_opens_at", "9999-12-31T09:00"),
        ("cancellation_deadline", "1900-01-01T09:00"),
    ],
)
def test_an_extreme_date_is_a_field_error(world, field, value):  # noqa: F811
    course = CourseFactory(hub=world.hub)
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator)
    url = reverse("backoffice:edition_create", args=[world.hub.slug, course.pk])
    response = client.post(url, valid_edition(**{field: value}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Vul een datum in tussen" in str(response.context["form"].errors[field])
    assert not Edition.objects.exists()
