"""A small world for portal tests, and users in every role the permission matrix needs."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.models import User
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)

ROLES = [
    "anonymous",
    "learner",
    "contact_same_company",
    "contact_other_company",
    "trainer_this_edition",
    "trainer_other",
    "coordinator_this_hub",
    "coordinator_other_hub",
]


def local(day: dt.date, hour: int = 19) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


@pytest.fixture
def world(db):
    """Hub with two member companies; an edition (trainer, 2 sessions) with one employee of
    `company` enrolled; `rival` has an employee enrolled too."""
    hub, other_hub = HubFactory(), HubFactory()
    company, rival = OrganisationFactory(name="Bogro BV"), OrganisationFactory(name="Rivaal BV")
    MembershipFactory(hub=hub, organisation=company)
    MembershipFactory(hub=hub, organisation=rival)
    trainer = trainer_user(first_name="Tineke", last_name="Trainer", employer=None)
    start = timezone.localdate() + dt.timedelta(days=7)
    edition = EditionFactory(
        course__hub=hub,
        course__title="Basiscursus lassen",
        trainer=trainer.person,
        capacity=12,
        starts_on=start,
        ends_on=start + dt.timedelta(days=7),
    )
    sessions = [
        SessionFactory(edition=edition, starts_at=local(start), ends_at=local(start, 21)),
        SessionFactory(
            edition=edition,
            starts_at=local(start + dt.timedelta(days=7)),
            ends_at=local(start + dt.timedelta(days=7), 21),
        ),
    ]
    employee = PersonFactory(first_name="Eva", last_name="Employee", employer=company)
    rival_employee = PersonFactory(first_name="Ronald", last_name="Rivaal", employer=rival)
    return SimpleNamespace(
        hub=hub,
        other_hub=other_hub,
        company=company,
        rival=rival,
        trainer=trainer,
        edition=edition,
        sessions=sessions,
        employee=employee,
        enrolment=EnrolmentFactory(edition=edition, person=employee),
        rival_employee=rival_employee,
        rival_enrolment=EnrolmentFactory(edition=edition, person=rival_employee),
    )


@pytest.fixture
def held(world):
    """The world's edition moved into the past: both sessions took place (two weeks and one
    week ago), so attendance can be recorded and the edition completed."""
    start = timezone.localdate() - dt.timedelta(days=14)
    for n, session in enumerate(world.sessions):
        day = start + dt.timedelta(days=7 * n)
        session.starts_at, session.ends_at = local(day), local(day, 21)
        session.save(update_fields=["starts_at", "ends_at"])
    world.edition.starts_on, world.edition.ends_on = start, start + dt.timedelta(days=7)
    world.edition.first_session_at = world.sessions[0].starts_at
    world.edition.last_session_at = world.sessions[-1].starts_at
    world.edition.save(
        update_fields=["starts_on", "ends_on", "first_session_at", "last_session_at"]
    )
    return world


def make_user(role: str, world) -> User | None:
    makers = {
        "anonymous": lambda: None,
        "learner": lambda: learner_user(employer=None),
        "contact_same_company": lambda: contact_user(world.company),
        "contact_other_company": lambda: contact_user(world.rival),
        "trainer_this_edition": lambda: world.trainer,
        "trainer_other": lambda: trainer_user(),
        "coordinator_this_hub": lambda: coordinator_user(world.hub),
        "coordinator_other_hub": lambda: coordinator_user(world.other_hub),
    }
    return makers[role]()


@pytest.fixture
def login_as(client, world):
    """login_as(role) -> the user (None for anonymous), with `client` logged in as them."""

    def login(role: str) -> User | None:
        user = make_user(role, world)
        if user is not None:
            client.force_login(user)
        return user

    return login


def assert_login_redirect(response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith("/mijn/inloggen/")
