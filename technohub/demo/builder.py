"""Builds the demo through the domain services (actor=None: the operator's rights).

Hubs, sectors, organisations, memberships, places and start teams have no services yet and are
created with the ORM. Everything with rules (people, roles, courses, editions, sessions,
enrolments, attendance, completion) goes through the services, so the demo holds only states the
product itself can reach: no overbooked edition, waitlists numbered 1..N, an audit trail.
"""

import dataclasses
import datetime as dt
import random
import unicodedata
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.contrib.sessions.models import Session as WebSession
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from technohub.catalogue.models import Course, Edition, Place, Session
from technohub.catalogue.services import course_create, edition_create
from technohub.demo import data
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.services import (
    attendance_record,
    edition_complete,
    enrol_many,
    enrolment_create,
)
from technohub.hubs.models import (
    Hub,
    Membership,
    Organisation,
    Person,
    Role,
    Sector,
    StartTeam,
    User,
)
from technohub.hubs.services import person_create, role_grant
from technohub.scheduling import services as scheduling_services
from technohub.scheduling.errors import ClosedDay, SessionConflict

DEMO_HUB_SLUGS = tuple(h.key for h in data.HUBS)

# Each domain area adds its part of the demo to the base built here: `seed(builder)` gets this
# DemoBuilder (its dicts of hubs, organisations, people, places, courses; `today`, `rng`).
DEMO_EXTENSIONS = (
    "technohub.demo.scheduling.seed",
    "technohub.demo.pricing.seed",
    "technohub.demo.demand.seed",
    "technohub.demo.competences.seed",
)


def demo_present() -> bool:
    return Hub.objects.filter(slug__in=DEMO_HUB_SLUGS).exists()


def wipe() -> None:
    """Empty every table of the TechnoHUB apps (logins included) and the web sessions.

    A flush rather than ORM deletes: enrolments protect editions and people, and other apps
    may hold protected references too; truncating the lot is both simpler and faster.
    """
    tables = {WebSession._meta.db_table}
    for config in apps.get_app_configs():
        if config.name.startswith("technohub."):
            for model in config.get_models(include_auto_created=True):
                if model._meta.managed and not model._meta.proxy:
                    tables.add(model._meta.db_table)
    connection.check_constraints()  # PostgreSQL: no TRUNCATE while FK checks are pending
    statements = connection.ops.sql_flush(
        no_style(), sorted(tables), reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)


@dataclass
class Summary:
    hubs: int
    organisations: int
    people: int
    courses: int
    editions: int
    sessions: int
    enrolments: int
    waitlisted: int
    pending: int


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch == "-")


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@cache
def closed_days(year: int) -> frozenset[dt.date]:
    """Days without courses: Dutch public holidays, Christmas Eve and New Year's Eve."""
    easter = _easter(year)
    kings_day = dt.date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it moves to Saturday
        kings_day -= dt.timedelta(days=1)
    fixed = [(1, 1), (5, 5), (12, 24), (12, 25), (12, 26), (12, 31)]
    moving = [easter + dt.timedelta(days=d) for d in (0, 1, 39, 49, 50)]
    return frozenset([dt.date(year, m, d) for m, d in fixed] + moving + [kings_day])


def _later(moment: dt.datetime, by: dt.timedelta) -> dt.datetime:
    """The same local wall-clock time `by` later (across daylight-saving changes)."""
    return timezone.make_aware(timezone.localtime(moment).replace(tzinfo=None) + by)


def _time(hhmm: str) -> dt.time:
    hours, minutes = hhmm.split(":")
    return dt.time(int(hours), int(minutes))


