"""The learner's own agenda at /mijn/agenda/ (Europe/Amsterdam times)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.catalogue.tests.factories import SessionFactory
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import learner_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db
URL = reverse("portal:agenda")


@pytest.mark.parametrize("role", ROLES)
def test_agenda_needs_a_login(role, client, login_as):
    user = login_as(role)
    response = client.get(URL)
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == 200


def test_learner_sees_own_sessions_in_amsterdam_time_and_not_others(client, world):
    # given a learner enrolled in the edition whose sessions start 19:00 Amsterdam time
    learner = learner_user()
    EnrolmentFactory(edition=world.edition, person=learner.person)
    other = SessionFactory()  # an edition the learner is not in
    client.force_login(learner)
    # when they open their agenda
    response = client.get(URL)
    # then both sessions are listed, at 19:00, and nothing else
    assert [s.pk for s in response.context["sessions"]] == [s.pk for s in world.sessions]
    assert other not in response.context["sessions"]
    assert "19:00–21:00" in response.content.decode()


def test_past_sessions_only_on_request(client, world):
    learner = learner_user()
    EnrolmentFactory(edition=world.edition, person=learner.person)
    # yesterday morning, local time: a session ending today (e.g. yesterday 22:30 + 2 h) is
    # still today's and listed
    yesterday = (timezone.localtime() - dt.timedelta(days=1)).replace(hour=9, minute=0)
    past = SessionFactory(
        edition=world.edition, starts_at=yesterday, ends_at=yesterday + dt.timedelta(hours=2)
    )
    client.force_login(learner)
    assert past not in client.get(URL).context["sessions"]
    assert past in client.get(URL, {"alles": "1"}).context["sessions"]


def test_waitlisted_learner_has_no_sessions_yet(client, world):
    learner = learner_user()
    EnrolmentFactory(
        edition=world.edition, person=learner.person, status="waitlisted", waitlist_position=1
    )
    client.force_login(learner)
    assert client.get(URL).context["sessions"] == []


def test_agenda_query_count(client, world, django_assert_max_num_queries):
    learner = learner_user()
    EnrolmentFactory(edition=world.edition, person=learner.person)
    for _ in range(10):
        EnrolmentFactory(edition=SessionFactory().edition, person=learner.person)
    client.force_login(learner)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert len(response.context["sessions"]) == 12
