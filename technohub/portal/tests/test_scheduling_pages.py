"""Portal pages of facilities: a trainer's availability; a company books rooms and equipment.

Per role: allowed (200) or refused (login page, or 404 that never confirms existence).
"""

import datetime as dt

import pytest
from django.urls import reverse

from technohub.catalogue.tests.factories import EditionFactory, PlaceFactory, SessionFactory
from technohub.hubs.errors import NotAllowed
from technohub.hubs.tests.factories import (
    HubFactory,
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)
from technohub.scheduling import services
from technohub.scheduling.models import Booking, WeeklyAvailability
from technohub.scheduling.tests.factories import (
    at,
    equipment,
    member_company,
    next_monday,
    on_roster,
)
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db
DAY = next_monday() + dt.timedelta(days=3)


@pytest.fixture
def world():
    hub, other_hub = HubFactory(), HubFactory()
    company, other_company = member_company(hub), member_company(hub)
    house = PlaceFactory(hub=hub, bookable_by_members=True, name="Demowoning")
    users = {
        "anonymous": None,
        "learner": learner_user(employer=company),
        "contact": contact_user(company),
        "other_contact": contact_user(other_company),
        "trainer": trainer_user(),
        "coordinator": coordinator_user(hub),
        "other_coordinator": coordinator_user(other_hub),
    }
    return {"hub": hub, "company": company, "house": house, "users": users}


def _get(client, world, role, url):
    if world["users"][role] is not None:
        client.force_login(world["users"][role])
    return client.get(url)


COMPANY_PAGE = {"contact": 200, "anonymous": "login"}  # everyone else: 404


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "learner",
        "contact",
        "other_contact",
        "trainer",
        "coordinator",
        "other_coordinator",
    ],
)
@pytest.mark.parametrize("page", ["bookables", "book"])
def test_company_pages_per_role(client, world, role, page):
    kwargs = {"organisation_id": world["company"].pk}
    if page == "book":
        kwargs |= {"kind": "ruimte", "resource_id": world["house"].pk}
    response = _get(client, world, role, reverse(f"portal:{page}", kwargs=kwargs))
    expected = COMPANY_PAGE.get(role, 404)
    if expected == "login":
        assert response.status_code == 302 and "/inloggen/" in response.url
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    "role",
    [
        "anonymous",
        "learner",
        "contact",
        "other_contact",
        "trainer",
        "coordinator",
        "other_coordinator",
    ],
)
def test_availability_page_per_role(client, world, role):
    response = _get(client, world, role, reverse("portal:my_availability"))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role == "trainer" else 404)


ROLES = [
    "anonymous",
    "learner",
    "contact",
    "other_contact",
    "trainer",
    "coordinator",
    "other_coordinator",
]


@pytest.mark.parametrize("role", ROLES)
def test_a_trainer_of_single_sessions_takes_their_attendance(client, world, role):
    """The builder may give sessions of one edition to different trainers (`Session.trainer`):
    each opens the attendance of their own sessions and the edition's page, not the others'."""
    edition = EditionFactory(course__hub=world["hub"], trainer=None)
    own, others = SessionFactory(edition=edition), SessionFactory(edition=edition)
    own.trainer = world["users"]["trainer"].person
    own.save(update_fields=["trainer"])
    pages = {
        "own": reverse("portal:attendance", args=[own.pk]),
        "others": reverse("portal:attendance", args=[others.pk]),
        "edition": reverse("portal:trainer_edition", args=[edition.pk]),
    }
    allowed = {
        "trainer": {"own", "edition"},
        "coordinator": {"own", "others", "edition"},
    }.get(role, set())
    for name, url in pages.items():
        response = _get(client, world, role, url)
        if role == "anonymous":
            assert response.status_code == 302 and "/inloggen/" in response.url
        else:
            assert response.status_code == (200 if name in allowed else 404), (name, role)


def test_the_portal_home_lists_a_session_trainers_sessions_and_asks_any_trainer_when(client, world):
    trainer = world["users"]["trainer"]
    client.force_login(trainer)
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:my_availability") in home, "every trainer sees the availability card"
    edition = EditionFactory(course__hub=world["hub"])
    session = SessionFactory(edition=edition)
    session.trainer = trainer.person
    session.save(update_fields=["trainer"])
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:attendance", args=[session.pk]) in home
    client.force_login(world["users"]["learner"])
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:my_availability") not in home


def test_trainer_states_tuesday_and_thursday_evenings(client, world):
    trainer = world["users"]["trainer"]
    client.force_login(trainer)
    response = client.post(
        reverse("portal:my_availability"),
        {"action": "availability", "availability-slots": ["1-2", "3-2"]},
    )
    assert response.status_code == 302
    assert set(
        WeeklyAvailability.objects.filter(person=trainer.person).values_list("weekday", "daypart")
    ) == {(1, 2), (3, 2)}