class DemoBuilder:
    def __init__(self, *, today: dt.date, seed: int = 1848):
        self.today = today
        self.now = timezone.now()
        self.monday = today - dt.timedelta(days=today.weekday())
        self.rng = random.Random(seed)
        self.hubs: dict[str, Hub] = {}
        self.sectors: dict[str, Sector] = {}  # "hub:code"
        self.orgs: dict[str, Organisation] = {}
        self.org_specs = {spec.key: spec for spec in data.ORGANISATIONS}
        self.hub_orgs: dict[str, dict[str, tuple[str, ...]]] = defaultdict(
            dict
        )  # hub → org → sectors
        self.people: dict[str, Person] = {}
        self.invented: dict[str, list[Person]] = defaultdict(list)  # employees by org key
        self.job_seekers: list[Person] = []
        self.students: list[Person] = []
        self.contacts: dict[str, User] = {}  # org key → a contact's login
        self.coordinators: dict[str, User] = {}
        self.places: dict[str, Place] = {}
        self.courses: dict[str, Course] = {}
        self.emails: set[str] = set()
        self.password_hash = ""

    # ------------------------------------------------------------------ the whole story
    def build(self) -> Summary:
        self.create_hubs()
        self.create_organisations()
        self.create_named_people()
        self.create_invented_people()
        self.create_start_teams()
        self.create_places()
        self.create_courses()
        for plan in data.PLAN:
            self.create_edition(plan)
        for extend in DEMO_EXTENSIONS:
            import_string(extend)(self)
        return self.summary()

    def summary(self) -> Summary:
        enrolments = Enrolment.objects.all()
        return Summary(
            hubs=Hub.objects.count(),
            organisations=Organisation.objects.count(),
            people=Person.objects.count(),
            courses=Course.objects.count(),
            editions=Edition.objects.count(),
            sessions=Session.objects.count(),
            enrolments=enrolments.count(),
            waitlisted=enrolments.filter(status=Enrolment.Status.WAITLISTED).count(),
            pending=enrolments.filter(status=Enrolment.Status.PENDING_APPROVAL).count(),
        )

    # ------------------------------------------------------------------ hubs and members
    def create_hubs(self) -> None:
        for spec in data.HUBS:
            hub = Hub.objects.create(
                name=spec.name,
                slug=spec.key,
                city=spec.city,
                tagline=spec.tagline,
                description=spec.description,
                contact_email=spec.contact_email,
                contact_name=spec.contact_name,
                contact_phone=spec.contact_phone,
                address=spec.address,
                brand_colour=spec.brand_colour,
            )
            self.hubs[spec.key] = hub
            for code, name in spec.sectors:
                self.sectors[f"{spec.key}:{code}"] = Sector.objects.create(
                    hub=hub, code=code, name=name
                )

    def create_organisations(self) -> None:
        for spec in data.ORGANISATIONS:
            org = Organisation.objects.create(
                name=spec.name,
                slug=spec.key,
                kind=spec.kind,
                city=spec.city,
                website=f"https://www.{spec.domain}",
                approval_required=spec.approval,
            )
            self.orgs[spec.key] = org
            if spec.hub:
                self._membership(
                    spec.key, spec.hub, spec.member, spec.tier, spec.since, spec.sectors
                )
        for key, hub, member, tier, since, sectors in data.EXTRA_MEMBERSHIPS:
            self._membership(key, hub, member, tier, since, sectors)

    def _membership(self, org_key, hub_key, member, tier, since, sectors) -> None:
        membership = Membership.objects.create(
            hub=self.hubs[hub_key],
            organisation=self.orgs[org_key],
            status=Membership.Status.MEMBER if member else Membership.Status.NON_MEMBER,
            tier=tier,
            since=dt.date.fromisoformat(since) if member else None,
        )
        membership.sectors.set(self.sectors[f"{hub_key}:{code}"] for code in sectors)
        self.hub_orgs[hub_key][org_key] = sectors

    # ------------------------------------------------------------------ people and logins
    def _person(self, *, first, last, email, employer=None, kind=Person.LearnerKind.EMPLOYEE,
                phone="") -> Person:  # fmt: skip
        self.emails.add(email)
        return person_create(
            actor=None,
            first_name=first,
            last_name=last,
            email=email,
            employer=self.orgs[employer] if employer else None,
            learner_kind=kind,
            phone=phone,
        )

    def _login(self, person: Person, *, demo: bool) -> User:
        """A login; demo logins share one hash of the demo password (Argon2 is slow on purpose)."""
        user = User.objects.create_user(person.email)
        if demo:
            if not self.password_hash:
                user.set_password(data.DEMO_PASSWORD)
                self.password_hash = user.password
            user.password = self.password_hash
            user.save(update_fields=["password"])
        person.user = user
        person.save(update_fields=["user"])
        return user

    def create_named_people(self) -> None:
        for spec in data.PEOPLE:
            person = self._person(
                first=spec.first,
                last=spec.last,
                email=spec.email,
                employer=spec.employer,
                kind=spec.kind,
                phone=spec.phone,
            )
            self.people[spec.key] = person
            if spec.login:
                self._login(person, demo=spec.login == "demo")
            for role in spec.roles:
                kind, _, hub = role.partition(":")
                if kind == Role.Kind.COORDINATOR:
                    role_grant(user=person.user, kind=kind, actor=None, hub=self.hubs[hub])
                    self.coordinators[hub] = person.user
                elif kind == Role.Kind.CONTACT:
                    org = self.orgs[spec.employer]
                    role_grant(user=person.user, kind=kind, actor=None, organisation=org)
                    self.contacts.setdefault(spec.employer, person.user)
                else:
                    role_grant(user=person.user, kind=kind, actor=None)

    def _name(self) -> tuple[str, str]:
        names = data.FIRST_NAMES_WOMEN if self.rng.random() < 0.15 else data.FIRST_NAMES_MEN
        return self.rng.choice(names), self.rng.choice(data.SURNAMES)

    def _email(self, first: str, last: str, domain: str) -> str:
        local = f"{_ascii(first)}.{_ascii(last)}"
        email, n = f"{local}@{domain}", 2
        while email in self.emails:
            email, n = f"{local}{n}@{domain}", n + 1
        return email

    def _mobile(self) -> str:
        return f"06 {self.rng.randint(10000000, 69999999)}"

    def create_invented_people(self) -> None:
        for spec in data.ORGANISATIONS:
            for _ in range(spec.employees):
                first, last = self._name()
                person = self._person(
                    first=first,
                    last=last,
                    email=self._email(first, last, spec.domain),
                    employer=spec.key,
                    phone=self._mobile(),
                )
                self.invented[spec.key].append(person)
        for kind, count, target in (
            (Person.LearnerKind.JOB_SEEKER, data.JOB_SEEKERS, self.job_seekers),
            (Person.LearnerKind.STUDENT, data.STUDENTS, self.students),
        ):
            for _ in range(count):
                first, last = self._name()
                if kind == Person.LearnerKind.STUDENT:
                    email = ""  # pupils are enrolled by their school; no address of their own
                else:
                    email = self._email(first, last, "example.nl")
                target.append(
                    self._person(first=first, last=last, email=email, kind=kind, phone="")
                )

    def create_start_teams(self) -> None:
        for sector_key, member_keys in data.START_TEAMS.items():
            team = StartTeam.objects.create(sector=self.sectors[sector_key])
            team.members.set(self.people[key] for key in member_keys)

    def create_places(self) -> None:
        for spec in data.PLACES:
            self.places[spec.key] = Place.objects.create(
                hub=self.hubs[spec.hub],
                name=spec.name,
                kind=spec.kind,
                address=spec.address,
                city=spec.city,
                capacity=spec.capacity,
                owner=self.orgs[spec.owner] if spec.owner else None,
            )

    # ------------------------------------------------------------------ the catalogue
    def create_courses(self) -> None:
        for spec in data.COURSES:
            self.courses[spec.key] = course_create(
                hub=self.hubs[spec.hub],
                actor=None,
                title=spec.title,
                summary=spec.summary,
                description=spec.description,
                learning_outcomes="\n".join(spec.outcomes),
                sector=self.sectors[f"{spec.hub}:{spec.sector}"] if spec.sector else None,
                level=spec.level,
                format=spec.format,
                delivery_model=spec.delivery,
                study_hours=Decimal(spec.hours),
                provider=self.orgs[spec.provider] if spec.provider else None,
                member_price=Decimal(spec.member_price),
                non_member_price=Decimal(spec.non_member_price),
            )

    def _slots(self, plan: data.Plan) -> list[tuple[dt.datetime, dt.datetime]]:
        """The plan's sessions; one that falls on a holiday moves to the next free week."""
        first_day = self.monday + dt.timedelta(weeks=plan.week, days=plan.weekday)
        start, end = _time(plan.start), _time(plan.end)
        slots, n = [], 0
        while len(slots) < plan.count:
            day = first_day + dt.timedelta(weeks=n * plan.every)
            n += 1
            if day in closed_days(day.year):
                continue
            slots.append(
                (
                    timezone.make_aware(dt.datetime.combine(day, start)),
                    timezone.make_aware(dt.datetime.combine(day, end)),
                )
            )
        return slots

    def _status(self, plan: data.Plan, first_start: dt.datetime) -> str:
        if plan.status in ("draft", "cancelled"):
            return plan.status
        if plan.status == "completed":
            return Edition.Status.PUBLISHED  # completed below, after attendance
        return Edition.Status.RUNNING if first_start < self.now else Edition.Status.PUBLISHED

    def _closes(self, status: str, plan: data.Plan, first_start: dt.datetime):
        if status == Edition.Status.RUNNING or plan.status == "completed":
            return None
        closes = first_start - dt.timedelta(days=1)
        return closes if closes > self.now + dt.timedelta(hours=1) else first_start

    def create_edition(self, plan: data.Plan) -> Edition:
        course = self.courses[plan.course]
        spec = next(c for c in data.COURSES if c.key == plan.course)
        slots = self._slots(plan)
        first_start = slots[0][0]
        iso = timezone.localtime(first_start).isocalendar()
        status = self._status(plan, first_start)
        trainer = self.people[plan.trainer] if plan.trainer else None
        edition = edition_create(
            course=course,
            actor=None,
            code=f"{spec.code}-{iso.year}-W{iso.week:02d}",
            starts_on=timezone.localtime(slots[0][0]).date(),
            ends_on=timezone.localtime(slots[-1][0]).date(),
            capacity=plan.capacity,
            min_participants=plan.min_participants,
            enrolment_opens_at=None if plan.status == "completed" else self.now - dt.timedelta(28),
            enrolment_closes_at=self._closes(status, plan, first_start),
            cancellation_deadline=first_start - dt.timedelta(days=7),
            status=status,
            location=self.places[plan.place],
            trainer=trainer,
        )
        sessions = self._schedule(plan, edition, self._session_specs(plan, slots))
        if status in (Edition.Status.PUBLISHED, Edition.Status.RUNNING):
            self.enrol(plan, edition)
            over = sessions[-1].ends_at < self.now  # e.g. last week's inspiration evening: closed
            self.record_attendance(edition, trainer, completed=plan.status == "completed" or over)
        return edition

    def _session_specs(self, plan: data.Plan, slots) -> list:
        """The sessions through the one scheduling path (rooms booked, trainers checked)."""
        specs = []
        for n, (starts_at, ends_at) in enumerate(slots):
            key = plan.places[n % len(plan.places)] if plan.places else plan.place
            topic = plan.topics[n % len(plan.topics)] if plan.topics else ""
            specs.append(
                scheduling_services.SessionSpec(
                    starts_at=starts_at, ends_at=ends_at, place=self.places[key], topic=topic
                )
            )
        return specs

    def _schedule(self, plan: data.Plan, edition: Edition, specs: list) -> list[Session]:
        """Each session through the scheduling service; one that clashes (the plans are
        relative to today, so a holiday that moved one session may put it on another
        edition's) or falls on a closed day moves on by the plan's rhythm, like a holiday."""
        sessions = []
        for spec in specs:
            for _attempt in range(12):
                try:
                    sessions += scheduling_services.sessions_schedule(
                        edition=edition, specs=[spec], actor=None
                    )
                    break
                except (SessionConflict, ClosedDay):
                    weeks = dt.timedelta(weeks=max(1, plan.every))
                    spec = dataclasses.replace(
                        spec,
                        starts_at=_later(spec.starts_at, weeks),
                        ends_at=_later(spec.ends_at, weeks),
                    )
        return sessions

    # ------------------------------------------------------------------ enrolments
    def _pool(self, plan: data.Plan, hub_key: str, sector: Sector | None) -> list[Person]:
        if plan.pool == "job_seekers":
            return list(self.job_seekers)
        if plan.pool == "students":
            return list(self.students)
        orgs = self.hub_orgs[hub_key]
        pool = []
        for org_key, codes in orgs.items():
            if self.org_specs[org_key].kind != Organisation.Kind.COMPANY:
                continue
            if plan.pool == "sector" and sector is not None and sector.code not in codes:
                continue
            pool.extend(self.invented[org_key])
        return pool

    def enrol(self, plan: data.Plan, edition: Edition) -> None:
        course = self.courses[plan.course]
        hub_key = next(k for k, hub in self.hubs.items() if hub.pk == course.hub_id)
        for key in plan.first:
            self._enrol_self(edition, key)
        pool = self._pool(plan, hub_key, course.sector)
        chosen = self.rng.sample(pool, min(plan.enrol, len(pool)))
        by_org: dict[int | None, list[Person]] = defaultdict(list)
        for person in chosen:
            by_org[person.employer_id].append(person)
        for employer_id, people in by_org.items():
            if employer_id is None:
                for person in people:  # job seekers and pupils: the coordinator enrols them
                    enrolment_create(
                        edition=edition, person=person, actor=self.coordinators[hub_key]
                    )
                continue
            org = people[0].employer
            enrol_many(
                edition=edition,
                people=people,
                actor=self.contacts.get(org.slug),  # None: the company's API import
                on_behalf_of=org,
            )
        for key in (*plan.last, *plan.pending):
            self._enrol_self(edition, key)

    def _enrol_self(self, edition: Edition, key: str) -> Enrolment:
        person = self.people[key]
        return enrolment_create(edition=edition, person=person, actor=person.user)

    def record_attendance(self, edition: Edition, trainer: Person | None, *, completed: bool):
        """The trainer marks the sessions that are over; a completed edition is closed."""
        past = [s for s in edition.sessions.order_by("starts_at") if s.ends_at < self.now]
        if not past or trainer is None:
            return
        seated = list(edition.enrolments.filter(status=Enrolment.Status.CONFIRMED))
        sander = self.people["sander"].pk
        truant = next((e.pk for e in reversed(seated) if e.person_id != sander), None)
        for n, session in enumerate(past):
            marks = {}
            for enrolment in seated:
                if enrolment.pk == truant and n % 2 == 1:
                    marks[enrolment.pk] = Attendance.Status.ABSENT
                elif enrolment.person_id != sander and self.rng.random() < 0.08:
                    marks[enrolment.pk] = Attendance.Status.EXCUSED
                else:
                    marks[enrolment.pk] = Attendance.Status.PRESENT
            attendance_record(session=session, marks=marks, actor=trainer.user)
        if completed:
            edition_complete(edition=edition, actor=trainer.user)


@contextmanager
def quiet_transaction():
    """A transaction whose on-commit hooks are dropped: nobody gets the demo's enrolment mails.

    The services queue a mail (with the sessions as .ics) per enrolment after commit; for a few
    hundred demo enrolments that would be half the run time and a screenful of console mail.
    Django's own `captureOnCommitCallbacks` slices `run_on_commit` the same way.
    """
    with transaction.atomic():
        connection = transaction.get_connection()
        queued_before = len(connection.run_on_commit)
        yield
        del connection.run_on_commit[queued_before:]


def build_demo(*, today: dt.date | None = None) -> Summary:
    """Build the whole demo, sending no mail. Inside a transaction of its own."""
    with quiet_transaction():
        return DemoBuilder(today=today or timezone.localdate()).build()


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, e-mail, name) of each demo login, in the order they are printed."""
    people = {spec.key: spec for spec in data.PEOPLE}
    return [
        (role, people[key].email, f"{people[key].first} {people[key].last}")
        for role, key in data.DEMO_LOGINS
    ]


__all__ = ["DEMO_HUB_SLUGS", "Summary", "build_demo", "demo_logins", "demo_present", "wipe"]
