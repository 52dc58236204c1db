"""Back-office pages of facilities and the agenda builder: access per role, forms, HTML."""

import datetime as dt

import pytest
from django.test import TestCase
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.tests.factories import PlaceFactory
from technohub.hubs.tests.factories import PersonFactory, trainer_user
from technohub.scheduling.models import ClosedPeriod, Proposal
from technohub.scheduling.tests.factories import (
    equipment,
    next_monday,
    on_roster,
    waiting_edition,
)
from tests.test_html_validity import assert_valid

PAGES = ["planning", "facilities", "trainers", "closed_periods", "equipment_add"]


def _url(world, name, kwargs=None):
    return reverse(f"backoffice:{name}", kwargs={"hub_slug": world.hub.slug, **(kwargs or {})})


def _objects(world):
    trainer = trainer_user()
    on_roster(world.hub, trainer.person)  # a trainer's page is the roster row of this hub
    edition = waiting_edition(world.hub, trainer=trainer.person)
    proposal = Proposal.objects.create(
        hub=world.hub,
        starts_on=next_monday(),
        ends_on=next_monday() + dt.timedelta(days=27),
        status="ready",
    )
    return {
        "pattern": {"edition_id": edition.pk},
        "proposal": {"proposal_id": proposal.pk},
        "proposal_status": {"proposal_id": proposal.pk},
        "place": {"place_id": PlaceFactory(hub=world.hub).pk},
        "equipment": {"equipment_id": equipment(world.hub).pk},
        "trainer": {"person_id": trainer.person.pk},
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", PAGES + ["pattern", "proposal", "proposal_status", "place", "equipment", "trainer"]
)
def test_access_per_role(client, world, role, name):
    kwargs = _objects(world).get(name, {})
    check_access(client, world, role, _url(world, name, kwargs))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["proposal_accept", "replan"])
def test_posts_per_role(client, world, role, name):
    kwargs = (
        {"proposal_id": _objects(world)["proposal"]["proposal_id"]}
        if name == "proposal_accept"
        else {}
    )
    url = _url(world, name, kwargs)
    check_access(client, world, role, url, method="post", ok=400)  # an empty form: field errors


@pytest.mark.django_db
def test_retry_per_role(client, world, role):
    proposal_id = _objects(world)["proposal"]["proposal_id"]
    check_access(
        client,
        world,
        role,
        _url(world, "proposal_retry", {"proposal_id": proposal_id}),
        method="post",
        ok=302,
    )  # a ready proposal is not run again: back to its page with a message
    assert Proposal.objects.count() == 1


@pytest.mark.django_db
def test_other_hubs_objects_are_not_found(coordinator_client, world):
    place = PlaceFactory(hub=world.other_hub)
    url = reverse("backoffice:place", args=[world.hub.slug, place.pk])
    assert coordinator_client.get(url).status_code == 404
    proposal = Proposal.objects.create(
        hub=world.other_hub, starts_on=next_monday(), ends_on=next_monday(), status="failed"
    )
    for name in ("proposal", "proposal_status", "proposal_retry"):
        url = reverse(f"backoffice:{name}", args=[world.hub.slug, proposal.pk])
        method = coordinator_client.post if name == "proposal_retry" else coordinator_client.get
        assert method(url).status_code == 404
    assert Proposal.objects.count() == 1


@pytest.mark.django_db
def test_propose_accept_from_the_pages(coordinator_client, world):
    edition = waiting_edition(world.hub, trainer=PersonFactory())
    start = next_monday()
    url = reverse("backoffice:planning", args=[world.hub.slug])
    data = {
        "starts_on": start,
        "ends_on": start + dt.timedelta(days=27),
        "seconds": 5,
        "coverage": 60,
        "preference": 4,
        "balance": 2,
        "room": 3,
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = coordinator_client.post(url, data)
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and proposal.status == "ready"
    page = coordinator_client.get(response.url)
    assert edition.code in page.content.decode()
    accept = reverse("backoffice:proposal_accept", args=[world.hub.slug, proposal.pk])
    coordinator_client.post(accept, {"editions": [edition.pk]})
    assert edition.sessions.count() == 3


@pytest.mark.django_db
def test_bad_input_shows_dutch_field_errors(coordinator_client, world):
    url = reverse("backoffice:closed_periods", args=[world.hub.slug])
    response = coordinator_client.post(
        url,
        {
            "action": "add",
            "name": "Meivakantie",
            "starts_on": "2026-05-08",
            "ends_on": "2026-05-01",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert not ClosedPeriod.objects.exists()


@pytest.mark.django_db
def test_pages_are_valid_html(coordinator_client, world):
    objects = _objects(world)
    for name in PAGES + [name for name in objects if name != "proposal_status"]:  # a fragment
        assert_valid(coordinator_client, _url(world, name, objects.get(name)))
