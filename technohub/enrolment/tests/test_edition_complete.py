import pytest

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import InvalidTransition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory, past_dates
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import HubFactory, coordinator_user, trainer_user

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


def _edition(sessions: int = 5, threshold: int = 80):
    trainer = trainer_user(employer=None)
    edition = EditionFactory(trainer=trainer.person, attendance_threshold=threshold, **past_dates())
    return trainer, edition, SessionFactory.create_batch(sessions, edition=edition)


def _attend(trainer, sessions, enrolment, present: int) -> None:
    for i, session in enumerate(sessions):
        services.attendance_record(
            session=session,
            marks={enrolment.pk: "present" if i < present else "absent"},
            actor=trainer,
        )


def test_completion_follows_the_attendance_threshold():
    # given 5 sessions, an 80% threshold, and participants who attended 5, 4 and 3 sessions
    trainer, edition, sessions = _edition(sessions=5, threshold=80)
    full, enough, too_little = EnrolmentFactory.create_batch(3, edition=edition)
    _attend(trainer, sessions, full, 5)
    _attend(trainer, sessions, enough, 4)  # exactly 80%: completes
    _attend(trainer, sessions, too_little, 3)  # 60%
    # when the trainer completes the edition
    services.edition_complete(edition=edition, actor=trainer)
    # then the threshold decides, and the edition is completed
    statuses = dict(edition.enrolments.values_list("pk", "status"))
    assert statuses == {
        full.pk: Status.COMPLETED,
        enough.pk: Status.COMPLETED,
        too_little.pk: Status.NOT_COMPLETED,
    }
    edition.refresh_from_db()
    assert edition.status == Edition.Status.COMPLETED
    entry = AuditEntry.objects.get(action="enrolment.completed", target_id=str(enough.pk))
    assert entry.before == {"status": "confirmed", "waitlist_position": None}
    assert entry.after == {"status": "completed", "attendance": 80}


def test_excused_does_not_count_as_present():
    trainer, edition, sessions = _edition(sessions=2, threshold=100)
    enrolment = EnrolmentFactory(edition=edition)
    services.attendance_record(session=sessions[0], marks={enrolment.pk: "present"}, actor=trainer)
    services.attendance_record(session=sessions[1], marks={enrolment.pk: "excused"}, actor=trainer)
    services.edition_complete(edition=edition, actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.NOT_COMPLETED


def test_waitlist_and_pending_are_closed_and_cancelled_stays():
    # given a confirmed, a waitlisted, a pending and a cancelled enrolment
    trainer, edition, _ = _edition(sessions=1, threshold=0)
    confirmed = EnrolmentFactory(edition=edition)
    waiting = EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    pending = EnrolmentFactory(edition=edition, status=Status.PENDING_APPROVAL)
    cancelled = EnrolmentFactory(edition=edition, status=Status.CANCELLED)
    # when the edition is completed
    services.edition_complete(edition=edition, actor=trainer)
    # then only the seat holder is judged; the waiting ones are cancelled
    statuses = dict(edition.enrolments.values_list("pk", "status"))
    assert statuses == {
        confirmed.pk: Status.COMPLETED,
        waiting.pk: Status.CANCELLED,
        pending.pk: Status.CANCELLED,
        cancelled.pk: Status.CANCELLED,
    }
    assert not edition.enrolments.filter(waitlist_position__isnull=False).exists()


def test_coordinator_may_complete_and_others_may_not():
    _, edition, _ = _edition(sessions=1)
    for actor in (trainer_user(), coordinator_user(HubFactory())):
        with pytest.raises(NotAllowed):
            services.edition_complete(edition=edition, actor=actor)
    services.edition_complete(edition=edition, actor=coordinator_user(edition.hub))
    edition.refresh_from_db()
    assert edition.status == Edition.Status.COMPLETED


@pytest.mark.parametrize("status", [Edition.Status.DRAFT, Edition.Status.CANCELLED, "completed"])
def test_only_published_or_running_editions_complete(status):
    trainer, edition, _ = _edition(sessions=1)
    Edition.objects.filter(pk=edition.pk).update(status=status)
    with pytest.raises(InvalidTransition):
        services.edition_complete(edition=edition, actor=trainer)


def test_closing_the_waitlist_is_audited():
    """Regression: the waitlist used to be closed with a bare .update(), leaving no audit trail."""
    # given one person waiting and one pending
    trainer, edition, _ = _edition(sessions=1)
    waiting = EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    pending = EnrolmentFactory(edition=edition, status=Status.PENDING_APPROVAL)
    # when the edition is completed
    services.edition_complete(edition=edition, actor=trainer)
    # then both changes are in the audit trail with before and after
    entries = {e.target_id: e for e in AuditEntry.objects.filter(action="enrolment.closed")}
    assert entries[str(waiting.pk)].before == {"status": "waitlisted", "waitlist_position": 1}
    assert entries[str(pending.pk)].before == {"status": "pending", "waitlist_position": None}
    assert entries[str(waiting.pk)].after == {"status": "cancelled", "waitlist_position": None}
    assert entries[str(waiting.pk)].actor == trainer
