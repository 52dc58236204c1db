"""Development plans: goals, agreement by a manager, closing and reopening, and the
reminder mail about goals that are due."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.catalogue.models import Course
from technohub.competences import access
from technohub.competences.errors import (
    PlanClosed,
)
from technohub.competences.models import (
    Competence,
    DevelopmentPlan,
    Goal,
    RoleProfile,
)
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Person, User


def _ensure_plan_access(actor: User, person: Person) -> None:
    if not access.may_view(actor, person):
        raise NotAllowed()


def _ensure_open(plan: DevelopmentPlan) -> None:
    """A closed plan is a record of what was agreed: reopen it before changing it."""
    if plan.status == DevelopmentPlan.Status.CLOSED:
        raise PlanClosed()


@transaction.atomic
def plan_get_or_create(*, person: Person, actor: User) -> DevelopmentPlan:
    _ensure_plan_access(actor, person)
    plan, _created = DevelopmentPlan.objects.get_or_create(person=person)
    return plan


def _back_to_draft(plan: DevelopmentPlan) -> None:
    """A change after agreement needs a new agreement."""
    if plan.status == DevelopmentPlan.Status.AGREED:
        plan.status, plan.agreed_at, plan.agreed_by = DevelopmentPlan.Status.DRAFT, None, None
        plan.save(update_fields=["status", "agreed_at", "agreed_by", "updated_at"])


@transaction.atomic
def plan_update(
    *,
    plan: DevelopmentPlan,
    actor: User,
    ambition: str,
    role_profile: RoleProfile | None,
    review_on: dt.date | None,
    manager: User | None = None,
) -> DevelopmentPlan:
    """Change the plan's ambition, role profile and review date; only a manager may name an
    explicit manager (a learner cannot appoint their own)."""
    _ensure_plan_access(actor, plan.person)
    _ensure_open(plan)
    is_manager = access.is_manager(actor, plan.person)
    plan.ambition, plan.role_profile, plan.review_on = ambition, role_profile, review_on
    if is_manager:
        plan.manager = manager
    plan.save()
    if not is_manager:
        _back_to_draft(plan)
    return plan


@transaction.atomic
def goal_save(
    *,
    plan: DevelopmentPlan,
    actor: User,
    title: str,
    target_date: dt.date,
    competence: Competence | None = None,
    target_level: int | None = None,
    course: Course | None = None,
    status: str = Goal.Status.OPEN,
    goal: Goal | None = None,
) -> Goal:
    _ensure_plan_access(actor, plan.person)
    _ensure_open(plan)
    if goal is not None and goal.plan_id != plan.pk:
        raise NotAllowed()
    if status not in Goal.Status.values:
        raise DomainError(_("Choose a status."), field="status")
    goal = goal or Goal(plan=plan)
    goal.title, goal.target_date, goal.competence = title, target_date, competence
    goal.target_level, goal.course, goal.status = target_level, course, status
    goal.save()
    if not access.is_manager(actor, plan.person):
        _back_to_draft(plan)
    return goal


@transaction.atomic
def goal_remove(*, goal: Goal, actor: User) -> None:
    _ensure_plan_access(actor, goal.plan.person)
    plan = goal.plan
    _ensure_open(plan)
    goal.delete()
    if not access.is_manager(actor, plan.person):
        _back_to_draft(plan)


@transaction.atomic
def plan_agree(*, plan: DevelopmentPlan, actor: User) -> DevelopmentPlan:
    """The manager agrees the plan as it stands."""
    if not access.is_manager(actor, plan.person):
        raise NotAllowed()
    _ensure_open(plan)
    if not plan.goals.exists():
        raise DomainError(_("Add at least one goal before agreeing the plan."))
    plan.status, plan.agreed_at, plan.agreed_by = (
        DevelopmentPlan.Status.AGREED,
        timezone.now(),
        actor,
    )
    plan.save(update_fields=["status", "agreed_at", "agreed_by", "updated_at"])
    return plan


@transaction.atomic
def plan_close(*, plan: DevelopmentPlan, actor: User, note: str = "") -> DevelopmentPlan:
    """The learner or a manager closes the plan (its period is over, the person changes role
    or employer). A closed plan stays readable; it sends no reminders and cannot be changed
    until it is reopened. Its goals keep their status as a record."""
    _ensure_plan_access(actor, plan.person)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    _ensure_open(plan)
    before = {"status": plan.status}
    plan.status, plan.closed_at, plan.closed_by = (
        DevelopmentPlan.Status.CLOSED,
        timezone.now(),
        actor,
    )
    plan.closing_note = note.strip()[:300]
    plan.save(update_fields=["status", "closed_at", "closed_by", "closing_note", "updated_at"])
    log_action(
        "plan.closed",
        actor=actor,
        target=plan,
        before=before,
        after={"status": plan.status, "note": plan.closing_note},
    )
    return plan


@transaction.atomic
def plan_reopen(*, plan: DevelopmentPlan, actor: User) -> DevelopmentPlan:
    """Reopen a closed plan as a draft: whatever changed since needs the manager's agreement."""
    _ensure_plan_access(actor, plan.person)
    plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != DevelopmentPlan.Status.CLOSED:
        raise DomainError(_("This plan is not closed."))
    plan.status, plan.closed_at, plan.closed_by, plan.closing_note = (
        DevelopmentPlan.Status.DRAFT,
        None,
        None,
        "",
    )
    plan.agreed_at = plan.agreed_by = None
    plan.save(
        update_fields=[
            "status",
            "closed_at",
            "closed_by",
            "closing_note",
            "agreed_at",
            "agreed_by",
            "updated_at",
        ]
    )
    log_action(
        "plan.reopened",
        actor=actor,
        target=plan,
        before={"status": DevelopmentPlan.Status.CLOSED},
        after={"status": plan.status},
    )
    return plan


