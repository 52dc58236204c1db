"""Given-state for the competences page tests: a learner of company A with a certificate, and a
user for every role (see CONVENTIONS.md: a test per role for every page)."""

from dataclasses import dataclass

import pytest

from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.competences import services
from technohub.competences.models import Certificate, PassportShare, RecognitionRequest
from technohub.competences.tests.factories import CompetenceFactory, LearningOutcomeFactory
from technohub.enrolment.models import Attendance
from technohub.enrolment.services import edition_complete
from technohub.enrolment.tests.factories import EnrolmentFactory, past_dates
from technohub.hubs.models import Hub, Organisation, Person, User
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)

ROLES = [
    "anonymous",
    "learner",
    "contact_a",
    "contact_b",
    "trainer",
    "coordinator",
    "other_coordinator",
]


@dataclass
class World:
    hub: Hub
    company_a: Organisation
    company_b: Organisation
    person: Person
    users: dict[str, User | None]
    certificate: Certificate
    share_token: str
    share: PassportShare
    recognition: RecognitionRequest
    edition_id: int

    def login(self, client, role: str) -> None:
        if self.users[role] is not None:
            client.force_login(self.users[role])


@pytest.fixture
def world(db) -> World:
    hub = HubFactory()
    company_a, company_b = OrganisationFactory(), OrganisationFactory()
    for company in (company_a, company_b):
        MembershipFactory(hub=hub, organisation=company)
    learner = learner_user(employer=company_a)
    trainer = trainer_user(employer=None)
    users = {
        "anonymous": None,
        "learner": learner,
        "contact_a": contact_user(company_a),
        "contact_b": contact_user(company_b),
        "trainer": trainer,
        "coordinator": coordinator_user(hub),
        "other_coordinator": coordinator_user(HubFactory()),
    }
    edition = EditionFactory(course__hub=hub, trainer=trainer.person, **past_dates())
    session = SessionFactory(edition=edition)
    enrolment = EnrolmentFactory(edition=edition, person=learner.person)
    Attendance.objects.create(enrolment=enrolment, session=session, status="present")
    outcome = LearningOutcomeFactory(course=edition.course)
    edition_complete(edition=edition, actor=trainer)
    share, token = services.passport_share_create(
        person=learner.person,
        label="Sollicitatie",
        include_competences=True,
        include_courses=True,
        expires_on=None,
        actor=learner,
    )
    recognition = services.recognition_request_submit(
        person=learner.person,
        competence=CompetenceFactory(framework=outcome.competence.framework),
        level=2,
        statement="Drie jaar gelast bij een constructiebedrijf.",
        actor=learner,
    )
    return World(
        hub=hub,
        company_a=company_a,
        company_b=company_b,
        person=learner.person,
        users=users,
        certificate=Certificate.objects.get(enrolment=enrolment),
        share_token=token,
        share=share,
        recognition=recognition,
        edition_id=edition.pk,
    )
