"""Companies that asked for a planned topic find their reserved seats: a notice on the portal
home and on their needs page (count and deadline) until the seats are named or released; the
need form states the hub's own k."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from technohub.demand import services
from technohub.demand.models import Topic, TopicInvitation
from technohub.demand.tests.factories import member_company, need, planned_edition
from technohub.enrolment import services as enrolment_services
from technohub.enrolment.models import SeatPool
from technohub.hubs.models import Role
from technohub.hubs.tests.factories import PersonFactory, contact_user

HOME = "/mijn/"
NOTICE = 'class="notice demand-first-right"'


@pytest.fixture
def invited(world):
    """Companies A (4 people), B (3) and C (2) asked; 10 seats: all of them reserved."""
    for company, people in ((world.a, 4), (world.b, 3), (world.c, 2)):
        need(world.hub, company, "warmtepomp installeren", people=people)
    topic = Topic.objects.get()
    edition = planned_edition(topic, world.users["coordinator"], capacity=10)
    services.topic_invite(topic=topic, actor=world.users["coordinator"])
    return edition


def needs_page(world, company) -> str:
    return f"/mijn/bedrijf/{company.pk}/behoeften/"


def deadline_text(edition, company) -> str:
    release_at = SeatPool.objects.get(edition=edition, organisation=company).release_at
    with translation.override("nl"):
        return date_format(timezone.localtime(release_at), "j F, H:i")


def test_the_needs_page_and_the_home_show_the_reserved_seats_and_the_deadline(
    world, invited, login
):
    client = login("contact_a")
    deadline = deadline_text(invited, world.a)
    for path in (needs_page(world, world.a), HOME):
        content = client.get(path, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
        assert NOTICE in content, path
        assert f"4 plaatsen zijn voor je mensen gereserveerd tot {deadline}." in content, path
        assert f'href="/mijn/bedrijf/{world.a.pk}/voorrang/"' in content, path
    # and the invitations page leads straight to the pool to name them
    pool = SeatPool.objects.get(edition=invited, organisation=world.a)
    content = client.get(f"/mijn/bedrijf/{world.a.pk}/voorrang/").content.decode()
    assert f"/mijn/bedrijf/{world.a.pk}/plaatsen/{pool.pk}/" in content
    assert deadline in content


@pytest.mark.parametrize("role", ["contact_b", "outsider", "learner", "teacher"])
def test_nobody_sees_another_companys_reserved_seats(world, invited, login, role):
    # contact B sees only B's own 3 seats; the others none
    client = login(role)
    content = client.get(HOME, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "4 plaatsen" not in content
    assert (NOTICE in content) == (role == "contact_b")
    if role == "contact_b":
        assert "3 plaatsen zijn voor je mensen gereserveerd" in content
        assert f"/mijn/bedrijf/{world.a.pk}/" not in content


def test_a_company_that_did_not_ask_gets_no_notice(world, invited, client):
    client.force_login(contact_user(world.d))
    for path in (needs_page(world, world.d), HOME):
        assert NOTICE not in client.get(path).content.decode(), path


def test_the_notice_goes_once_every_seat_is_named(world, invited, login):
    pool = SeatPool.objects.get(edition=invited, organisation=world.a)
    people = [PersonFactory(employer=world.a) for _ in range(3)]
    enrolment_services.seat_pool_assign(pool=pool, people=people, actor=world.users["contact_a"])
    client = login("contact_a")
    content = client.get(needs_page(world, world.a), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "1 plaats is voor je mensen gereserveerd" in content  # one still to name
    enrolment_services.seat_pool_assign(
        pool=pool, people=[PersonFactory(employer=world.a)], actor=world.users["contact_a"]
    )
    for path in (needs_page(world, world.a), HOME):
        assert NOTICE not in client.get(path).content.decode(), path
    content = client.get(f"/mijn/bedrijf/{world.a.pk}/voorrang/").content.decode()
    assert "Alle gereserveerde plaatsen zijn aan je mensen gegeven." in content


def test_the_notice_goes_when_the_reservation_ends_or_is_released(world, invited, login):
    SeatPool.objects.filter(organisation=world.a).update(
        release_at=timezone.now() - dt.timedelta(minutes=1)
    )
    pool_b = SeatPool.objects.get(organisation=world.b)
    enrolment_services.seat_pool_release(pool=pool_b, actor=world.users["contact_b"])
    for role, company in (("contact_a", world.a), ("contact_b", world.b)):
        client = login(role)
        for path in (needs_page(world, company), HOME):
            assert NOTICE not in client.get(path).content.decode(), (role, path)
        content = client.get(
            f"/mijn/bedrijf/{company.pk}/voorrang/", HTTP_ACCEPT_LANGUAGE="nl"
        ).content.decode()
        assert "De reservering is afgelopen" in content
        assert "zodra de hub de inschrijving opent" in content  # the edition is still a draft


def test_a_contact_of_several_companies_costs_one_query_for_all_notices(world, invited, client):
    # given a contact of A and B (both invited) and of two more companies
    user = world.users["contact_a"]
    for company in (world.b, member_company(world.hub), member_company(world.hub)):
        Role.objects.create(user=user, kind=Role.Kind.CONTACT, organisation=company)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(HOME, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    invitation_table = TopicInvitation._meta.db_table
    assert sum(invitation_table in q["sql"] for q in queries.captured_queries) == 1
    assert content.count(NOTICE) == 2


@pytest.mark.parametrize("role", ["learner", "trainer", "teacher", "coordinator"])
def test_the_home_of_someone_who_is_no_contact_does_not_look_for_invitations(
    world, invited, login, role
):
    client = login(role)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    invitation_table = TopicInvitation._meta.db_table
    assert not any(invitation_table in q["sql"] for q in queries.captured_queries)


def test_the_need_form_states_the_hubs_own_k(world, login):
    client = login("contact_a")
    path = f"/mijn/bedrijf/{world.a.pk}/behoeften/nieuw/"
    assert (
        "minstens 3 andere bedrijven"
        in client.get(path, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    )
    services.funnel_settings_update(
        hub=world.hub, actor=world.users["coordinator"], min_companies=3, min_participants=8,
        k_anonymity=5,
    )  # fmt: skip
    content = client.get(path, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "minstens 5 andere bedrijven" in content
    assert "minstens 3 andere" not in content
    english = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "at least 5 other companies asked for" in english


def test_the_coordinator_sees_each_pools_state_and_invites_only_while_someone_is_left(
    world, invited, login
):
    client = login("coordinator")
    path = f"/beheer/{world.hub.slug}/vraag/onderwerpen/{Topic.objects.get(edition=invited).pk}/"
    content = client.get(path, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert 'id="invite-form"' not in content
    assert "Elk bedrijf dat erom vroeg is uitgenodigd." in content
    assert "zonder naam: 4 (tot " in content
    # a fourth company asks later: it can still be invited
    need(world.hub, world.d, "warmtepomp installeren", people=1)
    assert 'id="invite-form"' in client.get(path).content.decode()
