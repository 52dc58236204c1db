"""Attendance only from a session's start; completion only after the last session (a
coordinator may complete earlier with a reason, audited); the preview uses the same rule."""

import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue.models import Edition, Session
from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.enrolment import events, services
from technohub.enrolment.errors import AttendanceTooEarly, CompletionTooEarly, SessionCancelled
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import coordinator_user, trainer_user

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


def _edition_with_sessions(*, past: int, future: int, threshold: int = 50):
    """`past` sessions that took place (ending a week ago at the latest), then `future` ones."""
    trainer = trainer_user(employer=None)
    today = timezone.localdate()
    edition = EditionFactory(
        trainer=trainer.person,
        attendance_threshold=threshold,
        starts_on=today - dt.timedelta(days=7 * past + 7),
        ends_on=today + dt.timedelta(days=7 * future + 7),
    )
    now = timezone.now().replace(microsecond=0)
    sessions = []
    for n in range(past):
        start = now - dt.timedelta(days=7 * (past - n))
        sessions.append(SessionFactory(edition=edition, starts_at=start))
    for n in range(future):
        start = now + dt.timedelta(days=7 * (n + 1))
        sessions.append(SessionFactory(edition=edition, starts_at=start))
    return trainer, edition, sessions


def test_attendance_for_a_session_still_to_come_is_refused_and_nothing_is_written():
    trainer, edition, sessions = _edition_with_sessions(past=1, future=1)
    enrolment = EnrolmentFactory(edition=edition)
    with pytest.raises(AttendanceTooEarly) as refused:
        services.attendance_record(
            session=sessions[1], marks={enrolment.pk: "present"}, actor=trainer
        )
    assert refused.value.code == "attendance_too_early"
    assert not Attendance.objects.exists()
    assert not services.attendance_is_open(sessions[1])
    # the session that has started takes attendance
    services.attendance_record(session=sessions[0], marks={enrolment.pk: "present"}, actor=trainer)
    assert services.attendance_is_open(sessions[0])


def test_attendance_opens_at_the_start_of_the_session():
    trainer, edition, _ = _edition_with_sessions(past=0, future=0)
    session = SessionFactory(edition=edition, starts_at=timezone.now() - dt.timedelta(minutes=1))
    enrolment = EnrolmentFactory(edition=edition)
    services.attendance_record(session=session, marks={enrolment.pk: "present"}, actor=trainer)
    assert session.attendance.get().status == "present"


def test_a_coordinator_cannot_record_a_future_session_either():
    _, edition, sessions = _edition_with_sessions(past=0, future=1)
    enrolment = EnrolmentFactory(edition=edition)
    with pytest.raises(AttendanceTooEarly):
        services.attendance_record(
            session=sessions[0],
            marks={enrolment.pk: "present"},
            actor=coordinator_user(edition.hub),
        )


