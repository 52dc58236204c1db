"""Closing and reopening a development plan: who may, what a closed plan refuses, and that
reminders and the manager's home leave it alone."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from technohub.competences import services
from technohub.competences.errors import PlanClosed
from technohub.competences.models import DevelopmentPlan
from technohub.competences.selectors import plans_needing_attention
from technohub.competences.tests.conftest import ROLES
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import OrganisationFactory, contact_user, learner_user

pytestmark = pytest.mark.django_db

MAY_CLOSE = {"learner", "contact_a"}


def _plan_with_a_goal(learner, manager, *, days: int = 3) -> DevelopmentPlan:
    plan = services.plan_get_or_create(person=learner.person, actor=learner)
    services.goal_save(
        plan=plan,
        actor=learner,
        title="F-gassen halen",
        target_date=timezone.localdate() + dt.timedelta(days=days),
    )
    services.plan_agree(plan=plan, actor=manager)
    return DevelopmentPlan.objects.get(pk=plan.pk)


@pytest.mark.parametrize("role", ROLES)
def test_closing_and_reopening_from_the_page_per_role(client, world, role):
    manager = world.users["contact_a"]
    plan = _plan_with_a_goal(world.users["learner"], manager)
    world.login(client, role)
    url = f"/mijn/ontwikkelplan/{world.person.pk}/"

    response = client.post(url + "afsluiten/", {"close-note": "Jaar voorbij"})

    plan.refresh_from_db()
    if role in MAY_CLOSE:
        assert response.status_code == 302 and response.url == url
        assert plan.status == "closed" and plan.closing_note == "Jaar voorbij"
        assert plan.closed_by == world.users[role]
        page = client.get(url)
        assert b"Jaar voorbij" in page.content and b"heropenen/" in page.content
        assert b"doelen/nieuw/" not in page.content
        assert client.post(url + "heropenen/").status_code == 302
        plan.refresh_from_db()
        assert plan.status == "draft" and plan.closed_at is None and plan.agreed_at is None
    else:
        assert response.status_code == (302 if role == "anonymous" else 404)
        if role == "anonymous":
            assert "/inloggen/" in response.url
        assert plan.status == "agreed"
        services.plan_close(plan=plan, actor=manager)
        reopen = client.post(url + "heropenen/")
        assert reopen.status_code == (302 if role == "anonymous" else 404)
        assert DevelopmentPlan.objects.get(pk=plan.pk).status == "closed"


def test_the_close_and_reopen_pages_refuse_get(client, world):
    world.login(client, "learner")
    url = f"/mijn/ontwikkelplan/{world.person.pk}/"
    assert client.get(url + "afsluiten/").status_code == 405
    assert client.get(url + "heropenen/").status_code == 405


def test_a_closed_plan_cannot_be_changed_until_reopened_and_is_audited():
    company = OrganisationFactory()
    learner, manager = learner_user(employer=company), contact_user(company)
    plan = _plan_with_a_goal(learner, manager)
    goal = plan.goals.get()

    services.plan_close(plan=plan, actor=learner, note="  Nieuwe functie  ")
    plan.refresh_from_db()

    for attempt in (
        lambda: services.goal_save(
            plan=plan, actor=learner, title="Nog een", target_date=dt.date(2030, 1, 1)
        ),
        lambda: services.goal_remove(goal=goal, actor=manager),
        lambda: services.plan_update(
            plan=plan, actor=manager, ambition="x", role_profile=None, review_on=None
        ),
        lambda: services.plan_agree(plan=plan, actor=manager),
        lambda: services.plan_close(plan=plan, actor=manager),
    ):
        with pytest.raises(PlanClosed):
            attempt()
    plan.refresh_from_db()
    assert plan.status == "closed" and plan.closing_note == "Nieuwe functie"
    assert plan.goals.count() == 1 and plan.ambition == ""

    services.plan_reopen(plan=plan, actor=manager)
    with pytest.raises(DomainError):
        services.plan_reopen(plan=plan, actor=manager)
    actions = list(
        AuditEntry.objects.filter(action__startswith="plan.").values_list("action", flat=True)
    )
    assert sorted(actions) == ["plan.closed", "plan.reopened"]


def test_strangers_cannot_close_or_reopen():
    company = OrganisationFactory()
    learner, manager = learner_user(employer=company), contact_user(company)
    plan = _plan_with_a_goal(learner, manager)
    stranger = contact_user(OrganisationFactory())
    with pytest.raises(NotAllowed):
        services.plan_close(plan=plan, actor=stranger)
    services.plan_close(plan=plan, actor=manager)
    with pytest.raises(NotAllowed):
        services.plan_reopen(plan=plan, actor=learner_user())
    assert DevelopmentPlan.objects.get(pk=plan.pk).status == "closed"


def test_a_closed_plan_sends_no_reminders_and_does_not_wait_for_the_manager():
    company = OrganisationFactory()
    learner, manager = learner_user(employer=company), contact_user(company)
    plan = _plan_with_a_goal(learner, manager, days=2)
    assert plans_needing_attention(actor=manager) == [plan]

    services.plan_close(plan=plan, actor=manager)

    assert plans_needing_attention(actor=manager) == []
    assert services.plan_reminders_send() == 0
    assert mail.outbox == []
