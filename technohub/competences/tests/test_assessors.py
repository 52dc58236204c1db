"""Trainers as assessors: a trainer of a course that leads to a competence may decide
recognition requests for it (in that hub); nobody decides their own request."""

import pytest

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory
from technohub.competences import services
from technohub.competences.access import may_assess
from technohub.competences.models import CompetenceRecord, RecognitionRequest
from technohub.competences.selectors import recognition_requests_to_assess
from technohub.competences.tests.conftest import ROLES
from technohub.competences.tests.factories import CompetenceFactory, LearningOutcomeFactory
from technohub.hubs.errors import NotAllowed
from technohub.hubs.tests.factories import (
    HubFactory,
    coordinator_user,
    learner_user,
    trainer_user,
)

pytestmark = pytest.mark.django_db


def _request_for_outcome_of(edition, *, person=None, actor=None):
    competence = LearningOutcomeFactory(course=edition.course).competence
    learner = actor or learner_user()
    return services.recognition_request_submit(
        person=person or learner.person,
        competence=competence,
        level=2,
        statement="Vijf jaar ervaring",
        actor=learner,
    )


def test_the_courses_trainer_decides_and_the_record_lands_in_the_passport():
    trainer = trainer_user()
    edition = EditionFactory(trainer=trainer.person)
    request = _request_for_outcome_of(edition)

    assert list(recognition_requests_to_assess(actor=trainer)) == [request]
    services.recognition_decide(
        request=request, recognised=True, level=2, note="Aangetoond", actor=trainer
    )

    assert CompetenceRecord.objects.get(recognition=request).level == 2
    assert RecognitionRequest.objects.get().decided_by == trainer
    assert list(recognition_requests_to_assess(actor=trainer)) == []


def test_who_is_not_an_assessor():
    trainer = trainer_user()
    edition = EditionFactory(trainer=trainer.person)
    request = _request_for_outcome_of(edition)
    other_competence = CompetenceFactory(framework__hub=edition.hub)
    other = services.recognition_request_submit(
        person=request.person,
        competence=other_competence,
        level=1,
        statement="Elders geleerd",
        actor=request.person.user,
    )
    cancelled_trainer = trainer_user()
    EditionFactory(
        course=edition.course, trainer=cancelled_trainer.person, status=Edition.Status.CANCELLED
    )
    other_hub_trainer = trainer_user()
    EditionFactory(trainer=other_hub_trainer.person, course__hub=HubFactory())

    assert not may_assess(trainer, other)  # the trainer's courses do not teach it
    assert not may_assess(cancelled_trainer, request)
    assert not may_assess(other_hub_trainer, request)
    assert not may_assess(learner_user(), request)
    assert may_assess(coordinator_user(edition.hub), request)
    assert not may_assess(coordinator_user(HubFactory()), request)
    with pytest.raises(NotAllowed):
        services.recognition_decide(request=other, recognised=True, level=1, note="", actor=trainer)
    assert RecognitionRequest.objects.get(pk=other.pk).status == "submitted"


def test_nobody_decides_their_own_request():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    trainer = trainer_user()
    edition = EditionFactory(course__hub=hub, trainer=trainer.person)
    own = _request_for_outcome_of(edition, person=trainer.person, actor=trainer)

    assert not may_assess(trainer, own)
    assert list(recognition_requests_to_assess(actor=trainer)) == []
    assert may_assess(coordinator, own)


@pytest.mark.parametrize("role", ROLES)
def test_the_assessors_pages_per_role(client, world, role):
    """The world's trainer teaches the course whose outcome is the requested competence."""
    from technohub.competences.models import LearningOutcome

    LearningOutcome.objects.create(
        course_id=world.certificate.course_id, competence=world.recognition.competence, level=2
    )
    world.login(client, role)
    queue = client.get("/mijn/erkenning/beoordelen/")
    page_url = f"/mijn/erkenning/beoordelen/{world.recognition.pk}/"
    page = client.get(page_url)

    assert queue.status_code == (302 if role == "anonymous" else 200)
    listed = world.person.full_name.encode() in queue.content
    assert listed == (role == "trainer")
    if role != "anonymous":  # the portal home points trainers to their queue
        assert (b"/mijn/erkenning/beoordelen/" in client.get("/mijn/").content) == listed
    allowed = {"trainer": 200, "coordinator": 200}
    assert page.status_code == allowed.get(role, 302 if role == "anonymous" else 404)

    response = client.post(page_url, {"recognised": "yes", "level": "2", "note": "Goed"})
    world.recognition.refresh_from_db()
    if role in allowed:
        assert response.status_code == 302
        assert world.recognition.status == "recognised"
        assert world.recognition.decided_by == world.users[role]
    else:
        assert response.status_code in (302, 404)
        assert world.recognition.status == "submitted"


def test_a_bad_decision_shows_field_errors_and_changes_nothing(client, world):
    from technohub.competences.models import LearningOutcome

    LearningOutcome.objects.create(
        course_id=world.certificate.course_id, competence=world.recognition.competence, level=2
    )
    world.login(client, "trainer")
    response = client.post(
        f"/mijn/erkenning/beoordelen/{world.recognition.pk}/", {"recognised": "no", "note": ""}
    )
    assert response.status_code == 400
    assert b"Leg uit waarom het niet erkend wordt." in response.content
    world.recognition.refresh_from_db()
    assert world.recognition.status == "submitted"
