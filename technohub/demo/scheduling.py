"""The scheduling area's part of the demo (called by demo.builder after the base demo).

Woerden's rooms with their features (hub building, demo house, welding booths, the mobile hub),
equipment lent by members, room kinds, each hub's trainer roster and school-holiday region,
trainers' availability ("Tuesday and Thursday evenings"), the hub's own closed days,
bookings of the sessions already planned and of two members, and the editions of next term
waiting for the agenda builder.
"""

import datetime as dt

from django.utils import timezone

from technohub.catalogue.models import Course, Edition, Place, RoomKind, Session
from technohub.catalogue.services import edition_create
from technohub.demo.builder import closed_days
from technohub.scheduling import services
from technohub.scheduling.models import HubTrainer
from technohub.scheduling.planning import AFTERNOON, EVENING, MORNING

M, A, E = MORNING, AFTERNOON, EVENING
MON, TUE, WED, THU, FRI, SAT = range(6)

# place key → features
FEATURES = {
    "praktijkhal": ("Lascabines", "Afzuiging", "Beamer"),
    "installatielab": ("Klimaatinstallatie", "Elektropanelen", "Beamer"),
    "demowoning": ("Demowoning",),
    "theorielokaal": ("Beamer",),
    "xr-lab": ("Beamer", "VR-ruimte"),
    "bogro-werkplaats": ("Klimaatinstallatie",),
}
BOOKABLE = ("demowoning", "xr-lab")
# place key → room kind (blank: a general room); a practical course goes only into a lab
ROOM_KINDS = {
    "praktijkhal": RoomKind.LAB,
    "installatielab": RoomKind.LAB,
    "demowoning": RoomKind.LAB,
    "xr-lab": RoomKind.LAB,
    "bogro-werkplaats": RoomKind.LAB,
    "mobiele-hub-woerden": RoomKind.LAB,
    "theorielokaal": RoomKind.CLASSROOM,
    "roc-fp": RoomKind.LAB,
    "agri-dronten": RoomKind.LAB,
    "mobiele-hub": RoomKind.LAB,
    "aeres-emmeloord": RoomKind.CLASSROOM,
}
# the room a course needs, from its format (as catalogue migration 0006 derived it)
ROOM_FOR_FORMAT = {
    "practical": RoomKind.LAB,
    "classroom": RoomKind.CLASSROOM,
    "online": RoomKind.ONLINE,
    "elearning": RoomKind.ONLINE,
}
# hub → school-holiday region (rijksoverheid.nl regio-indeling: Flevoland is noord, the
# province of Utrecht midden)
SCHOOL_REGIONS = {"woerden": "midden", "noordoostpolder": "noord"}

# name, quantity, lent by, kept in, certificate course, members may book
EQUIPMENT = (
    ("MIG/MAG-lasapparaat", 10, "rijnstaal", "praktijkhal", "vca", False),
    ("Warmtepomp-opstelling lucht/water", 2, "bogro", "installatielab", None, False),
    ("XR-bril (Meta Quest 3)", 12, "de-graaf-leerontwerp", "xr-lab", None, True),
    ("Warmtebeeldcamera", 2, "van-vliet", "installatielab", None, True),
    ("Hoogwerker (schaarlift)", 1, "kuiper-bouw", None, "vca", True),
)

# trainer → (weekly availability, max sessions a week, courses they can teach)
TRAINERS = {
    "gerrit": ({(TUE, E), (THU, E)}, 2, ("lassen", "robotlassen")),
    "ingrid": ({(MON, E), (WED, E), (WED, A)}, 3, ("nen1010", "meet-regel", "plc")),
    "richard": ({(THU, E)}, 1, ("warmtepomp", "bodemenergie", "hybride")),
    "mark": ({(SAT, M), (SAT, A), (FRI, E)}, 2, ("hybride", "warmtepomp")),
    "ruud": ({(THU, E), (TUE, E)}, 2, ("tekeningen", "meet-regel")),
    "patrick": ({(FRI, M), (FRI, A), (THU, M), (THU, A)}, 2, ("f-gassen",)),
    "femke": (
        {(WED, M), (WED, A), (MON, E), (WED, E), (TUE, M), (THU, M)},
        4,
        ("xr", "proeven", "inspiratie"),
    ),
    "erik": ({(MON, E), (SAT, M), (TUE, E)}, 2, ("plc", "robotlassen", "lassen")),
    "sandra": ({(FRI, M), (FRI, A), (MON, M), (MON, A)}, 2, ("ev", "proeven")),
    "ahmed": ({(THU, A), (TUE, A), (WED, A)}, 3, ("demowoning", "duurzaam", "proeven")),
    "ronald": ({(FRI, M), (FRI, A), (SAT, M), (SAT, A)}, 2, ("vca",)),
    "jeroen": ({(SAT, M), (WED, E)}, 1, ("duurzaam", "demowoning")),
}

