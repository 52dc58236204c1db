"""Preferred times from the training needs: which needs speak for an edition, their votes, the
plan they steer, and the pattern page that shows where a preference comes from."""

import datetime as dt

import pytest
from django.test import TestCase
from django.urls import reverse

from technohub.catalogue.tests.factories import CourseFactory, PlaceFactory
from technohub.demand.models import Need, Topic
from technohub.demand.tests.factories import member_company, need
from technohub.hubs.tests.factories import HubFactory, PersonFactory, coordinator_user
from technohub.scheduling import preferences, services
from technohub.scheduling.models import PlanningRequest, Proposal
from technohub.scheduling.planning import AFTERNOON, EVENING, MORNING
from technohub.scheduling.tests.factories import LOCAL, next_monday, waiting_edition
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db
TUESDAY, THURSDAY = 1, 3


@pytest.fixture
def hub():
    return HubFactory()


def _edition(hub, **pattern):
    """A waiting edition that may be planned in the day or the evening, Tuesday or Thursday."""
    trainer = PersonFactory()
    edition = waiting_edition(
        hub,
        trainer=trainer,
        place=PlaceFactory(hub=hub, capacity=12),
        time_of_day=PlanningRequest.Time.ANY,
        **pattern,
    )
    services.availability_set(
        person=trainer,
        slots={(day, part) for day in (TUESDAY, THURSDAY) for part in (MORNING, EVENING)},
        actor=None,
    )
    return edition


def test_needs_for_the_course_or_its_topic_speak_for_the_edition(hub):
    edition = _edition(hub)
    evening = need(
        hub,
        member_company(hub, name="Bogro"),
        course=edition.course,
        people=4,
        daypart=Need.Daypart.EVENING,
        weekdays=[TUESDAY, THURSDAY],
    )
    day = need(hub, member_company(hub), "hybride warmtepomp", people=2, daypart="daytime")
    Topic.objects.filter(pk=day.topic_id).update(course=edition.course)
    need(hub, member_company(hub), "lassen", people=9, daypart="evening")  # another subject
    withdrawn = need(hub, member_company(hub), course=edition.course, people=5)
    Need.objects.filter(pk=withdrawn.pk).update(status=Need.Status.WITHDRAWN)
    elsewhere = HubFactory()  # a need of another hub never counts, even if linked wrongly
    foreign = need(elsewhere, member_company(elsewhere), people=7, daypart="evening")
    Need.objects.filter(pk=foreign.pk).update(course=edition.course)

    found = preferences.from_needs(hub=hub, editions=[edition])[edition.pk]

    assert [(w.need, w.topic is not None) for w in found.wishes] == [(evening, False), (day, True)]
    assert found.people == 6
    assert found.part_votes == {EVENING: 4, MORNING: 2, AFTERNOON: 2}
    assert found.day_votes == {TUESDAY: 4, THURSDAY: 4}


def test_a_topic_that_became_the_edition_counts(hub):
    edition = _edition(hub)
    stated = need(hub, member_company(hub), "warmtepomp", people=3, daypart="evening")
    Topic.objects.filter(pk=stated.topic_id).update(edition=edition)
    found = preferences.from_needs(hub=hub, editions=[edition])[edition.pk]
    assert found.part_votes == {EVENING: 3}


def test_the_coordinator_adds_to_the_needs_or_switches_them_off(hub):
    edition = _edition(hub)
    need(hub, member_company(hub), course=edition.course, people=4, daypart="evening")
    request = edition.planning_request
    found = preferences.from_needs(hub=hub, editions=[edition])[edition.pk]
    request.preferred_daypart, request.preference_weight = MORNING, 3
    assert preferences.votes(request, found) == ({EVENING: 4, MORNING: 3}, {})
    request.use_needs = False
    assert preferences.votes(request, found) == ({MORNING: 3}, {})


def _planned_parts(hub) -> set[int]:
    start = next_monday()
    coordinator = coordinator_user(hub)
    with TestCase.captureOnCommitCallbacks(execute=True):
        proposal = services.proposal_create(
            hub=hub,
            actor=coordinator,
            starts_on=start,
            ends_on=start + dt.timedelta(weeks=4, days=-1),
            seconds=5,
        )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.READY, proposal.message
    return {
        MORNING if row.starts_at.astimezone(LOCAL).hour < 12 else EVENING
        for row in proposal.sessions.all()
    }


@pytest.mark.parametrize(("asked", "expected"), [("evening", EVENING), ("daytime", MORNING)])
def test_the_builder_plans_when_the_needs_ask(hub, asked, expected):
    edition = _edition(hub)
    need(hub, member_company(hub), course=edition.course, people=6, daypart=asked)
    assert _planned_parts(hub) == {expected}


def test_the_pattern_page_shows_where_the_preference_comes_from(client, hub):
    edition = _edition(hub)
    need(
        hub,
        member_company(hub, name="Installatiebedrijf Bogro"),
        "Installeren van warmtepompen",
        course=edition.course,
        people=4,
        daypart="evening",
        weekdays=[TUESDAY],
    )
    other = CourseFactory(hub=hub)
    need(hub, member_company(hub, name="Lasbedrijf De Vonk"), "lassen", course=other, people=9)
    client.force_login(coordinator_user(hub))
    url = reverse("backoffice:pattern", args=[hub.slug, edition.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Installatiebedrijf Bogro" in page and "Installeren van warmtepompen" in page
    assert "De Vonk" not in page
    assert "Avond: 4" in page and "Dinsdag: 4" in page
    assert 'name="use_needs"' in page
    assert_valid(client, url)
