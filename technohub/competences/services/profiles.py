"""Course outcomes, what completing a course awards (achievements) and role profiles."""

from django.db import transaction
from django.utils.translation import gettext as _

from technohub.catalogue.models import Course
from technohub.competences.models import (
    Achievement,
    Competence,
    LearningOutcome,
    Level,
    RoleProfile,
    RoleRequirement,
)
from technohub.competences.services._base import _ensure_coordinator
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Hub, User


@transaction.atomic
def outcome_set(
    *, course: Course, competence: Competence, level: int, description: str = "", actor: User
) -> LearningOutcome:
    _ensure_coordinator(actor, course.hub_id)
    if competence.framework.hub_id != course.hub_id:
        raise NotAllowed()
    if level not in Level.values:
        raise DomainError(_("Choose a level from 1 to 4."), field="level")
    outcome, _created = LearningOutcome.objects.update_or_create(
        course=course, competence=competence, defaults={"level": level, "description": description}
    )
    return outcome


@transaction.atomic
def outcome_remove(*, outcome: LearningOutcome, actor: User) -> None:
    _ensure_coordinator(actor, outcome.course.hub_id)
    outcome.delete()


@transaction.atomic
def achievement_update(*, course: Course, actor: User, **fields) -> Achievement:
    """What completing the course awards: criteria, assessment required, validity."""
    _ensure_coordinator(actor, course.hub_id)
    achievement, _created = Achievement.objects.get_or_create(course=course)
    before = {k: getattr(achievement, k) for k in fields}
    for name, value in fields.items():
        setattr(achievement, name, value)
    achievement.save()
    log_action("achievement.updated", actor=actor, target=achievement, before=before, after=fields)
    return achievement


@transaction.atomic
def role_profile_save(
    *, hub: Hub, actor: User, name: str, description: str = "", profile: RoleProfile | None = None
) -> RoleProfile:
    _ensure_coordinator(actor, hub.pk)
    clash = RoleProfile.objects.filter(hub=hub, name=name)
    if profile is not None:
        clash = clash.exclude(pk=profile.pk)
    if clash.exists():
        raise DomainError(_("This hub already has a role profile with that name."), field="name")
    profile = profile or RoleProfile(hub=hub)
    profile.name, profile.description = name, description
    profile.save()
    return profile


@transaction.atomic
def requirement_set(
    *, profile: RoleProfile, competence: Competence, level: int, actor: User
) -> RoleRequirement:
    _ensure_coordinator(actor, profile.hub_id)
    if competence.framework.hub_id != profile.hub_id:
        raise NotAllowed()
    if level not in Level.values:
        raise DomainError(_("Choose a level from 1 to 4."), field="level")
    requirement, _created = RoleRequirement.objects.update_or_create(
        profile=profile, competence=competence, defaults={"level": level}
    )
    return requirement


@transaction.atomic
def requirement_remove(*, requirement: RoleRequirement, actor: User) -> None:
    _ensure_coordinator(actor, requirement.profile.hub_id)
    requirement.delete()
