import pytest
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from technohub.catalogue.tests.factories import PlaceFactory
from technohub.catalogue.tests.helpers import edition_with_sessions
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import (
    HubFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)

LINKED = [
    ("portal:home", []),
    ("portal:login", []),
    ("portal:logout", []),
    ("portal:enrol", [1]),
    ("backoffice:home", []),
]


@pytest.fixture(autouse=True)
def _empty_cache():
    """The catalogue caches anonymous pages: every test starts (and ends) without them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _portal_urls(settings):
    """Use stand-ins for the portal/back-office links in base.html until those exist."""
    try:
        for name, args in LINKED:
            reverse(name, args=args)
    except NoReverseMatch:
        settings.ROOT_URLCONF = "technohub.public.tests.stub_urls"


@pytest.fixture
def world(db):
    """A hub with a public edition in which an employee of `company` is enrolled."""
    hub = HubFactory(name="TechnoHUB Woerden", slug="woerden", tagline="Samen leren werkt")
    other_hub = HubFactory(name="Technohub NOP", slug="nop")
    company, rival = OrganisationFactory(), OrganisationFactory()
    place = PlaceFactory(hub=hub)
    edition = edition_with_sessions(
        hub=hub, title="Basiscursus lassen", slug="basiscursus-lassen", days=[3, 10], place=place
    )
    employee = PersonFactory(first_name="Geheime", last_name="Deelnemer", employer=company)
    EnrolmentFactory(edition=edition, person=employee)
    return {
        "hub": hub,
        "other_hub": other_hub,
        "company": company,
        "rival": rival,
        "edition": edition,
        "course": edition.course,
        "employee": employee,
    }


ROLES = [
    "anonymous",
    "learner",
    "contact_same_company",
    "contact_other_company",
    "trainer",
    "coordinator_this_hub",
    "coordinator_other_hub",
]


@pytest.fixture(params=ROLES)
def role_client(request, client, world):
    """A client logged in as each role in turn (or anonymous)."""
    role = request.param
    users = {
        "anonymous": lambda: None,
        "learner": lambda: learner_user(),
        "contact_same_company": lambda: contact_user(world["company"]),
        "contact_other_company": lambda: contact_user(world["rival"]),
        "trainer": lambda: trainer_user(),
        "coordinator_this_hub": lambda: coordinator_user(world["hub"]),
        "coordinator_other_hub": lambda: coordinator_user(world["other_hub"]),
    }
    user = users[role]()
    if user is not None:
        client.force_login(user)
    return client
