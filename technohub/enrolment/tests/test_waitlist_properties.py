"""Property tests: whatever happens to an edition, the seat and waitlist rules hold.

Hypothesis draws a starting capacity and a random sequence of operations (enrol a new person,
enrol somebody again, cancel a random active enrolment, add seats). After every step the
database is checked against the invariants and against a tiny reference model of the rules.
Each example runs in its own `transaction.atomic()` block that is rolled back at the end.
"""

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment import services
from technohub.enrolment.errors import AlreadyEnrolled
from technohub.enrolment.models import Enrolment
from technohub.hubs.tests.factories import PersonFactory, coordinator_user

pytestmark = pytest.mark.django_db

Status = Enrolment.Status

operations = st.lists(
    st.one_of(
        st.tuples(st.just("enrol")),
        st.tuples(st.just("enrol_again"), st.integers(min_value=0, max_value=50)),
        st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=50)),
        st.tuples(st.just("grow"), st.integers(min_value=1, max_value=3)),
    ),
    max_size=14,
)


class Reference:
    """The rules in a few lines: seats first come first served, then an ordered waitlist."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.confirmed: set[int] = set()
        self.waiting: list[int] = []

    def enrol(self, pk: int) -> None:
        if len(self.confirmed) < self.capacity:
            self.confirmed.add(pk)
        else:
            self.waiting.append(pk)

    def cancel(self, pk: int) -> None:
        if pk in self.confirmed:
            self.confirmed.remove(pk)
        else:
            self.waiting.remove(pk)
        self.promote()

    def grow(self, extra: int) -> None:
        self.capacity += extra
        self.promote()

    def promote(self) -> None:
        while self.waiting and len(self.confirmed) < self.capacity:
            self.confirmed.add(self.waiting.pop(0))


def check_invariants(edition, reference: Reference) -> None:
    edition.refresh_from_db()
    rows = list(edition.enrolments.values("pk", "person_id", "status", "waitlist_position"))
    active = [r for r in rows if r["status"] in Enrolment.ACTIVE]
    confirmed = {r["pk"] for r in rows if r["status"] == Status.CONFIRMED}
    waiting = sorted(
        (r for r in rows if r["status"] == Status.WAITLISTED), key=lambda r: r["waitlist_position"]
    )
    # confirmed seats never exceed the capacity
    assert len(confirmed) <= edition.capacity
    # nobody waits while a seat is free
    if waiting:
        assert len(confirmed) == edition.capacity
    # positions are exactly 1..N, in first-come-first-served order
    assert [r["waitlist_position"] for r in waiting] == list(range(1, len(waiting) + 1))
    by_time = edition.enrolments.filter(status=Status.WAITLISTED).order_by("created_at", "pk")
    assert [r["pk"] for r in waiting] == list(by_time.values_list("pk", flat=True))
    # no person holds two active enrolments
    people = [r["person_id"] for r in active]
    assert len(people) == len(set(people))
    # and it is exactly what the reference rules say
    assert edition.capacity == reference.capacity
    assert confirmed == reference.confirmed
    assert [r["pk"] for r in waiting] == reference.waiting


@settings(max_examples=40, deadline=None)
@given(capacity=st.integers(min_value=0, max_value=4), ops=operations)
def test_seat_and_waitlist_invariants(capacity, ops):
    with transaction.atomic():
        edition = EditionFactory(capacity=capacity)
        coordinator = coordinator_user(edition.hub)
        reference = Reference(capacity)
        people = []
        for op in ops:
            kind = op[0]
            if kind == "enrol" or (kind == "enrol_again" and not people):
                person = PersonFactory(employer=None, learner_kind="job_seeker")
                people.append(person)
                enrolment = services.enrolment_create(
                    edition=edition, person=person, actor=coordinator
                )
                reference.enrol(enrolment.pk)
            elif kind == "enrol_again":
                person = people[op[1] % len(people)]
                is_active = edition.enrolments.filter(
                    person=person, status__in=Enrolment.ACTIVE
                ).exists()
                if is_active:
                    with pytest.raises(AlreadyEnrolled):
                        services.enrolment_create(edition=edition, person=person, actor=coordinator)
                else:
                    enrolment = services.enrolment_create(
                        edition=edition, person=person, actor=coordinator
                    )
                    reference.enrol(enrolment.pk)
            elif kind == "cancel":
                active = list(edition.enrolments.filter(status__in=Enrolment.ACTIVE).order_by("pk"))
                if not active:
                    continue
                enrolment = active[op[1] % len(active)]
                services.enrolment_cancel(enrolment=enrolment, actor=coordinator)
                reference.cancel(enrolment.pk)
            else:
                edition.refresh_from_db()
                services.edition_set_capacity(
                    edition=edition, capacity=edition.capacity + op[1], actor=coordinator
                )
                reference.grow(op[1])
            check_invariants(edition, reference)
        transaction.set_rollback(True)
