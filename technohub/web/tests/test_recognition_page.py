"""The back office's recognition page shows a withdrawn request (it answered 500: a filter
argument looked up the assessor of a request nobody decided)."""

import pytest

from technohub.competences.models import Level, RecognitionRequest
from technohub.competences.tests.factories import CompetenceFactory
from technohub.hubs.tests.factories import HubFactory, PersonFactory, coordinator_user


@pytest.mark.django_db
def test_a_withdrawn_request_is_listed_without_an_assessor(client):
    hub = HubFactory()
    request = RecognitionRequest.objects.create(
        person=PersonFactory(),
        competence=CompetenceFactory(framework__hub=hub),
        level=Level.GUIDED,
        status=RecognitionRequest.Status.WITHDRAWN,
    )
    client.force_login(coordinator_user(hub))
    response = client.get(f"/beheer/{hub.slug}/erkenning/")
    assert response.status_code == 200
    assert request.person.full_name in response.content.decode()
