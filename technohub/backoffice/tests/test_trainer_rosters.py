"""Trainers belong to the hubs that engage them: a coordinator sees and edits only their own
hub's roster; a person's weekly availability is theirs (read-only in the back office)."""

import pytest
from django.urls import reverse

from technohub.catalogue.tests.factories import CourseFactory
from technohub.hubs.audit import AuditEntry
from technohub.hubs.models import Role
from technohub.hubs.tests.factories import PersonFactory, RoleFactory, trainer_user
from technohub.scheduling import services
from technohub.scheduling.models import AvailabilityException, HubTrainer, WeeklyAvailability
from technohub.scheduling.planning import EVENING
from technohub.scheduling.tests.factories import on_roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def richard(world):
    """The other hub's trainer (a trainer role without a hub, as in the demo)."""
    user = trainer_user(employer=None)
    services.availability_set(person=user.person, slots={(3, EVENING)}, actor=None)
    on_roster(world.other_hub, user.person, courses=[CourseFactory(hub=world.other_hub)], most=1)
    return user.person


def _page(world, person, hub=None):
    return reverse("backoffice:trainer", args=[(hub or world.hub).slug, person.pk])


def test_another_hubs_trainer_is_not_found(client, world, richard):
    # given the coordinator of this hub, and Richard on the other hub's roster only
    client.force_login(world.coordinator)
    # when they open or save Richard's page through their own hub
    assert client.get(_page(world, richard)).status_code == 404
    for data in (
        {"action": "availability", "availability-slots": ["0-0"]},
        {"action": "roster", "roster-max_sessions_per_week": "9", "roster-active": "on"},
        {
            "action": "exception",
            "exception-starts_on": "2027-01-04",
            "exception-ends_on": "2027-01-08",
        },
    ):
        assert client.post(_page(world, richard), data).status_code == 404
    # then nothing of his changed, and he is not in the hub's list
    assert list(richard.availability.values_list("weekday", "daypart")) == [(3, EVENING)]
    assert HubTrainer.objects.get(person=richard).max_sessions_per_week == 1
    assert not AvailabilityException.objects.exists()
    listing = client.get(reverse("backoffice:trainers", args=[world.hub.slug])).content.decode()
    assert richard.full_name not in listing


def test_the_other_hubs_coordinator_sees_its_own_trainer(client, world, richard):
    client.force_login(world.other_coordinator)
    page = client.get(_page(world, richard, world.other_hub))
    assert page.status_code == 200 and richard.full_name in page.content.decode()


def test_a_trainer_on_both_rosters_keeps_each_hubs_own_limits(client, world, richard):
    here = CourseFactory(hub=world.hub)
    on_roster(world.hub, richard, courses=[here], most=3)
    client.force_login(world.coordinator)
    response = client.post(
        _page(world, richard),
        {
            "action": "roster",
            "roster-active": "on",
            "roster-max_sessions_per_week": "2",
            "roster-courses": [here.pk],
            "roster-note": "Alleen warmtepompen",
        },
    )
    assert response.status_code == 302
    mine = HubTrainer.objects.get(hub=world.hub, person=richard)
    theirs = HubTrainer.objects.get(hub=world.other_hub, person=richard)
    assert (mine.max_sessions_per_week, mine.note) == (2, "Alleen warmtepompen")
    assert list(mine.courses.all()) == [here]
    assert theirs.max_sessions_per_week == 1 and here not in theirs.courses.all()
    assert AuditEntry.objects.filter(action="roster.updated", actor=world.coordinator).exists()


