"""Attendance per session, recorded by the trainer (or the hub's coordinator).

Attendance is recorded from the session's start on (not for a session still to come, nor for a
cancelled one); a participant's rate counts only the sessions that take place.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from technohub.catalogue.models import Edition, Session
from technohub.enrolment.errors import AttendanceTooEarly, InvalidTransition, SessionCancelled
from technohub.enrolment.models import Attendance, Enrolment
from technohub.hubs import access
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import User


def _ensure_teaches(actor: User, edition: Edition, session: Session | None = None) -> None:
    """The edition's trainer, the given session's own trainer, or a coordinator of the hub."""
    person = access.person_of(actor)
    teaches = person is not None and (
        edition.trainer_id == person.pk or (session is not None and session.trainer_id == person.pk)
    )
    if not (teaches or access.is_coordinator(actor, edition.hub_id)):
        raise NotAllowed()


@transaction.atomic
def attendance_record(*, session: Session, marks: dict[int, str], actor: User) -> list[Attendance]:
    """Record attendance for one session in one go: {enrolment id: present/absent/excused}.

    Refused before the session has started and for a cancelled session: nothing is written.
    """
    _ensure_teaches(actor, session.edition, session)
    ensure_attendance_open(session)
    valid = set(Attendance.Status.values)
    enrolments = {
        e.pk: e
        for e in session.edition.enrolments.filter(
            pk__in=marks.keys(), status__in=Enrolment.SEAT_HOLDING
        )
    }
    existing = {a.enrolment_id: a for a in session.attendance.filter(enrolment_id__in=enrolments)}
    saved = []
    for enrolment_id, status in marks.items():
        if enrolment_id not in enrolments or status not in valid:
            raise InvalidTransition()
        record = existing.get(enrolment_id) or Attendance(
            enrolment_id=enrolment_id, session=session
        )
        record.status, record.recorded_by = status, actor
        saved.append(record)
    Attendance.objects.bulk_create(
        saved,
        update_conflicts=True,
        unique_fields=["enrolment", "session"],
        update_fields=["status", "recorded_by", "recorded_at"],
    )
    return saved


def attendance_is_open(session: Session, *, now=None) -> bool:
    """Whether attendance can be recorded for the session now (the pages hide the inputs)."""
    if session.status == Session.Status.CANCELLED:
        return False
    return (now or timezone.now()) >= session.starts_at


def ensure_attendance_open(session: Session) -> None:
    if session.status == Session.Status.CANCELLED:
        raise SessionCancelled()
    if not attendance_is_open(session):
        raise AttendanceTooEarly(
            _("Attendance can be recorded from the start of the session (%(start)s).")
            % {"start": date_format(timezone.localtime(session.starts_at), "j F Y, H:i")}
        )


def present_counts(edition: Edition) -> dict[int, int]:
    """enrolment id → sessions attended (present) of the sessions that take place, one query."""
    rows = edition.enrolments.annotate(
        present=Count(
            "attendance",
            filter=Q(attendance__status=Attendance.Status.PRESENT)
            & ~Q(attendance__session__status=Session.Status.CANCELLED),
        )
    ).values_list("pk", "present")
    return dict(rows)


def rate_of(present: int, session_count: int) -> int:
    """Present sessions of all sessions, rounded to a whole percent (no sessions: 0)."""
    if session_count == 0:
        return 0
    return round(100 * present / session_count)


def attendance_rate(enrolment: Enrolment, session_count: int) -> int:
    present = enrolment.attendance.filter(status=Attendance.Status.PRESENT).exclude(
        session__status=Session.Status.CANCELLED
    )
    return rate_of(present.count(), session_count)
