"""Given-state for pricing tests: a hub with two member companies and a joint purchase."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from technohub.catalogue.tests.factories import EditionFactory
from technohub.enrolment.services import enrol_many
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
)
from technohub.pricing.services import edition_price_set, period_create


def joint_world(*, bogro: int = 5, vliet: int = 3):
    hub, other_hub = HubFactory(), HubFactory()
    a = OrganisationFactory(name="Bogro BV")
    b = OrganisationFactory(name="Van Vliet Installatie")
    MembershipFactory(hub=hub, organisation=a)
    MembershipFactory(hub=hub, organisation=b)
    coordinator = coordinator_user(hub)
    edition = EditionFactory(course__hub=hub, course__title="F-gassen", capacity=20)
    edition_price_set(
        edition=edition,
        actor=coordinator,
        model="joint_purchase",
        fixed_cost=Decimal("1500"),
        per_participant_cost=Decimal("400"),
        tiers=[(8, Decimal("300"))],
    )
    contact_a, contact_b = contact_user(a), contact_user(b)
    enrolled_a = enrol_many(
        edition=edition,
        people=PersonFactory.create_batch(bogro, employer=a),
        actor=contact_a,
        on_behalf_of=a,
    )
    enrolled_b = enrol_many(
        edition=edition,
        people=PersonFactory.create_batch(vliet, employer=b),
        actor=contact_b,
        on_behalf_of=b,
    )
    today = timezone.localdate()
    period = period_create(
        hub=hub,
        name="Kwartaal",
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=60),
        actor=coordinator,
    )
    return SimpleNamespace(
        hub=hub,
        other_hub=other_hub,
        a=a,
        b=b,
        coordinator=coordinator,
        contact_a=contact_a,
        contact_b=contact_b,
        edition=edition,
        enrolled_a=enrolled_a,
        enrolled_b=enrolled_b,
        period=period,
    )