# course, seats, sessions, rhythm, minutes, time of day, weekdays, features, equipment,
# one trainer, preferred daypart (+ how many asked for it)
WAITING = (
    (
        "lassen",
        10,
        8,
        "weekly",
        150,
        "evening",
        (),
        ("Lascabines",),
        {"MIG/MAG-lasapparaat": 10},
        True,
        E,
        12,
    ),
    ("nen1010", 14, 6, "weekly", 150, "evening", (), ("Beamer",), {}, True, E, 9),
    ("meet-regel", 12, 6, "weekly", 180, "evening", (), ("Klimaatinstallatie",), {}, True, E, 6),
    (
        "warmtepomp",
        12,
        5,
        "fortnightly",
        150,
        "evening",
        (THU,),
        ("Klimaatinstallatie",),
        {"Warmtepomp-opstelling lucht/water": 2},
        True,
        E,
        14,
    ),
    (
        "f-gassen",
        8,
        4,
        "weekly",
        480,
        "whole_day",
        (FRI, THU),
        ("Klimaatinstallatie",),
        {},
        True,
        None,
        1,
    ),
    (
        "xr",
        10,
        3,
        "weekly",
        150,
        "any",
        (),
        ("VR-ruimte",),
        {"XR-bril (Meta Quest 3)": 10},
        True,
        E,
        5,
    ),
    ("plc", 10, 6, "weekly", 150, "evening", (), ("Elektropanelen",), {}, True, E, 5),
    (
        "hybride",
        10,
        2,
        "weekly",
        420,
        "whole_day",
        (SAT,),
        ("Klimaatinstallatie",),
        {},
        True,
        None,
        1,
    ),
    ("robotlassen", 8, 1, "weekly", 240, "daytime", (SAT,), ("Lascabines",), {}, True, None, 1),
    ("duurzaam", 14, 3, "weekly", 240, "daytime", (SAT, WED), ("Demowoning",), {}, True, None, 1),
    ("ev", 10, 2, "intensive", 480, "whole_day", (MON, FRI), (), {}, True, None, 1),
    ("vca", 16, 1, "weekly", 480, "whole_day", (FRI, SAT), ("Beamer",), {}, True, None, 1),
    ("proeven", 12, 6, "weekly", 180, "daytime", (), (), {}, False, M, 8),
    (
        "demowoning",
        16,
        8,
        "weekly",
        120,
        "daytime",
        (TUE, WED, THU),
        ("Demowoning",),
        {},
        True,
        A,
        1,
    ),
    ("tekeningen", 16, 4, "fortnightly", 150, "evening", (), ("Beamer",), {}, True, E, 4),
    ("inspiratie", 40, 1, "weekly", 120, "evening", (), ("Beamer",), {}, True, E, 20),
    ("inspiratie", 40, 1, "weekly", 120, "evening", (), ("Beamer",), {}, True, E, 20),
    ("bodemenergie", 12, 4, "weekly", 150, "evening", (), (), {}, True, E, 6),
)

TERM_WEEKS = 10


def term_of(builder) -> tuple[dt.date, dt.date]:
    """Next term: ten weeks from the Monday after the base demo's plan (week 13)."""
    start = builder.monday + dt.timedelta(weeks=13)
    return start, start + dt.timedelta(weeks=TERM_WEEKS, days=-1)


def seed(builder) -> None:
    hub = builder.hubs["woerden"]
    places = {key: place for key, place in builder.places.items() if place.hub_id == hub.pk}
    places["mobiele-hub-woerden"] = Place.objects.create(
        hub=hub,
        name="Mobiele TechnoHUB (bus met werkplekken)",
        kind=Place.Kind.MOBILE_HUB,
        city="Woerden",
        capacity=8,
    )
    _room_kinds(builder, places)
    for key, region in SCHOOL_REGIONS.items():
        services.planning_settings_save(
            hub=builder.hubs[key], actor=None, school_region=region, liberation_day=True
        )
    features = {}
    for key, names in FEATURES.items():
        chosen = []
        for name in names:
            if name not in features:
                features[name] = services.feature_create(hub=hub, name=name, actor=None)
            chosen.append(features[name])
        services.place_set_features(
            place=places[key], features=chosen, bookable=key in BOOKABLE, actor=None
        )
    equipment = {}
    for name, quantity, owner, home, course, bookable in EQUIPMENT:
        equipment[name] = services.equipment_save(
            hub=hub,
            actor=None,
            name=name,
            quantity=quantity,
            owner=builder.orgs[owner],
            home=places[home] if home else None,
            required_course=builder.courses[course] if course else None,
            bookable_by_members=bookable,
        )
    for key, (weekly, most, courses) in TRAINERS.items():
        person = builder.people[key]
        services.availability_set(person=person, slots=weekly, actor=None)
        services.trainer_profile_update(
            person=person,
            hub=hub,
            actor=None,
            max_sessions_per_week=most,
            courses=[builder.courses[c] for c in courses],
        )
    _rosters(builder)
    start, end = term_of(builder)
    _holidays(builder, hub, start, end)
    services.exception_add(
        person=builder.people["gerrit"],
        starts_on=start + dt.timedelta(weeks=6, days=1),
        ends_on=start + dt.timedelta(weeks=6, days=4),
        reason="Vakantie",
        actor=None,
    )
    for edition in Edition.objects.filter(hub=hub).exclude(status=Edition.Status.CANCELLED):
        services.sessions_book(edition=edition, actor=None)
    _member_bookings(builder, places, equipment)
    _waiting(builder, hub, features, equipment, start)