def test_the_trainer_sees_the_hubs_they_teach_for_and_what_a_hub_recorded(client, world):
    # given a trainer on this hub's roster, with a drop-out the coordinator recorded
    trainer = world["users"]["trainer"]
    on_roster(world["hub"], trainer.person, most=2)
    services.exception_add(
        person=trainer.person,
        starts_on=DAY,
        ends_on=DAY,
        reason="Ziek gemeld",
        actor=world["users"]["coordinator"],
        hub=world["hub"],
    )
    client.force_login(trainer)
    page = client.get(reverse("portal:my_availability"), HTTP_ACCEPT_LANGUAGE="nl")
    text = page.content.decode()
    assert world["hub"].name in text and "Ziek gemeld" in text
    # and the trainer may remove it: their availability is theirs
    item = trainer.person.unavailable.get()
    response = client.post(
        reverse("portal:my_availability"), {"action": "remove", "exception": item.pk}
    )
    assert response.status_code == 302 and not trainer.person.unavailable.exists()


def test_a_coordinator_of_a_hub_that_does_not_engage_the_trainer_records_nothing(world):
    trainer = world["users"]["trainer"]
    with pytest.raises(NotAllowed):
        services.exception_add(
            person=trainer.person,
            starts_on=DAY,
            ends_on=DAY,
            reason="",
            actor=world["users"]["other_coordinator"],
            hub=world["users"]["other_coordinator"].roles.get().hub,
        )
    with pytest.raises(NotAllowed):
        services.availability_set(
            person=trainer.person, slots={(0, 0)}, actor=world["users"]["coordinator"]
        )


def test_a_member_books_the_demo_house_and_others_see_only_busy(client, world):
    client.force_login(world["users"]["contact"])
    url = reverse(
        "portal:book",
        kwargs={
            "organisation_id": world["company"].pk,
            "kind": "ruimte",
            "resource_id": world["house"].pk,
        },
    )
    data = {"day": DAY.isoformat(), "start": "09:00", "end": "12:00", "purpose": "Klantdemo Bogro"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 400  # taken now: a field error, nothing saved
    assert Booking.objects.count() == 1
    client.force_login(world["users"]["other_contact"])
    other = world["users"]["other_contact"].person.employer
    page = client.get(
        reverse(
            "portal:book",
            kwargs={
                "organisation_id": other.pk,
                "kind": "ruimte",
                "resource_id": world["house"].pk,
            },
        )
        + f"?week={DAY}"
    )
    content = page.content.decode()
    assert (
        "09:00–12:00" in content
        and "Klantdemo" not in content
        and world["company"].name not in content
    )


def test_cancel_only_own_booking(client, world):
    booking = services.booking_create(
        actor=world["users"]["contact"],
        place=world["house"],
        organisation=world["company"],
        starts_at=at(DAY, "9:00"),
        ends_at=at(DAY, "10:00"),
    )
    other = world["users"]["other_contact"]
    client.force_login(other)
    url = reverse(
        "portal:booking_cancel",
        kwargs={"organisation_id": other.person.employer.pk, "booking_id": booking.pk},
    )
    assert client.post(url).status_code == 404
    client.force_login(world["users"]["contact"])
    url = reverse(
        "portal:booking_cancel",
        kwargs={"organisation_id": world["company"].pk, "booking_id": booking.pk},
    )
    assert client.post(url).status_code == 302
    assert not Booking.objects.exists()


def test_pages_are_valid_html(client, world):
    equipment(world["hub"], name="Warmtebeeldcamera")
    client.force_login(world["users"]["contact"])
    org = world["company"].pk
    assert_valid(client, reverse("portal:bookables", kwargs={"organisation_id": org}))
    assert_valid(
        client,
        reverse(
            "portal:book",
            kwargs={"organisation_id": org, "kind": "ruimte", "resource_id": world["house"].pk},
        ),
    )
    client.force_login(world["users"]["trainer"])
    assert_valid(client, reverse("portal:my_availability"))


def test_a_trainer_of_single_sessions_saves_their_attendance_but_cannot_close_the_edition(
    client, world
):
    trainer = world["users"]["trainer"]
    edition = EditionFactory(course__hub=world["hub"], trainer=None)
    session = SessionFactory(edition=edition, trainer=trainer.person)
    client.force_login(trainer)
    response = client.post(reverse("portal:attendance", args=[session.pk]), {})
    assert response.status_code in (200, 302)
    assert (
        "complete-edition"
        not in client.get(reverse("portal:trainer_edition", args=[edition.pk])).content.decode()
    )
