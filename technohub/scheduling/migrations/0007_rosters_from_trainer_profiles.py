"""Every trainer gets a roster row at each hub that engages them: where they are qualified for
a course (their profile's courses), where they taught an edition or a session, and where they
hold a trainer role. The profile's weekly maximum and note are copied per hub; the courses are
split by hub."""

from django.db import migrations


def forwards(apps, schema_editor):
    TrainerProfile = apps.get_model("scheduling", "TrainerProfile")
    HubTrainer = apps.get_model("scheduling", "HubTrainer")
    Edition = apps.get_model("catalogue", "Edition")
    Session = apps.get_model("catalogue", "Session")
    Role = apps.get_model("hubs", "Role")
    Person = apps.get_model("hubs", "Person")

    hubs: dict[int, set[int]] = {}  # person → hubs
    courses: dict[tuple[int, int], list[int]] = {}  # (person, hub) → courses
    profiles = {}
    for profile in TrainerProfile.objects.prefetch_related("courses"):
        profiles[profile.person_id] = profile
        for course in profile.courses.all():
            hubs.setdefault(profile.person_id, set()).add(course.hub_id)
            courses.setdefault((profile.person_id, course.hub_id), []).append(course.pk)
    for person_id, hub_id in Edition.objects.filter(trainer__isnull=False).values_list(
        "trainer_id", "hub_id"
    ):
        hubs.setdefault(person_id, set()).add(hub_id)
    for person_id, hub_id in Session.objects.filter(trainer__isnull=False).values_list(
        "trainer_id", "edition__hub_id"
    ):
        hubs.setdefault(person_id, set()).add(hub_id)
    people = dict(Person.objects.filter(user__isnull=False).values_list("user_id", "pk"))
    for user_id, hub_id in Role.objects.filter(kind="trainer", hub__isnull=False).values_list(
        "user_id", "hub_id"
    ):
        if user_id in people:
            hubs.setdefault(people[user_id], set()).add(hub_id)
    for person_id, hub_ids in sorted(hubs.items()):
        profile = profiles.get(person_id)
        for hub_id in sorted(hub_ids):
            row, _created = HubTrainer.objects.get_or_create(
                hub_id=hub_id,
                person_id=person_id,
                defaults={
                    "max_sessions_per_week": profile.max_sessions_per_week if profile else None,
                    "note": profile.note if profile else "",
                },
            )
            row.courses.add(*courses.get((person_id, hub_id), []))


class Migration(migrations.Migration):
    dependencies = [
        ("scheduling", "0006_hub_trainer_rosters"),
        ("catalogue", "0006_session_status_room_kinds"),
        ("hubs", "0002_signup_contacts_employment"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
