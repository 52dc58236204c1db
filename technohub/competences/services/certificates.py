"""Assessments and certificates: issue signed Open Badges credentials when an edition is
completed, record assessment results, revoke, and let the holder choose what is disclosed."""

import calendar
import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.catalogue.models import Course, Edition
from technohub.competences import access, credentials
from technohub.competences.errors import (
    AlreadyRevoked,
    NotAssessable,
)
from technohub.competences.models import (
    Achievement,
    AssessmentResult,
    Certificate,
    CompetenceRecord,
    LearningOutcome,
)
from technohub.enrolment.models import Enrolment
from technohub.hubs import access as hub_access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import User


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
