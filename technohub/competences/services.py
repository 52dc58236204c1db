"""Rules of the competences area: frameworks, outcomes, role profiles, plans, certificates,
recognition of prior learning and passport links. Writes are atomic and audited where they touch
credentials or what is shared. See docs/competences.md.
"""

import calendar
import csv
import datetime as dt
import hashlib
import io
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.catalogue.models import Course, Edition
from technohub.competences import access, credentials
from technohub.competences.errors import (
    AlreadyDecided,
    AlreadyRevoked,
    EvidenceInvalid,
    ImportFailed,
    NotAssessable,
    PlanClosed,
)
from technohub.competences.models import (
    Achievement,
    AssessmentResult,
    Certificate,
    Competence,
    CompetenceRecord,
    DevelopmentPlan,
    Evidence,
    Framework,
    Goal,
    LearningOutcome,
    Level,
    PassportShare,
    RecognitionRequest,
    RoleProfile,
    RoleRequirement,
)
from technohub.enrolment.models import Enrolment
from technohub.hubs import access as hub_access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Hub, Person, User


def _ensure_coordinator(actor: User | None, hub_id: int) -> None:
    if actor is None or not hub_access.is_coordinator(actor, hub_id):
        raise NotAllowed()


# --- the framework ---------------------------------------------------------------------------


@transaction.atomic
def framework_create(*, hub: Hub, name: str, source: str, url: str = "", actor: User) -> Framework:
    _ensure_coordinator(actor, hub.pk)
    if Framework.objects.filter(hub=hub, name=name).exists():
        raise DomainError(_("This hub already has a framework with that name."), field="name")
    return Framework.objects.create(hub=hub, name=name, source=source, url=url)


@transaction.atomic
def competence_save(
    *,
    framework: Framework,
    actor: User,
    code: str,
    label_nl: str,
    label_en: str = "",
    description: str = "",
    parent: Competence | None = None,
    uri: str = "",
    aligned_with: Iterable[Competence] = (),
    competence: Competence | None = None,
) -> Competence:
    """Create a competence, or update `competence`, in a framework of the actor's hub."""
    _ensure_coordinator(actor, framework.hub_id)
    clash = Competence.objects.filter(framework=framework, code=code)
    if competence is not None:
        clash = clash.exclude(pk=competence.pk)
    if clash.exists():
        raise DomainError(_("This code is already used in this framework."), field="code")
    if parent is not None and parent.framework_id != framework.pk:
        raise DomainError(
            _("The broader competence must be in the same framework."), field="parent"
        )
    if competence is not None and parent is not None and _is_below(parent, competence):
        raise DomainError(_("A competence cannot be broader than itself."), field="parent")
    aligned = list(aligned_with)
    if any(c.framework.hub_id != framework.hub_id for c in aligned):
        raise NotAllowed()
    competence = competence or Competence(framework=framework)
    competence.code, competence.label_nl, competence.label_en = code, label_nl, label_en
    competence.description, competence.parent, competence.uri = description, parent, uri
    competence.save()
    competence.aligned_with.set(aligned)
    return competence


def _is_below(candidate: Competence, competence: Competence) -> bool:
    """True when `candidate` is `competence` or one of its narrower competences."""
    seen = set()
    node: Competence | None = candidate
    while node is not None and node.pk not in seen:
        if node.pk == competence.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


CSV_COLUMNS = ("conceptUri", "preferredLabel_nl", "preferredLabel_en", "description", "broaderUri")
MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass
class ImportResult:
    framework: Framework
    created: int
    updated: int


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([(0, _("The file is not UTF-8 text."))]) from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    missing = [c for c in CSV_COLUMNS[:2] if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed(
            [(1, _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})]
        )
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _code_from_uri(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1][:40]