def test_a_course_of_another_hub_cannot_be_ticked(client, world, richard):
    on_roster(world.hub, richard)
    client.force_login(world.coordinator)
    theirs = HubTrainer.objects.get(hub=world.other_hub, person=richard).courses.get()
    response = client.post(
        _page(world, richard),
        {"action": "roster", "roster-active": "on", "roster-courses": [theirs.pk]},
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert not HubTrainer.objects.get(hub=world.hub, person=richard).courses.exists()


def test_availability_is_the_trainers_own(client, world, richard):
    # given Richard on this hub's roster too
    on_roster(world.hub, richard)
    client.force_login(world.coordinator)
    page = client.get(_page(world, richard)).content.decode()
    assert 'name="availability-slots"' not in page  # read-only
    client.post(_page(world, richard), {"action": "availability", "availability-slots": ["0-0"]})
    assert list(richard.availability.values_list("weekday", "daypart")) == [(3, EVENING)]
    # the service refuses a coordinator too
    with pytest.raises(Exception) as refused:
        services.availability_set(person=richard, slots={(0, 0)}, actor=world.coordinator)
    assert getattr(refused.value, "code", "") == "not_allowed"
    assert WeeklyAvailability.objects.filter(person=richard).count() == 1


def test_a_coordinator_records_a_drop_out_and_removes_only_their_own(client, world, richard):
    on_roster(world.hub, richard)
    own = services.exception_add(
        person=richard,
        starts_on="2027-02-01",
        ends_on="2027-02-05",
        reason="Familiebezoek",
        actor=richard.user,
    )
    client.force_login(world.coordinator)
    response = client.post(
        _page(world, richard),
        {
            "action": "exception",
            "exception-starts_on": "2027-03-01",
            "exception-ends_on": "2027-03-05",
            "exception-reason": "Ziek gemeld",
        },
    )
    assert response.status_code == 302
    recorded = AvailabilityException.objects.get(hub=world.hub)
    page = client.get(_page(world, richard)).content.decode()
    # the trainer's own reason is theirs
    assert "Ziek gemeld" in page and "Familiebezoek" not in page
    assert (
        client.post(_page(world, richard), {"action": "remove", "exception": own.pk}).status_code
        == 404
    )
    assert (
        client.post(
            _page(world, richard), {"action": "remove", "exception": recorded.pk}
        ).status_code
        == 302
    )
    assert list(AvailabilityException.objects.all()) == [own]


def test_add_a_member_organisations_employee_to_the_roster(client, world):
    employee = PersonFactory(employer=world.company)
    outsider = PersonFactory(employer=world.other_company)
    client.force_login(world.coordinator)
    url = reverse("backoffice:trainers", args=[world.hub.slug])
    assert client.post(url, {"add-person": outsider.pk}).status_code == 400
    response = client.post(url, {"add-person": employee.pk})
    assert response.status_code == 302
    assert HubTrainer.objects.filter(hub=world.hub, person=employee).exists()
    assert not HubTrainer.objects.filter(person=outsider).exists()


def test_an_invited_trainer_of_this_hub_can_be_added(client, world):
    invited = trainer_user(employer=None)
    RoleFactory(user=invited, kind=Role.Kind.TRAINER, hub=world.hub)
    client.force_login(world.coordinator)
    url = reverse("backoffice:trainers", args=[world.hub.slug])
    assert client.post(url, {"add-person": invited.person.pk}).status_code == 302
    assert HubTrainer.objects.filter(hub=world.hub, person=invited.person).exists()


def test_only_the_hubs_coordinator_adds(world):
    employee = PersonFactory(employer=world.company)
    with pytest.raises(Exception) as refused:
        services.hub_trainer_add(hub=world.hub, person=employee, actor=world.other_coordinator)
    assert getattr(refused.value, "code", "") == "not_allowed"
    assert not HubTrainer.objects.exists()


@pytest.mark.parametrize("value", ["abc", "", "99999999999999999999999", "-1"])
def test_a_bad_absence_id_is_never_a_500(client, world, richard, value):
    on_roster(world.hub, richard)
    client.force_login(world.coordinator)
    response = client.post(_page(world, richard), {"action": "remove", "exception": value})
    assert response.status_code in (302, 404)  # out of bounds: back with a message (web layer)
    closed = reverse("backoffice:closed_periods", args=[world.hub.slug])
    assert client.post(closed, {"action": "remove", "period": value}).status_code in (302, 400)
