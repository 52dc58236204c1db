"""Attendance for one session in one screen: everyone present by default, one submit."""

import pytest
from django.urls import reverse

from technohub.enrolment.models import Attendance
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import PersonFactory
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("held")]
ALLOWED = {"trainer_this_edition", "coordinator_this_hub"}


def url(session) -> str:
    return reverse("portal:attendance", args=[session.pk])


def all_present(enrolments) -> dict[str, str]:
    """What the browser sends when nothing is changed: every default radio (present)."""
    return {f"mark_{e.pk}": "present" for e in enrolments}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_editions_trainer_or_hub_coordinator_opens_it(role, client, login_as, world):
    user = login_as(role)
    response = client.get(url(world.sessions[0]))
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == (200 if role in ALLOWED else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_editions_trainer_or_hub_coordinator_records(role, client, login_as, world):
    user = login_as(role)
    response = client.post(
        url(world.sessions[0]), all_present([world.enrolment, world.rival_enrolment])
    )
    if user is None:
        assert_login_redirect(response)
    elif role in ALLOWED:
        assert response.status_code == 302
        assert Attendance.objects.count() == 2
        return
    else:
        assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_page_lists_every_participant_with_present_preselected(client, world):
    client.force_login(world.trainer)
    response = client.get(url(world.sessions[0]))
    content = response.content.decode()
    for enrolment in (world.enrolment, world.rival_enrolment):
        assert f'name="mark_{enrolment.pk}" value="present"' in content
        assert response.context["form"][f"mark_{enrolment.pk}"].value() == "present"
    assert 'data-mark-all="present"' in content
    assert content.count('type="radio"') == 6


def test_class_of_15_in_one_post(client, world, django_assert_max_num_queries):
    # given 15 confirmed participants (2 from the world + 13)
    extra = [EnrolmentFactory(edition=world.edition, person=PersonFactory()) for _ in range(13)]
    enrolments = [world.enrolment, world.rival_enrolment, *extra]
    client.force_login(world.trainer)
    with django_assert_max_num_queries(12):
        page = client.get(url(world.sessions[0]))
    assert len(page.context["form"].rows()) == 15
    # when the trainer changes two marks and submits once
    data = all_present(enrolments)
    data[f"mark_{extra[0].pk}"] = "absent"
    data[f"mark_{extra[1].pk}"] = "excused"
    response = client.post(url(world.sessions[0]), data)
    # then all 15 are recorded, and the trainer is back on the edition page
    assert response["Location"] == reverse("portal:trainer_edition", args=[world.edition.pk])
    marks = dict(
        Attendance.objects.filter(session=world.sessions[0]).values_list("enrolment", "status")
    )
    assert len(marks) == 15
    assert marks[extra[0].pk] == "absent" and marks[extra[1].pk] == "excused"
    assert list(marks.values()).count("present") == 13


def test_recording_again_replaces_and_prefills(client, world):
    client.force_login(world.trainer)
    data = all_present([world.enrolment, world.rival_enrolment])
    data[f"mark_{world.enrolment.pk}"] = "absent"
    client.post(url(world.sessions[0]), data)
    page = client.get(url(world.sessions[0]))
    assert page.context["form"][f"mark_{world.enrolment.pk}"].value() == "absent"
    client.post(url(world.sessions[0]), all_present([world.enrolment, world.rival_enrolment]))
    assert Attendance.objects.get(enrolment=world.enrolment).status == "present"
    assert Attendance.objects.count() == 2


def test_invalid_mark_is_a_field_error(client, world):
    client.force_login(world.trainer)
    data = all_present([world.enrolment, world.rival_enrolment])
    data[f"mark_{world.enrolment.pk}"] = "sleeping"
    response = client.post(url(world.sessions[0]), data)
    assert response.status_code == 200
    assert response.context["form"].errors[f"mark_{world.enrolment.pk}"]
    assert not Attendance.objects.exists()


def test_waitlisted_and_cancelled_people_are_not_listed(client, world):
    waiting = EnrolmentFactory(edition=world.edition, status="waitlisted", waitlist_position=1)
    gone = EnrolmentFactory(edition=world.edition, status="cancelled")
    client.force_login(world.trainer)
    rows = [e for e, _ in client.get(url(world.sessions[0])).context["form"].rows()]
    assert waiting not in rows and gone not in rows


def test_unknown_session_is_404(client, world):
    client.force_login(world.trainer)
    assert client.get(reverse("portal:attendance", args=[999999])).status_code == 404