@transaction.atomic
def framework_import_csv(
    *, hub: Hub, name: str, source: str, data: bytes, actor: User
) -> ImportResult:
    """Import an ESCO-style CSV (concept URI, labels nl/en, description, broader concept URI)
    into the framework `name` of the hub (created if new). All rows or none: every bad row is
    reported with its line number, and nothing is saved while any row is bad."""
    _ensure_coordinator(actor, hub.pk)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed([(0, _("The file is larger than 2 MB."))])
    rows = _csv_rows(data)
    if not rows:
        raise ImportFailed([(0, _("The file has no rows."))])
    errors: list[tuple[int, str]] = []
    valid_url = URLValidator(schemes=["http", "https"])
    by_uri: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in enumerate(rows, start=2):
        uri = row.get("conceptUri", "")
        try:
            valid_url(uri)
        except ValidationError:
            errors.append((line, _("The concept URI is missing or not a web address.")))
            continue
        if not row.get("preferredLabel_nl"):
            errors.append((line, _("The Dutch label (preferredLabel_nl) is empty.")))
        if (
            len(row.get("preferredLabel_nl", "")) > 200
            or len(row.get("preferredLabel_en", "")) > 200
        ):
            errors.append((line, _("A label is longer than 200 characters.")))
        if uri in by_uri:
            errors.append(
                (line, _("This concept URI is also on line %(line)s.") % {"line": by_uri[uri][0]})
            )
        by_uri[uri] = (line, row)
    framework = Framework.objects.filter(hub=hub, name=name).first()
    existing = {c.uri: c for c in framework.competences.all()} if framework else {}
    for line, row in by_uri.values():
        broader = row.get("broaderUri", "")
        if broader and broader not in by_uri and broader not in existing:
            errors.append((line, _("The broader concept is not in the file or the framework.")))
    if errors:
        raise ImportFailed(sorted(errors))
    framework = framework or Framework.objects.create(hub=hub, name=name, source=source)
    created = updated = 0
    saved: dict[str, Competence] = dict(existing)
    for uri, (_line, row) in by_uri.items():
        competence = saved.get(uri) or Competence(framework=framework, uri=uri)
        created += competence.pk is None
        updated += competence.pk is not None
        competence.code = competence.code or _unique_code(framework, _code_from_uri(uri), saved)
        competence.label_nl = row["preferredLabel_nl"]
        competence.label_en = row.get("preferredLabel_en", "")
        competence.description = row.get("description", "")
        competence.save()
        saved[uri] = competence
    for uri, (_line, row) in by_uri.items():
        broader = row.get("broaderUri", "")
        competence = saved[uri]
        competence.parent = saved[broader] if broader else None
        competence.save(update_fields=["parent"])
    log_action(
        "framework.imported",
        actor=actor,
        target=framework,
        after={"created": created, "updated": updated},
    )
    return ImportResult(framework=framework, created=created, updated=updated)


def _unique_code(framework: Framework, code: str, saved: dict[str, Competence]) -> str:
    taken = {c.code for c in saved.values()} | set(
        framework.competences.values_list("code", flat=True)
    )
    candidate, n = code or "c", 1
    while candidate in taken:
        n += 1
        candidate = f"{code[:36]}-{n}"
    return candidate


# --- course outcomes, achievements and role profiles -----------------------------------------


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


