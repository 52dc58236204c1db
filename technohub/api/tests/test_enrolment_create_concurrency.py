"""The same new employee sent many times at once (a retrying client): one person, one seat.

PostgreSQL only (real threads and transactions). Without the organisation row lock in the
view, each request could find no employee and add one, and each copy would take a seat.
"""

import json
import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client

from technohub.api.tests.conftest import open_edition
from technohub.enrolment.models import Enrolment
from technohub.hubs.models import Person
from technohub.hubs.tests.factories import HubFactory, OrganisationFactory
from technohub.hubs.tokens import token_create

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

WORKERS = 8


def test_the_same_person_posted_at_once_is_enrolled_once():
    # given an open edition and a company token
    edition = open_edition(HubFactory(), capacity=20)
    company = OrganisationFactory()
    _, key = token_create(organisation=company, name="HR", actor=None)
    body = json.dumps({"first_name": "Sanne", "last_name": "de Vries", "email": "s@bogro.nl"})
    barrier = threading.Barrier(WORKERS)
    statuses: list[int] = []

    def work():
        try:
            connection.ensure_connection()
            client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
            barrier.wait(timeout=30)
            response = client.post(
                f"/api/v1/editions/{edition.pk}/enrolments", body, content_type="application/json"
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    # when WORKERS requests arrive together
    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # then one is created, the others are told she is already enrolled
    assert Counter(statuses) == {201: 1, 409: WORKERS - 1}
    assert Person.objects.filter(employer=company).count() == 1
    assert Enrolment.objects.filter(edition=edition).count() == 1
