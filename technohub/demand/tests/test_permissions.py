"""Every demand page and endpoint, for every role: allowed or refused (and how)."""

import datetime as dt

import pytest
from django.utils import timezone

from technohub.demand import services
from technohub.demand.models import Need, Topic
from technohub.demand.tests.factories import need

ROLES = [
    "anonymous", "learner", "contact_a", "contact_b", "outsider", "trainer", "teacher",
    "coordinator", "other_coordinator",
]  # fmt: skip
BACKOFFICE = {
    "anonymous": "login", "learner": 403, "contact_a": 403, "contact_b": 403, "outsider": 403,
    "trainer": 403, "teacher": 403, "coordinator": 200, "other_coordinator": 404,
}  # fmt: skip
COMPANY_A = {
    "anonymous": "login", "learner": 404, "contact_a": 200, "contact_b": 404, "outsider": 404,
    "trainer": 404, "teacher": 404, "coordinator": 404, "other_coordinator": 404,
}  # fmt: skip
FUNNEL = {  # members and start-team members of the hub
    "anonymous": "login", "learner": 404, "contact_a": 200, "contact_b": 200, "outsider": 404,
    "trainer": 404, "teacher": 200, "coordinator": 404, "other_coordinator": 404,
}  # fmt: skip


@pytest.fixture
def given(world):
    for company in (world.a, world.b, world.c, world.d):
        need(world.hub, company, "warmtepomp basis")
    topic = Topic.objects.get()
    survey = services.survey_send(
        hub=world.hub, actor=world.users["coordinator"], title="Ronde", message="Graag",
        closes_on=timezone.localdate() + dt.timedelta(days=14),
    )  # fmt: skip
    return {
        "topic": topic,
        "need": Need.objects.filter(organisation=world.a).get(),
        "survey": survey,
    }


def check(response, expected):
    if expected == "login":
        assert response.status_code == 302 and "/mijn/inloggen/" in response["Location"]
    else:
        assert response.status_code == expected


def backoffice_paths(world, given):
    base = f"/beheer/{world.hub.slug}/vraag/"
    topic = given["topic"].pk
    return [
        base, f"{base}onderwerpen/{topic}/", f"{base}onderwerpen/{topic}/editie/",
        f"{base}behoeften/", f"{base}behoeften.csv", f"{base}import/", f"{base}instellingen/",
        f"{base}uitvragen/", f"{base}uitvragen/{given['survey'].pk}/",
    ]  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_backoffice_pages(world, given, login, role):
    client = login(role)
    for path in backoffice_paths(world, given):
        check(client.get(path), BACKOFFICE[role])


@pytest.mark.parametrize("role", ROLES)
def test_backoffice_writes(world, given, login, role):
    client = login(role)
    base = f"/beheer/{world.hub.slug}/vraag/"
    check(client.post(f"{base}hergroeperen/"), 302 if role == "coordinator" else BACKOFFICE[role])
    response = client.post(
        f"{base}onderwerpen/{given['topic'].pk}/", {"action": "stage", "stage": "parked"}
    )
    check(response, 400 if role == "coordinator" else BACKOFFICE[role])  # no reason given
    assert Topic.objects.get().stage == Topic.Stage.GROUPED


@pytest.mark.parametrize("role", ROLES)
def test_company_pages(world, given, login, role):
    client = login(role)
    a = world.a.pk
    need_id = given["need"].pk
    for path in (
        f"/mijn/bedrijf/{a}/behoeften/",
        f"/mijn/bedrijf/{a}/behoeften/nieuw/",
        f"/mijn/bedrijf/{a}/behoeften/{need_id}/",
        f"/mijn/bedrijf/{a}/voorrang/",
    ):
        check(client.get(path), COMPANY_A[role])
    withdraw = client.post(f"/mijn/bedrijf/{a}/behoeften/{need_id}/intrekken/")
    check(withdraw, 302 if role == "contact_a" else COMPANY_A[role])
    given["need"].refresh_from_db()
    assert (given["need"].status == "withdrawn") == (role == "contact_a")


def test_a_contact_cannot_reach_another_companys_need_through_its_own_url(world, given, login):
    client = login("contact_b")
    b = world.b.pk
    other = given["need"].pk  # company A's need
    assert client.get(f"/mijn/bedrijf/{b}/behoeften/{other}/").status_code == 404
    assert client.post(f"/mijn/bedrijf/{b}/behoeften/{other}/intrekken/").status_code == 404
    given["need"].refresh_from_db()
    assert given["need"].status == "open"


@pytest.mark.parametrize("role", ROLES)
def test_member_funnel(world, given, login, role):
    client = login(role)
    check(client.get("/mijn/vraag/woerden/"), FUNNEL[role])
    check(client.get("/mijn/vraag/woerden/vraag.csv"), FUNNEL[role])


@pytest.mark.parametrize("role", ROLES)
def test_flagging_is_for_the_topics_start_team_only(world, given, login, role):
    topic = given["topic"]
    services.topic_update(
        topic=topic, actor=world.users["coordinator"], label="Warmtepomp", sector=world.sector
    )
    client = login(role)
    response = client.post(f"/mijn/vraag/woerden/onderwerpen/{topic.pk}/gevoelig/", {"reason": "x"})
    expected = {"teacher": 302, "anonymous": "login"}.get(role, 404)
    check(response, expected)
    assert topic.flags.exists() == (role == "teacher")
