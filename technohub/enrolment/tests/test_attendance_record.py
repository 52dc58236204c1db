import pytest

from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import InvalidTransition
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory, past_dates
from technohub.enrolment.tests.helpers import company_with_contact
from technohub.hubs.errors import NotAllowed
from technohub.hubs.tests.factories import (
    HubFactory,
    coordinator_user,
    learner_user,
    trainer_user,
)

pytestmark = pytest.mark.django_db


def _edition_with_trainer(participants: int):
    trainer = trainer_user(employer=None)
    edition = EditionFactory(capacity=participants, trainer=trainer.person, **past_dates())
    session = SessionFactory(edition=edition)
    enrolments = EnrolmentFactory.create_batch(participants, edition=edition)
    return trainer, session, enrolments


def test_trainer_records_fifteen_participants_in_one_call(django_assert_max_num_queries):
    # given a session with 15 confirmed participants
    trainer, session, enrolments = _edition_with_trainer(15)
    marks = {e.pk: "present" for e in enrolments}
    marks[enrolments[0].pk] = "absent"
    marks[enrolments[1].pk] = "excused"
    # when the trainer records the whole list at once (a constant number of queries)
    with django_assert_max_num_queries(8):
        services.attendance_record(session=session, marks=marks, actor=trainer)
    # then every participant has exactly one record with the given status
    stored = dict(session.attendance.values_list("enrolment_id", "status"))
    assert stored == marks
    assert set(session.attendance.values_list("recorded_by", flat=True)) == {trainer.pk}


def test_recording_again_overwrites():
    # given attendance already recorded
    trainer, session, enrolments = _edition_with_trainer(3)
    services.attendance_record(
        session=session, marks={e.pk: "absent" for e in enrolments}, actor=trainer
    )
    # when the trainer corrects one mark (and repeats another)
    services.attendance_record(
        session=session,
        marks={enrolments[0].pk: "present", enrolments[1].pk: "absent"},
        actor=trainer,
    )
    # then there is still one record per participant, with the latest status
    assert Attendance.objects.filter(session=session).count() == 3
    stored = dict(session.attendance.values_list("enrolment_id", "status"))
    assert stored == {
        enrolments[0].pk: "present",
        enrolments[1].pk: "absent",
        enrolments[2].pk: "absent",
    }


def test_enrolment_of_another_edition_is_refused_and_nothing_is_written():
    # given a session and an enrolment in a different edition
    trainer, session, enrolments = _edition_with_trainer(2)
    stranger = EnrolmentFactory()
    marks = {enrolments[0].pk: "present", stranger.pk: "present"}
    # when / then the whole call is refused
    with pytest.raises(InvalidTransition):
        services.attendance_record(session=session, marks=marks, actor=trainer)
    assert not Attendance.objects.exists()


def test_waitlisted_or_cancelled_participants_are_refused():
    trainer, session, _ = _edition_with_trainer(1)
    edition = session.edition
    waiting = EnrolmentFactory(edition=edition, status="waitlisted", waitlist_position=1)
    cancelled = EnrolmentFactory(edition=edition, status="cancelled")
    for enrolment in (waiting, cancelled):
        with pytest.raises(InvalidTransition):
            services.attendance_record(
                session=session, marks={enrolment.pk: "present"}, actor=trainer
            )


def test_unknown_status_is_refused():
    trainer, session, enrolments = _edition_with_trainer(1)
    with pytest.raises(InvalidTransition):
        services.attendance_record(session=session, marks={enrolments[0].pk: "late"}, actor=trainer)


def test_hub_coordinator_may_record():
    trainer, session, enrolments = _edition_with_trainer(1)
    coordinator = coordinator_user(session.edition.hub)
    services.attendance_record(
        session=session, marks={enrolments[0].pk: "present"}, actor=coordinator
    )
    assert session.attendance.get().status == "present"


def test_others_may_not_record():
    # given a session with a trainer
    _, session, enrolments = _edition_with_trainer(1)
    company, contact = company_with_contact()
    participant = learner_user(employer=company)
    Enrolment.objects.filter(pk=enrolments[0].pk).update(person=participant.person)
    outsiders = [
        participant,
        contact,
        trainer_user(),  # a trainer, but not of this edition
        coordinator_user(HubFactory()),
    ]
    # when / then they are refused
    for actor in outsiders:
        with pytest.raises(NotAllowed):
            services.attendance_record(
                session=session, marks={enrolments[0].pk: "present"}, actor=actor
            )
    assert not Attendance.objects.exists()


def test_a_trainer_of_one_session_records_that_session_only():
    # given an edition whose second session the agenda builder gave to another trainer
    _, session, enrolments = _edition_with_trainer(1)
    other_session = SessionFactory(edition=session.edition)
    stand_in = trainer_user(employer=None)
    other_session.trainer = stand_in.person
    other_session.save(update_fields=["trainer"])
    marks = {enrolments[0].pk: "present"}
    # when the stand-in records their own session, it is saved
    services.attendance_record(session=other_session, marks=marks, actor=stand_in)
    assert other_session.attendance.get().status == "present"
    # but the edition's other session and closing the edition are not theirs
    with pytest.raises(NotAllowed):
        services.attendance_record(session=session, marks=marks, actor=stand_in)
    assert not services.may_complete(actor=stand_in, edition=session.edition)
    with pytest.raises(NotAllowed):
        services.edition_complete(edition=session.edition, actor=stand_in)
