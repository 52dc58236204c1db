import pytest
from django.contrib.auth.models import AnonymousUser

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import CourseFactory, EditionFactory, SessionFactory
from technohub.enrolment import selectors
from technohub.enrolment.models import Enrolment
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.models import User
from technohub.hubs.tests.factories import (
    HubFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
    learner_user,
    trainer_user,
)

pytestmark = pytest.mark.django_db

Status = Enrolment.Status


@pytest.fixture
def world():
    """Two hubs, two companies, a job seeker; an enrolment of each kind in each hub."""
    hub, other_hub = HubFactory.create_batch(2)
    company, other_company = OrganisationFactory.create_batch(2)
    trainer = trainer_user(employer=None)
    taught = EditionFactory(course=CourseFactory(hub=hub), trainer=trainer.person)
    untaught = EditionFactory(course=CourseFactory(hub=hub))
    elsewhere = EditionFactory(course=CourseFactory(hub=other_hub))
    learner = learner_user(employer=company)
    job_seeker = learner_user(employer=None, learner_kind="job_seeker")
    e = {
        "learner_taught": EnrolmentFactory(edition=taught, person=learner.person),
        "learner_elsewhere": EnrolmentFactory(edition=elsewhere, person=learner.person),
        "colleague_untaught": EnrolmentFactory(
            edition=untaught, person=PersonFactory(employer=company)
        ),
        "competitor_taught": EnrolmentFactory(
            edition=taught, person=PersonFactory(employer=other_company)
        ),
        "competitor_elsewhere": EnrolmentFactory(
            edition=elsewhere, person=PersonFactory(employer=other_company)
        ),
        "job_seeker_untaught": EnrolmentFactory(edition=untaught, person=job_seeker.person),
    }
    return {
        "hub": hub,
        "other_hub": other_hub,
        "company": company,
        "other_company": other_company,
        "trainer": trainer,
        "learner": learner,
        "job_seeker": job_seeker,
        "enrolments": e,
    }


def _visible(actor, world) -> set[str]:
    names = {v.pk: k for k, v in world["enrolments"].items()}
    return {names[pk] for pk in selectors.enrolments_for(actor=actor).values_list("pk", flat=True)}


def test_anonymous_sees_nothing(world):
    assert _visible(AnonymousUser(), world) == set()


def test_learner_sees_own_only(world):
    assert _visible(world["learner"], world) == {"learner_taught", "learner_elsewhere"}
    assert _visible(world["job_seeker"], world) == {"job_seeker_untaught"}


def test_contact_sees_own_company_only(world):
    contact = contact_user(world["company"])
    assert _visible(contact, world) == {
        "learner_taught",
        "learner_elsewhere",
        "colleague_untaught",
    }


def test_contact_of_another_company_sees_only_theirs(world):
    contact = contact_user(world["other_company"])
    assert _visible(contact, world) == {"competitor_taught", "competitor_elsewhere"}


def test_contact_of_a_company_without_enrolments_sees_nothing(world):
    """A contact is never shown employer-less enrolments (job seekers)."""
    assert _visible(contact_user(OrganisationFactory()), world) == set()


def test_coordinator_sees_own_hub_only(world):
    assert _visible(coordinator_user(world["hub"]), world) == {
        "learner_taught",
        "colleague_untaught",
        "competitor_taught",
        "job_seeker_untaught",
    }
    assert _visible(coordinator_user(world["other_hub"]), world) == {
        "learner_elsewhere",
        "competitor_elsewhere",
    }


def test_trainer_sees_own_editions_only(world):
    assert _visible(world["trainer"], world) == {"learner_taught", "competitor_taught"}
    assert _visible(trainer_user(), world) == set()


def test_enrolments_for_query_count_does_not_grow_with_rows(world, django_assert_num_queries):
    coordinator = User.objects.get(pk=coordinator_user(world["hub"]).pk)  # nothing cached
    # the roles, the actor's person, then the enrolments with their relations in one query
    with django_assert_num_queries(3):
        rows = list(selectors.enrolments_for(actor=coordinator))
        [(e.person.full_name, e.edition.course.title, e.edition.hub.name) for e in rows]


def test_enrolments_of_organisation(world):
    rows = selectors.enrolments_of_organisation(organisation_id=world["other_company"].pk)
    names = {v.pk: k for k, v in world["enrolments"].items()}
    assert {names[e.pk] for e in rows} == {"competitor_taught", "competitor_elsewhere"}


def test_with_seat_counts():
    # given 3 seats: 2 confirmed, a cancelled, a pending and 2 waiting
    edition = EditionFactory(capacity=3)
    EnrolmentFactory.create_batch(2, edition=edition)
    EnrolmentFactory(edition=edition, status=Status.CANCELLED)
    EnrolmentFactory(edition=edition, status=Status.PENDING_APPROVAL)
    EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=1)
    EnrolmentFactory(edition=edition, status=Status.WAITLISTED, waitlist_position=2)
    full = EditionFactory(capacity=1)
    EnrolmentFactory.create_batch(1, edition=full)
    empty = EditionFactory(capacity=5)
    # when annotated
    rows = {e.pk: e for e in selectors.with_seat_counts(Edition.objects.all())}
    # then pending and cancelled hold no seat; seats_left never goes below 0
    assert (rows[edition.pk].seats_taken, rows[edition.pk].seats_left) == (2, 1)
    assert rows[edition.pk].waitlist_length == 2
    assert (rows[full.pk].seats_taken, rows[full.pk].seats_left) == (1, 0)
    assert (rows[empty.pk].seats_taken, rows[empty.pk].seats_left) == (0, 5)


def test_seats_left_is_zero_when_overfull():
    edition = EditionFactory(capacity=1)
    EnrolmentFactory.create_batch(2, edition=edition)
    row = selectors.with_seat_counts(Edition.objects.filter(pk=edition.pk)).get()
    assert (row.seats_taken, row.seats_left) == (2, 0)


def test_sessions_of_person():
    # given a learner confirmed in one edition, waiting in another, and teaching a third
    person = PersonFactory()
    confirmed = EditionFactory()
    waiting = EditionFactory()
    taught = EditionFactory(trainer=person)
    cancelled_edition = EditionFactory(status=Edition.Status.CANCELLED)
    EnrolmentFactory(edition=confirmed, person=person)
    EnrolmentFactory(edition=waiting, person=person, status=Status.WAITLISTED, waitlist_position=1)
    EnrolmentFactory(edition=cancelled_edition, person=person)
    mine = [SessionFactory(edition=confirmed), SessionFactory(edition=taught)]
    SessionFactory(edition=waiting)
    SessionFactory(edition=cancelled_edition)
    EnrolmentFactory(edition=confirmed)  # a second participant must not duplicate sessions
    # when / then only the sessions with a seat or teaching, once each
    result = list(selectors.sessions_of_person(person_id=person.pk))
    assert sorted(s.pk for s in result) == sorted(s.pk for s in mine)
