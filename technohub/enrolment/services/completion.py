"""How an edition ends: completed (results per participant, then the certificates through
`events.edition_completed`) or cancelled by the hub."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition
from technohub.enrolment import events, notifications
from technohub.enrolment.errors import CompletionTooEarly, InvalidTransition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.services.attendance import _ensure_teaches, present_counts, rate_of
from technohub.enrolment.services.seating import _move, _snapshot, lock_edition
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import User

Status = Enrolment.Status


def may_complete(*, actor: User, edition: Edition) -> bool:
    """Whether `actor` may close the edition: its own trainer or a coordinator of the hub."""
    try:
        _ensure_teaches(actor, edition)
    except NotAllowed:
        return False
    return True


@dataclass(frozen=True)
class ParticipantResult:
    enrolment: Enrolment
    rate: int  # attendance, whole percent
    completes: bool


@dataclass(frozen=True)
class CompletionPreview:
    """What completing the edition now would do; the same rule `edition_complete` applies."""

    edition: Edition
    session_count: int
    last_session_ends_at: dt.datetime | None
    results: list[ParticipantResult]
    closing: int  # waitlisted and pending enrolments that would be cancelled
    early: bool  # the last session has not ended yet
    certificates_dated: dt.datetime  # the date the certificates of this completion would bear

    @property
    def completing(self) -> list[ParticipantResult]:
        return [r for r in self.results if r.completes]

    @property
    def not_completing(self) -> list[ParticipantResult]:
        return [r for r in self.results if not r.completes]


def _last_session_end(edition: Edition) -> dt.datetime | None:
    """The end of the last session that takes place; without sessions, the end of the last day."""
    last = edition.sessions.aggregate(end=Max("ends_at"))["end"]
    if last is not None:
        return last
    if edition.ends_on is None:
        return None
    midnight = dt.datetime.combine(edition.ends_on + dt.timedelta(days=1), dt.time())
    return timezone.make_aware(midnight)


def _preview(edition: Edition, now: dt.datetime) -> CompletionPreview:
    session_count = edition.sessions.count()
    present = present_counts(edition)
    results = []
    confirmed = (
        edition.enrolments.filter(status=Status.CONFIRMED)
        .select_related("person", "organisation")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    for enrolment in confirmed:
        rate = rate_of(present.get(enrolment.pk, 0), session_count)
        results.append(ParticipantResult(enrolment, rate, rate >= edition.attendance_threshold))
    last_end = _last_session_end(edition)
    early = last_end is not None and last_end > now
    return CompletionPreview(
        edition=edition,
        session_count=session_count,
        last_session_ends_at=last_end,
        results=results,
        closing=edition.enrolments.filter(
            status__in=(Status.WAITLISTED, Status.PENDING_APPROVAL)
        ).count(),
        early=early,
        # The certificates say when the course ended: the end of the last session; completed
        # early (an override), the completion moment (a certificate is never dated ahead).
        certificates_dated=now if early or last_end is None else last_end,
    )


def completion_preview(*, edition: Edition, actor: User) -> CompletionPreview:
    """For the confirmation page: who completes, who does not, and whether it is early."""
    _ensure_teaches(actor, edition)
    return _preview(edition, timezone.now())


def may_complete_early(*, actor: User, edition: Edition) -> bool:
    """Only a coordinator of the edition's hub may complete before the last session ended."""
    return access.is_coordinator(actor, edition.hub_id)


@transaction.atomic
def edition_complete(*, edition: Edition, actor: User, early_reason: str = "") -> Edition:
    """Close an edition: a confirmed participant completes when attendance meets the threshold.

    Refused before the last session has ended (`completion_too_early`), unless a coordinator of
    the hub gives a reason (`early_reason`, kept in the audit entry); a trainer cannot
    override. Those still waitlisted or pending are cancelled. The certificates (competences,
    through `events.edition_completed`) are dated `CompletionPreview.certificates_dated`.
    """
    edition = lock_edition(edition.pk)
    _ensure_teaches(actor, edition)
    if edition.status not in (Edition.Status.PUBLISHED, Edition.Status.RUNNING):
        raise InvalidTransition()
    now = timezone.now()
    preview = _preview(edition, now)
    early_reason = early_reason.strip()
    if preview.early:
        when = date_format(timezone.localtime(preview.last_session_ends_at), "j F Y, H:i")
        if not may_complete_early(actor=actor, edition=edition):
            raise CompletionTooEarly(
                _(
                    "This edition can be completed once its last session has ended "
                    "(%(when)s). Only a coordinator of the hub can complete it earlier."
                )
                % {"when": when}
            )
        if not early_reason:
            raise CompletionTooEarly(
                _(
                    "The last session ends %(when)s. To complete the edition before that, "
                    "give a reason."
                )
                % {"when": when},
                field="early_reason",
            )
    for result in preview.results:
        enrolment = result.enrolment
        before = _snapshot(enrolment)
        enrolment.status = Status.COMPLETED if result.completes else Status.NOT_COMPLETED
        enrolment.save(update_fields=["status", "updated_at"])
        log_action(
            "enrolment.completed",
            actor=actor,
            target=enrolment,
            before=before,
            after={"status": enrolment.status, "attendance": result.rate},
        )
    # Those still waiting lose their place: each change is audited like any other.
    waiting = edition.enrolments.filter(status__in=(Status.WAITLISTED, Status.PENDING_APPROVAL))
    for enrolment in waiting:
        _move(enrolment, to=Status.CANCELLED, action="enrolment.closed", actor=actor)
    edition.status = Edition.Status.COMPLETED
    edition.save(update_fields=["status"])
    after = None
    if preview.early:
        after = {
            "early": True,
            "reason": early_reason,
            "last_session_ends_at": preview.last_session_ends_at.isoformat(),
        }
    log_action("edition.completed", actor=actor, target=edition, after=after)
    events.edition_completed.send(
        sender=Edition, edition=edition, actor=actor, issued_at=preview.certificates_dated
    )
    return edition


@transaction.atomic
def edition_cancel(*, edition: Edition, actor: User) -> Edition:
    """The hub cancels an edition: every active enrolment is cancelled and its person mailed."""
    edition = lock_edition(edition.pk)
    if not access.is_coordinator(actor, edition.hub_id):
        raise NotAllowed()
    if edition.status in (Edition.Status.CANCELLED, Edition.Status.COMPLETED):
        raise InvalidTransition()
    for enrolment in edition.enrolments.filter(status__in=Enrolment.ACTIVE):
        _move(
            enrolment,
            to=Status.CANCELLED,
            action="enrolment.edition_cancelled",
            actor=actor,
            mail=notifications.send_edition_cancelled_mail,
        )
    before = {"status": edition.status}
    edition.status = Edition.Status.CANCELLED
    edition.save(update_fields=["status"])
    log_action(
        "edition.status",
        actor=actor,
        target=edition,
        before=before,
        after={"status": edition.status},
    )
    return edition
