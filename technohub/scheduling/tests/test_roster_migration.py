"""Migration 0007: every trainer profile becomes roster rows at the hubs that engage the person."""

import importlib

import pytest
from django.apps import apps

from technohub.catalogue.tests.factories import CourseFactory, EditionFactory
from technohub.hubs.models import Role
from technohub.hubs.tests.factories import HubFactory, PersonFactory, RoleFactory, trainer_user
from technohub.scheduling.models import HubTrainer, TrainerProfile

pytestmark = pytest.mark.django_db
migration = importlib.import_module(
    "technohub.scheduling.migrations.0007_rosters_from_trainer_profiles"
)


def test_profiles_become_roster_rows_per_hub():
    woerden, nop, third, untouched = HubFactory(), HubFactory(), HubFactory(), HubFactory()
    richard = PersonFactory()
    heat_pump, welding = CourseFactory(hub=woerden), CourseFactory(hub=nop)
    profile = TrainerProfile.objects.create(person=richard, max_sessions_per_week=2, note="Bogro")
    profile.courses.set([heat_pump, welding])
    EditionFactory(course=CourseFactory(hub=third), trainer=richard)  # taught there
    invited = trainer_user(employer=None)
    RoleFactory(user=invited, kind=Role.Kind.TRAINER, hub=nop)
    trainer_user(employer=None)  # a trainer role without a hub engages nobody

    migration.forwards(apps, None)
    migration.forwards(apps, None)  # running twice changes nothing

    rows = {row.hub_id: row for row in HubTrainer.objects.filter(person=richard)}
    assert set(rows) == {woerden.pk, nop.pk, third.pk}
    assert list(rows[woerden.pk].courses.all()) == [heat_pump]
    assert list(rows[nop.pk].courses.all()) == [welding]
    assert not rows[third.pk].courses.exists()
    assert {r.max_sessions_per_week for r in rows.values()} == {2}
    assert rows[woerden.pk].note == "Bogro"
    assert list(HubTrainer.objects.filter(person=invited.person).values_list("hub", flat=True)) == [
        nop.pk
    ]
    assert HubTrainer.objects.count() == 4
    assert not HubTrainer.objects.filter(hub=untouched).exists()
