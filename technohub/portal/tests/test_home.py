"""The dashboard at /mijn/: its sections follow the roles; learners cancel their own enrolment."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import PersonFactory, learner_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db
URL = reverse("portal:home")


@pytest.mark.parametrize("role", ROLES)
def test_every_logged_in_role_gets_a_dashboard(role, client, login_as):
    user = login_as(role)
    response = client.get(URL)
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == 200


def test_learner_sees_own_enrolment_sessions_and_feed(client, world):
    # given a learner with a login enrolled in the world's edition
    client.force_login(learner_with_login := _login_for(world.employee))
    # when they open the dashboard
    response = client.get(URL)
    # then their enrolment, sessions and personal feed are there
    content = response.content.decode()
    assert learner_with_login.person.feed_token in content
    assert f"/feeds/persoon/{world.employee.feed_token}.ics" in content
    assert response.context["enrolments"] == [world.enrolment]
    assert [s.pk for s in response.context["sessions"]] == [s.pk for s in world.sessions]
    assert reverse("portal:enrolment_cancel", args=[world.enrolment.pk]) in content


def test_contact_sees_only_own_company_links(client, login_as, world):
    login_as("contact_same_company")
    content = client.get(URL).content.decode()
    assert reverse("portal:company_employees", args=[world.company.pk]) in content
    assert reverse("portal:company_employees", args=[world.rival.pk]) not in content
    assert world.rival.name not in content
    assert world.employee.full_name not in content


def test_trainer_sees_attendance_links_for_own_sessions(client, login_as, world):
    login_as("trainer_this_edition")
    content = client.get(URL).content.decode()
    for session in world.sessions:
        assert reverse("portal:attendance", args=[session.pk]) in content
    assert reverse("portal:trainer_edition", args=[world.edition.pk]) in content


def test_other_trainer_sees_no_attendance_links(client, login_as, world):
    login_as("trainer_other")
    content = client.get(URL).content.decode()
    assert reverse("portal:attendance", args=[world.sessions[0].pk]) not in content


def test_dashboard_query_count_does_not_grow_with_enrolments(
    client, world, django_assert_max_num_queries
):
    user = _login_for(world.employee)
    for _ in range(15):
        EnrolmentFactory(person=world.employee)
    client.force_login(user)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200


def test_learner_cancels_own_enrolment_and_waitlist_is_promoted(client, world):
    # given a full edition: the learner has the last seat, someone waits
    world.edition.capacity = 2
    world.edition.save()
    waiting = EnrolmentFactory(
        edition=world.edition, person=PersonFactory(), status="waitlisted", waitlist_position=1
    )
    client.force_login(_login_for(world.employee))
    # when they cancel
    response = client.post(reverse("portal:enrolment_cancel", args=[world.enrolment.pk]))
    # then their enrolment is cancelled and the first on the waitlist has the seat
    assert response.status_code == 302
    world.enrolment.refresh_from_db()
    waiting.refresh_from_db()
    assert world.enrolment.status == Enrolment.Status.CANCELLED
    assert waiting.status == Enrolment.Status.CONFIRMED


def test_cancel_after_the_deadline_is_refused_with_a_message(client, world):
    world.edition.cancellation_deadline = timezone.now() - dt.timedelta(hours=1)
    world.edition.save()
    client.force_login(_login_for(world.employee))
    response = client.post(
        reverse("portal:enrolment_cancel", args=[world.enrolment.pk]), follow=True
    )
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == Enrolment.Status.CONFIRMED
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    # and no cancel button is offered any more
    assert reverse("portal:enrolment_cancel", args=[world.enrolment.pk]) not in (
        response.content.decode()
    )


@pytest.mark.parametrize("role", ROLES)
def test_nobody_cancels_someone_elses_enrolment_via_the_learner_url(role, client, login_as, world):
    user = login_as(role)
    response = client.post(reverse("portal:enrolment_cancel", args=[world.enrolment.pk]))
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == 404
    world.enrolment.refresh_from_db()
    assert world.enrolment.status == Enrolment.Status.CONFIRMED


def test_user_without_person_gets_a_calm_page(client):
    from technohub.hubs.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.get(URL).status_code == 200


def _login_for(person):
    """Give an existing person a login."""
    user = learner_user()
    user.person.delete()
    person.user = user
    person.save(update_fields=["user"])
    user.refresh_from_db()
    return user