# --- assessments and certificates ------------------------------------------------------------


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day `months` later (the month's last day when that day does not exist)."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )


def _achievement_of(course: Course) -> Achievement:
    """The course's achievement settings (unsaved defaults when the hub set none)."""
    try:
        return course.achievement
    except Achievement.DoesNotExist:
        return Achievement(course=course)


def _default_criteria(enrolment: Enrolment, achievement: Achievement) -> str:
    with translation.override("nl"):
        text = _(
            "Took part in %(course)s (%(hours)s study hours) and attended at least %(threshold)s%% "
            "of the meetings."
        ) % {
            "course": enrolment.edition.course.title,
            "hours": enrolment.edition.course.study_hours,
            "threshold": enrolment.edition.attendance_threshold,
        }
        if achievement.requires_assessment:
            text += " " + _("Passed the assessment: %(assessment)s.") % {
                "assessment": achievement.assessment_description or _("practical assessment")
            }
    return text


def _may_be_certified(enrolment: Enrolment, achievement: Achievement) -> bool:
    if enrolment.status != Enrolment.Status.COMPLETED or not achievement.awards_certificate:
        return False
    if not achievement.requires_assessment:
        return True
    result = AssessmentResult.objects.filter(enrolment=enrolment).first()
    return result is not None and result.passed


def _issue(
    enrolment: Enrolment,
    achievement: Achievement,
    actor: User | None,
    issued_at: dt.datetime | None = None,
) -> Certificate:
    edition, course = enrolment.edition, enrolment.edition.course
    issued_at = issued_at or timezone.now()
    certificate = Certificate(
        person=enrolment.person,
        hub=edition.hub,
        course=course,
        enrolment=enrolment,
        title=course.title,
        issued_at=issued_at,
        expires_at=add_months(issued_at, achievement.validity_months)
        if achievement.validity_months
        else None,
    )
    outcomes = list(
        LearningOutcome.objects.filter(course=course)
        .select_related("competence__framework__hub")
        .prefetch_related("competence__aligned_with__framework")
    )
    criteria = achievement.criteria or _default_criteria(enrolment, achievement)
    for attempt in range(3):
        # A random free bit in the hub's status list; a concurrent issue may draw the same one
        # (the unique constraint refuses it): draw again and sign again.
        certificate.status_index = credentials.status_index_allocate(edition.hub)
        document = credentials.build_credential(
            certificate=certificate,
            criteria=criteria,
            description=course.summary,
            outcomes=outcomes,
        )
        certificate.credential_jwt = credentials.sign(document, hub=edition.hub)
        try:
            with transaction.atomic():
                certificate.save()
            break
        except IntegrityError:
            if attempt == 2:
                raise
    CompetenceRecord.objects.bulk_create(
        CompetenceRecord(
            person=enrolment.person,
            competence=outcome.competence,
            level=outcome.level,
            source=CompetenceRecord.Source.CERTIFICATE,
            certificate=certificate,
            recorded_at=issued_at,
        )
        for outcome in outcomes
    )
    log_action(
        "certificate.issued",
        actor=actor,
        target=certificate,
        after={"person": enrolment.person_id, "course": course.pk, "enrolment": enrolment.pk},
    )
    return certificate


@transaction.atomic
def certificates_issue_for_edition(
    *, edition: Edition, actor: User | None, issued_at: dt.datetime | None = None
) -> list[Certificate]:
    """Issue a certificate to every participant of a completed edition who earned one:
    completed (attendance threshold met) and, where the course has an assessment, passed it.
    Called from the `edition_completed` event inside the completion transaction. `issued_at`
    (default now) dates a late issue, e.g. the end of the edition's last session; it cannot lie
    in the future."""
    if edition.status != Edition.Status.COMPLETED:
        return []
    if issued_at is not None and issued_at > timezone.now():
        raise DomainError(_("A certificate cannot be dated in the future."), field="issued_at")
    achievement = _achievement_of(edition.course)
    enrolments = (
        edition.enrolments.filter(status=Enrolment.Status.COMPLETED, certificate__isnull=True)
        .select_related("person", "edition__course", "edition__hub")
        .order_by("pk")
    )
    return [
        _issue(e, achievement, actor, issued_at)
        for e in enrolments
        if _may_be_certified(e, achievement)
    ]


@transaction.atomic
def assessment_record(
    *, enrolment: Enrolment, passed: bool, note: str = "", actor: User
) -> AssessmentResult:
    """The trainer (or a coordinator) records the assessment result of one participant. When
    the edition is already completed and the participant completed it, a pass issues the
    certificate at once."""
    enrolment = Enrolment.objects.select_related("edition__course", "edition__hub", "person").get(
        pk=enrolment.pk
    )
    edition = enrolment.edition
    person = hub_access.person_of(actor)
    teaches = person is not None and edition.trainer_id == person.pk
    if not (teaches or hub_access.is_coordinator(actor, edition.hub_id)):
        raise NotAllowed()
    if enrolment.status not in Enrolment.SEAT_HOLDING:
        raise NotAssessable()
    result, _created = AssessmentResult.objects.update_or_create(
        enrolment=enrolment,
        defaults={
            "passed": passed,
            "note": note,
            "assessed_by": actor,
            "assessed_at": timezone.now(),
        },
    )
    log_action(
        "assessment.recorded", actor=actor, target=result, after={"passed": passed, "note": note}
    )
    already = Certificate.objects.filter(enrolment=enrolment).exists()
    if edition.status == Edition.Status.COMPLETED and not already:
        achievement = _achievement_of(edition.course)
        if _may_be_certified(enrolment, achievement):
            _issue(enrolment, achievement, actor)
    return result


@transaction.atomic
def assessments_record(
    *, edition: Edition, results: dict[int, bool], actor: User
) -> list[AssessmentResult]:
    """Record several results of one edition at once: all of them, or (on an error) none."""
    enrolments = {e.pk: e for e in edition.enrolments.filter(pk__in=results)}
    if set(results) - set(enrolments):
        raise NotAssessable()
    return [
        assessment_record(enrolment=enrolments[pk], passed=passed, actor=actor)
        for pk, passed in results.items()
    ]


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, actor: User) -> Certificate:
    """The issuing hub revokes a certificate; the verification page then says so."""
    if not access.may_decide_certificate(actor, certificate):
        raise NotAllowed()
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is not None:
        raise AlreadyRevoked()
    if not reason.strip():
        raise DomainError(_("Give a reason for revoking."), field="reason")
    certificate.revoked_at, certificate.revocation_reason = timezone.now(), reason.strip()
    certificate.save(update_fields=["revoked_at", "revocation_reason"])
    log_action(
        "certificate.revoked",
        actor=actor,
        target=certificate,
        before={"revoked_at": None},
        after={"revoked_at": certificate.revoked_at.isoformat(), "reason": reason.strip()},
    )
    return certificate