def _room_kinds(builder, places) -> None:
    """Rooms say what kind they are and courses what they need (`fit.room_fits`)."""
    all_places = {**builder.places, **places}
    for key, kind in ROOM_KINDS.items():
        if key in all_places:
            Place.objects.filter(pk=all_places[key].pk).update(room_kind=kind)
    for course in builder.courses.values():
        need = ROOM_FOR_FORMAT.get(course.format, "")
        Course.objects.filter(pk=course.pk).update(room_kind=need)
        course.room_kind = need


def _rosters(builder) -> None:
    """Each hub's roster: whoever teaches one of its editions, for those courses (as the
    roster migration does for existing data)."""
    taught: dict[tuple[int, int], set] = {}
    for edition in Edition.objects.filter(trainer__isnull=False).select_related("course"):
        taught.setdefault((edition.hub_id, edition.trainer_id), set()).add(edition.course)
    for session in Session.objects.filter(trainer__isnull=False).select_related("edition__course"):
        key = (session.edition.hub_id, session.trainer_id)
        taught.setdefault(key, set()).add(session.edition.course)
    hubs = {hub.pk: hub for hub in builder.hubs.values()}
    people = {person.pk: person for person in builder.people.values()}
    for (hub_id, person_id), courses in sorted(taught.items()):
        if hub_id not in hubs or person_id not in people:
            continue
        row = HubTrainer.objects.filter(hub_id=hub_id, person_id=person_id).first()
        if row is None:
            row = services.hub_trainer_add(hub=hubs[hub_id], person=people[person_id], actor=None)
        services.hub_trainer_update(
            row=row,
            actor=None,
            active=row.active,
            max_sessions_per_week=row.max_sessions_per_week,
            courses={*row.courses.all(), *courses},
            note=row.note,
        )


def _holidays(builder, hub, start: dt.date, end: dt.date) -> None:
    """The hub's own closed days: Christmas Eve, New Year's Eve and a study day in the term.
    Public holidays and (for the school courses) the school holidays of regio Midden come
    from `scheduling.calendar`."""
    for year in sorted({builder.today.year, start.year, end.year}):
        for day, name in (
            (dt.date(year, 12, 24), "Kerstavond"),
            (dt.date(year, 12, 31), "Oudejaarsdag"),
        ):
            if builder.today <= day <= end + dt.timedelta(weeks=4):
                services.closed_period_create(
                    hub=hub, name=name, starts_on=day, ends_on=day, actor=None
                )
    study_day = start + dt.timedelta(weeks=TERM_WEEKS // 2, days=WED)
    services.closed_period_create(
        hub=hub, name="Studiedag TechnoHUB", starts_on=study_day, ends_on=study_day, actor=None
    )


def _member_bookings(builder, places, equipment) -> None:
    """Bogro shows a customer the demo house; Van Vliet borrows the thermal camera."""
    day = builder.monday + dt.timedelta(weeks=2, days=TUE)
    while day in closed_days(day.year):
        day += dt.timedelta(days=7)
    services.booking_create(
        actor=builder.contacts["bogro"],
        place=places["demowoning"],
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0))),
        ends_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0))),
        organisation=builder.orgs["bogro"],
        purpose="Klantdemonstratie hybride warmtepomp",
    )
    services.booking_create(
        actor=builder.contacts["van-vliet"],
        equipment=equipment["Warmtebeeldcamera"],
        quantity=1,
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(8, 0))),
        ends_at=timezone.make_aware(
            dt.datetime.combine(day + dt.timedelta(days=2), dt.time(17, 0))
        ),
        organisation=builder.orgs["van-vliet"],
        purpose="Opname woningen Kamerik",
    )


def _waiting(builder, hub, features, equipment, start: dt.date) -> None:
    """Next term's editions: drafts with a session pattern, no sessions yet."""
    iso = start.isocalendar()
    for n, row in enumerate(WAITING, start=1):
        course_key, seats, count, rhythm, minutes, time, weekdays = row[:7]
        needs, wanted, one, preferred, asked = row[7:]
        course = builder.courses[course_key]
        edition = edition_create(
            course=course,
            actor=None,
            code=f"{course_key.upper()[:6]}-{iso.year}-T{n:02d}",
            starts_on=start,
            ends_on=start + dt.timedelta(weeks=TERM_WEEKS, days=-1),
            capacity=seats,
            min_participants=min(seats, 4),
            status=Edition.Status.DRAFT,
        )
        services.planning_request_save(
            edition=edition,
            actor=None,
            session_count=count,
            rhythm=rhythm,
            session_minutes=minutes,
            time_of_day=time,
            weekdays=list(weekdays),
            min_days_between=1,
            same_trainer=one,
            preferred_daypart=preferred,
            preference_weight=asked,
            features=[features[name] for name in needs],
            equipment={equipment[name]: q for name, q in wanted.items()},
        )