REMINDER_DAYS = 14


def plan_managers(plan: DevelopmentPlan) -> list[User]:
    """Who gets the plan's reminders: the named manager, else the employer's contacts."""
    if plan.manager_id:
        return [plan.manager]
    if not plan.person.employer_id:
        return []
    return list(
        User.objects.filter(
            roles__kind="contact", roles__organisation_id=plan.person.employer_id, is_active=True
        )
        .select_related("person")
        .distinct()
    )


def plan_reminders_send(*, today: dt.date | None = None) -> int:
    """Mail each manager once about their people's goals due within two weeks or overdue, and
    about plans waiting for agreement. A goal is mentioned at most once a week. Returns the
    number of mails sent."""
    today = today or timezone.localdate()
    due = (
        Goal.objects.filter(
            status__in=(Goal.Status.OPEN, Goal.Status.IN_PROGRESS),
            target_date__lte=today + dt.timedelta(days=REMINDER_DAYS),
        )
        .exclude(reminded_on__gt=today - dt.timedelta(days=7))
        .exclude(plan__status=DevelopmentPlan.Status.CLOSED)
        .select_related("plan__person__employer", "plan__manager")
        .order_by("target_date")
    )
    per_manager: dict[int, tuple[User, list[Goal]]] = {}
    for goal in due:
        for manager in plan_managers(goal.plan):
            per_manager.setdefault(manager.pk, (manager, []))[1].append(goal)
    sent = 0
    for manager, goals in per_manager.values():
        with translation.override("nl"):
            body = render_to_string(
                "competences/mail/plan_reminder.txt",
                {"manager": manager, "goals": goals, "today": today, "site": settings.SITE_URL},
            )
            send_mail(
                _("Development goals that need your attention"),
                body,
                None,
                [manager.email],
            )
        sent += 1
    Goal.objects.filter(pk__in=[g.pk for _m, goals in per_manager.values() for g in goals]).update(
        reminded_on=today
    )
    return sent