@transaction.atomic
def certificate_set_disclosure(
    *, certificate: Certificate, disclosure: str, actor: User
) -> Certificate:
    """The holder chooses what the public verification page shows."""
    if not access.is_self(actor, certificate.person):
        raise NotAllowed()
    if disclosure not in Certificate.Disclosure.values:
        raise DomainError(_("Choose what the page shows."), field="disclosure")
    before = {"disclosure": certificate.disclosure}
    certificate.disclosure = disclosure
    certificate.save(update_fields=["disclosure"])
    log_action(
        "certificate.disclosure",
        actor=actor,
        target=certificate,
        before=before,
        after={"disclosure": disclosure},
    )
    return certificate


# --- development plans -----------------------------------------------------------------------


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


# --- recognition of prior learning -----------------------------------------------------------

EVIDENCE_TYPES = {
    "application/pdf": b"%PDF",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 5


def _check_evidence(upload: UploadedFile) -> str:
    """The file's real type (by its first bytes, not its name), or EvidenceInvalid."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise EvidenceInvalid(
            _("%(name)s is larger than 10 MB.") % {"name": upload.name}, field="files"
        )
    head = upload.read(8)
    upload.seek(0)
    for content_type, magic in EVIDENCE_TYPES.items():
        if head.startswith(magic):
            return content_type
    raise EvidenceInvalid(
        _("%(name)s is not a PDF, JPEG or PNG file.") % {"name": upload.name}, field="files"
    )


@transaction.atomic
def recognition_request_submit(
    *,
    person: Person,
    competence: Competence,
    level: int,
    statement: str,
    files: Iterable[UploadedFile] = (),
    actor: User,
) -> RecognitionRequest:
    """A learner asks the competence's hub to recognise what they already know."""
    if not access.is_self(actor, person):
        raise NotAllowed()
    if level not in Level.values:
        raise DomainError(_("Choose a level from 1 to 4."), field="level")
    if not statement.strip():
        raise DomainError(_("Describe where and how you learned this."), field="statement")
    files = list(files)
    if len(files) > MAX_EVIDENCE_FILES:
        raise EvidenceInvalid(_("Add at most 5 files."), field="files")
    checked = [(upload, _check_evidence(upload)) for upload in files]
    if RecognitionRequest.objects.filter(
        person=person, competence=competence, status=RecognitionRequest.Status.SUBMITTED
    ).exists():
        raise DomainError(
            _("You already have an open request for this competence."), field="competence"
        )
    request = RecognitionRequest.objects.create(
        person=person, competence=competence, level=level, statement=statement.strip()
    )
    for upload, content_type in checked:
        Evidence.objects.create(
            request=request,
            file=upload,
            original_name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
        )
    log_action(
        "recognition.submitted",
        actor=actor,
        target=request,
        after={"competence": competence.pk, "level": level, "files": len(checked)},
    )
    return request


@transaction.atomic
def recognition_decide(
    *,
    request: RecognitionRequest,
    recognised: bool,
    level: int | None,
    note: str,
    actor: User,
) -> RecognitionRequest:
    """An assessor (a coordinator of the competence's hub) decides. A recognised competence
    lands in the passport as evidence at the recognised level."""
    if not access.may_assess(actor, request):
        raise NotAllowed()
    request = RecognitionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RecognitionRequest.Status.SUBMITTED:
        raise AlreadyDecided()
    if recognised and level not in Level.values:
        raise DomainError(_("Choose the level you recognise."), field="level")
    if not recognised and not note.strip():
        raise DomainError(_("Explain why it is not recognised."), field="note")
    request.status = (
        RecognitionRequest.Status.RECOGNISED if recognised else RecognitionRequest.Status.REJECTED
    )
    request.level_recognised = level if recognised else None
    request.decision_note, request.decided_by, request.decided_at = (
        note.strip(),
        actor,
        timezone.now(),
    )
    request.save()
    if recognised:
        CompetenceRecord.objects.create(
            person=request.person,
            competence=request.competence,
            level=level,
            source=CompetenceRecord.Source.RECOGNITION,
            recognition=request,
        )
    log_action(
        "recognition.decided",
        actor=actor,
        target=request,
        before={"status": RecognitionRequest.Status.SUBMITTED},
        after={"status": request.status, "level": request.level_recognised},
    )
    return request


@transaction.atomic
def recognition_withdraw(*, request: RecognitionRequest, actor: User) -> RecognitionRequest:
    if not access.is_self(actor, request.person):
        raise NotAllowed()
    if request.status != RecognitionRequest.Status.SUBMITTED:
        raise AlreadyDecided()
    request.status = RecognitionRequest.Status.WITHDRAWN
    request.save(update_fields=["status"])
    log_action("recognition.withdrawn", actor=actor, target=request)
    return request


# --- passport links --------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def passport_share_create(
    *,
    person: Person,
    label: str,
    include_competences: bool,
    include_courses: bool,
    expires_on: dt.date | None,
    actor: User,
) -> tuple[PassportShare, str]:
    """A link to the person's passport. The token is returned once; only its hash is kept."""
    if not access.is_self(actor, person):
        raise NotAllowed()
    if expires_on is not None and expires_on < timezone.localdate():
        raise DomainError(_("Choose a date in the future."), field="expires_on")
    token = secrets.token_urlsafe(24)
    share = PassportShare.objects.create(
        person=person,
        label=label,
        token_hash=token_hash(token),
        include_competences=include_competences,
        include_courses=include_courses,
        expires_at=timezone.make_aware(dt.datetime.combine(expires_on, dt.time.max))
        if expires_on
        else None,
    )
    log_action(
        "passport.shared",
        actor=actor,
        target=share,
        after={"label": label, "competences": include_competences, "courses": include_courses},
    )
    return share, token


@transaction.atomic
def passport_share_revoke(*, share: PassportShare, actor: User) -> PassportShare:
    if not access.is_self(actor, share.person):
        raise NotAllowed()
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
        log_action("passport.share_revoked", actor=actor, target=share)
    return share


def passport_share_viewed(*, share: PassportShare) -> None:
    PassportShare.objects.filter(pk=share.pk).update(views=F("views") + 1)