def test_a_cancelled_session_takes_no_attendance_and_does_not_count():
    trainer, edition, sessions = _edition_with_sessions(past=2, future=0, threshold=100)
    enrolment = EnrolmentFactory(edition=edition)
    services.attendance_record(session=sessions[0], marks={enrolment.pk: "present"}, actor=trainer)
    Session.all_objects.filter(pk=sessions[1].pk).update(status=Session.Status.CANCELLED)
    cancelled = Session.all_objects.get(pk=sessions[1].pk)
    with pytest.raises(SessionCancelled):
        services.attendance_record(
            session=cancelled, marks={enrolment.pk: "present"}, actor=trainer
        )
    # one session takes place and they attended it: 100 %
    services.edition_complete(edition=edition, actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.COMPLETED


def test_completion_before_the_last_session_is_refused_for_the_trainer():
    # given 1 of 6 sessions held
    trainer, edition, sessions = _edition_with_sessions(past=1, future=5)
    enrolment = EnrolmentFactory(edition=edition)
    services.attendance_record(session=sessions[0], marks={enrolment.pk: "present"}, actor=trainer)
    # when the trainer completes, also with a reason, it is refused and nothing changes
    for reason in ("", "de cursus is klaar"):
        with pytest.raises(CompletionTooEarly) as refused:
            services.edition_complete(edition=edition, actor=trainer, early_reason=reason)
        assert refused.value.code == "completion_too_early"
    edition.refresh_from_db()
    enrolment.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED
    assert enrolment.status == Status.CONFIRMED
    assert not AuditEntry.objects.filter(action="edition.completed").exists()


def test_a_coordinator_completes_early_only_with_a_reason_which_is_audited():
    trainer, edition, sessions = _edition_with_sessions(past=1, future=5)
    coordinator = coordinator_user(edition.hub)
    with pytest.raises(CompletionTooEarly) as refused:
        services.edition_complete(edition=edition, actor=coordinator, early_reason="  ")
    assert refused.value.field == "early_reason"
    services.edition_complete(
        edition=edition, actor=coordinator, early_reason="Trainer ziek, rest vervalt"
    )
    edition.refresh_from_db()
    assert edition.status == Edition.Status.COMPLETED
    entry = AuditEntry.objects.get(action="edition.completed")
    assert entry.actor == coordinator
    assert entry.after["early"] is True
    assert entry.after["reason"] == "Trainer ziek, rest vervalt"
    assert entry.after["last_session_ends_at"] == sessions[-1].ends_at.isoformat()


def test_the_preview_counts_with_the_completion_rule():
    # given 4 sessions held, a 50 % threshold, attendance 4, 2 and 1 of 4; one waiting
    trainer, edition, sessions = _edition_with_sessions(past=4, future=0, threshold=50)
    full, half, little = EnrolmentFactory.create_batch(3, edition=edition)
    EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    for n, session in enumerate(sessions):
        marks = {full.pk: "present", half.pk: "present" if n < 2 else "absent"}
        marks[little.pk] = "present" if n < 1 else "excused"
        services.attendance_record(session=session, marks=marks, actor=trainer)
    # when the trainer asks what completing would do
    preview = services.completion_preview(edition=edition, actor=trainer)
    # then 2 complete, 1 does not, one waitlisted is closed, and it is not early
    assert {r.enrolment.pk for r in preview.completing} == {full.pk, half.pk}
    assert [(r.enrolment.pk, r.rate) for r in preview.not_completing] == [(little.pk, 25)]
    assert (preview.closing, preview.early, preview.session_count) == (1, False, 4)
    # and completing does exactly that
    services.edition_complete(edition=edition, actor=trainer)
    statuses = dict(edition.enrolments.values_list("pk", "status"))
    assert statuses[full.pk] == statuses[half.pk] == Status.COMPLETED
    assert statuses[little.pk] == Status.NOT_COMPLETED


def test_certificates_are_dated_at_the_last_sessions_end():
    trainer, edition, sessions = _edition_with_sessions(past=2, future=0)
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["issued_at"])

    events.edition_completed.connect(receiver, dispatch_uid="test-issued-at")
    try:
        preview = services.completion_preview(edition=edition, actor=trainer)
        services.edition_complete(edition=edition, actor=trainer)
    finally:
        events.edition_completed.disconnect(dispatch_uid="test-issued-at")
    assert preview.certificates_dated == sessions[-1].ends_at
    assert received == [sessions[-1].ends_at]


def test_completed_early_the_certificates_bear_the_completion_date_not_a_future_one():
    _, edition, sessions = _edition_with_sessions(past=1, future=1)
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["issued_at"])

    events.edition_completed.connect(receiver, dispatch_uid="test-issued-at-early")
    before = timezone.now()
    try:
        services.edition_complete(
            edition=edition, actor=coordinator_user(edition.hub), early_reason="vervalt"
        )
    finally:
        events.edition_completed.disconnect(dispatch_uid="test-issued-at-early")
    assert before <= received[0] <= timezone.now() < sessions[-1].ends_at
