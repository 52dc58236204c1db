"""The pricing area's part of the demo (called by demo.builder after the base demo).

Woerden gets: F-gassen as a joint purchase with group tiers (Bogro and Van Vliet both send
installers, so both see their share fall), the basic welding course as entre nous with
contributions in kind from Bogro (trainer hours) and Van Vliet (materials), the OOM sector
fund paying half for installation companies and a SLIM subsidy for job seekers (one joins each
F-gassen group; the hub carries what the subsidy leaves), Bogro's reserved seats in the last
F-gassen edition, a closed period with issued statements (mailed to the contacts), a
room Van Vliet offers for the next F-gassen edition (awaiting the coordinator) and an open period.
"""

import datetime as dt
from decimal import Decimal

from technohub.catalogue.models import Edition
from technohub.enrolment.services import (
    enrol_many,
    enrolment_create,
    seat_pool_reserve,
    seats_taken,
)
from technohub.hubs.models import Person
from technohub.pricing import services
from technohub.pricing.models import Fund


def _enrol_more(builder, edition: Edition, org_key: str, count: int) -> None:
    """Enrol up to `count` more employees of the company while seats are free."""
    org = builder.orgs[org_key]
    taken = set(edition.enrolments.values_list("person_id", flat=True))
    free = edition.capacity - seats_taken(edition)
    people = [p for p in builder.invented[org_key] if p.pk not in taken][: min(count, free)]
    if people and edition.enrolment_is_open():
        enrol_many(
            edition=edition, people=people, actor=builder.contacts.get(org_key), on_behalf_of=org
        )


def _reserve(builder, edition: Edition, org_key: str, seats: int) -> None:
    """The company reserves seats and names the people later (or shares the claim link)."""
    free = edition.capacity - seats_taken(edition)
    if free > 0:
        seat_pool_reserve(
            edition=edition,
            organisation=builder.orgs[org_key],
            seats=min(seats, free),
            actor=builder.contacts.get(org_key),
        )


def _enrol_job_seeker(builder, edition: Edition, coordinator) -> None:
    """A job seeker joins the group: the SLIM subsidy pays for them, the hub the rest."""
    taken = set(edition.enrolments.values_list("person_id", flat=True))
    seekers = [p for p in builder.job_seekers if p.pk not in taken]
    if seekers and edition.enrolment_is_open() and seats_taken(edition) < edition.capacity:
        enrolment_create(edition=edition, person=seekers[0], actor=coordinator)


def seed(builder) -> None:
    """Add this area's demo data; `builder` is the demo.builder.DemoBuilder."""
    hub = builder.hubs["woerden"]
    marloes = builder.coordinators["woerden"]
    fgas = builder.courses["f-gassen"]
    services.course_vat_set(course=fgas, vat_rate=Decimal("21"), actor=marloes)
    editions = list(Edition.objects.filter(course=fgas).order_by("starts_on"))
    open_editions = [e for e in editions if e.enrolment_is_open()] or [None]
    for edition in editions:
        services.edition_price_set(
            edition=edition,
            actor=marloes,
            model="joint_purchase",
            fixed_cost=Decimal("1800.00"),
            per_participant_cost=Decimal("745.00"),
            tiers=[(6, Decimal("620.00")), (8, Decimal("545.00"))],
            free_cancellation_until=edition.cancellation_deadline,
            late_cancellation_percent=50,
        )
        _enrol_job_seeker(builder, edition, marloes)
        _enrol_more(builder, edition, "bogro", 2)
        if edition == open_editions[-1]:
            _reserve(builder, edition, "bogro", 2)
        _enrol_more(builder, edition, "van-vliet", 2)

    welding = builder.courses["lassen"]
    for edition in Edition.objects.filter(course=welding).exclude(status="draft"):
        services.edition_price_set(
            edition=edition,
            actor=marloes,
            model="entre_nous",
            non_member_price=welding.non_member_price,
        )
        _enrol_more(builder, edition, "van-vliet", 1)
        services.contribution_record(
            edition=edition,
            organisation=builder.orgs["bogro"],
            kind="trainer_hours",
            description="Richard de Jong begeleidt de praktijkavonden",
            quantity=Decimal("20"),
            unit_value=Decimal("65.00"),
            actor=marloes,
        )
        services.contribution_record(
            edition=edition,
            organisation=builder.orgs["van-vliet"],
            kind="materials",
            description="Plaatstaal, elektroden en beschermgas",
            quantity=Decimal("1"),
            unit_value=Decimal("840.00"),
            actor=marloes,
        )
        services.contribution_record(
            edition=edition,
            organisation=builder.orgs["bogro"],
            kind="equipment",
            description="Twee MIG/MAG-lasapparaten in bruikleen",
            quantity=Decimal("25"),
            unit_value=Decimal("12.50"),
            actor=marloes,
        )

    installation = builder.sectors.get("woerden:pie-installatie")
    services.fund_save(
        hub=hub,
        actor=marloes,
        name="OOM (opleidingsfonds installatiebranche)",
        payer="Stichting OOM; de hub declareert na afloop van de cursus",
        coverage=Fund.Coverage.PERCENT,
        percent=Decimal("50"),
        budget=Decimal("12000.00"),
        sectors=[installation] if installation else [],
        courses=[fgas],
    )
    services.fund_save(
        hub=hub,
        actor=marloes,
        name="SLIM-subsidie (werkzoekenden en zij-instromers)",
        payer="Regionaal Werkbedrijf Midden-Utrecht; declaratie per kwartaal",
        coverage=Fund.Coverage.FIXED,
        amount=Decimal("250.00"),
        budget=Decimal("5000.00"),
        learner_kinds=[Person.LearnerKind.JOB_SEEKER],
    )

    today = builder.today
    quarter_start = today - dt.timedelta(days=120)
    closed = services.period_create(
        hub=hub,
        name="Voorgaande periode",
        starts_on=quarter_start,
        ends_on=today + dt.timedelta(days=20),
        actor=marloes,
    )
    services.period_close(period=closed, actor=marloes)
    # Van Vliet records a room it lends for the next F-gassen edition; it awaits confirmation
    upcoming = (
        Edition.objects.filter(course=fgas, status__in=("published", "running"))
        .order_by("-starts_on")
        .first()
    )
    contact = builder.contacts.get("van-vliet")
    if upcoming is not None and contact is not None:
        services.contribution_propose(
            edition=upcoming,
            organisation=builder.orgs["van-vliet"],
            kind="room",
            description="Leslokaal met werkbanken in Woerden, twee avonden",
            quantity=Decimal("2"),
            unit_value=Decimal("150.00"),
            actor=contact,
        )
    services.period_create(
        hub=hub,
        name="Lopende periode",
        starts_on=today + dt.timedelta(days=21),
        ends_on=today + dt.timedelta(days=200),
        actor=marloes,
    )
