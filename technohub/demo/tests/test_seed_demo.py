"""`manage.py seed_demo` tells the seeds' story, and can run on every start."""

import datetime as dt
import io
from collections import defaultdict

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test.utils import override_settings
from django.utils import timezone

from technohub.catalogue.models import Course, Edition, Session
from technohub.demo.builder import closed_days, demo_logins, wipe
from technohub.demo.data import DEMO_PASSWORD
from technohub.enrolment.models import Enrolment
from technohub.hubs.models import Hub, Membership, Organisation, Person, Role, User

pytestmark = pytest.mark.django_db
MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]

NAMED_COURSES = [
    "Basiscursus lassen",
    "Meet- en regeltechniek",
    "F-gassen (certificaat categorie I)",
    "Kennismaking warmtepomptechniek",
    "Extended reality in de installatietechniek",
    "Innovatie-inspiratiesessie",
    "Bodemenergie en bronsystemen",
    "Hybride warmtepomp installeren",
    "Elektrotechniek NEN 1010 basis",
    "Lezen van installatietekeningen",
    "PLC-basis (mechatronica)",
    "Robotlassen kennismaking",
    "Duurzaam bouwen en isoleren",
    "Elektrisch rijden: veilig werken aan EV's",
    "VCA basis",
    "Techniek proeven",
    "Praktijkmiddag demowoning (vmbo PIE)",
]


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for this module in a transaction that is rolled back at its end.

    Each test still runs in a savepoint of its own (pytest-django's `db`), so a test that
    changes the data (--reset) leaves the next one the same demo.
    """
    hashers = override_settings(PASSWORD_HASHERS=MD5)
    with django_db_blocker.unblock(), hashers, transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {
        "hubs": Hub.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "users": User.objects.count(),
        "courses": Course.objects.count(),
        "editions": Edition.objects.count(),
        "sessions": Session.objects.count(),
        "enrolments": Enrolment.objects.count(),
    }


def roles(email: str) -> set[str]:
    return set(Role.objects.filter(user__email=email).values_list("kind", flat=True))


def days_with_sessions_per_week(hub: Hub, weeks: int) -> list[int]:
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    days = defaultdict(set)
    sessions = Session.objects.filter(
        edition__hub=hub,
        edition__status__in=[Edition.Status.PUBLISHED, Edition.Status.RUNNING],
    )
    for starts_at in sessions.values_list("starts_at", flat=True):
        day = timezone.localtime(starts_at).date()
        week = (day - monday).days // 7
        if 0 <= week < weeks:
            days[week].add(day)
    return [len(days[week]) for week in range(weeks)]


def test_the_story_of_both_hubs(demo):
    # given an empty database, when the demo is seeded (the fixture)
    output = demo

    # then both hubs are there, with Bogro as a founding member that needs no approval
    woerden = Hub.objects.get(slug="woerden")
    nop = Hub.objects.get(slug="noordoostpolder")
    assert set(woerden.sectors.values_list("code", flat=True)) == {
        "pie-metaal",
        "pie-installatie",
        "bwi",
        "mt",
    }
    bogro = Organisation.objects.get(name="Bogro Snelrewaard BV")
    membership = Membership.objects.get(hub=woerden, organisation=bogro)
    assert membership.is_member and membership.tier == Membership.Tier.FOUNDING
    assert not bogro.approval_required
    assert Organisation.objects.filter(approval_required=True).count() >= 1
    members = woerden.memberships.filter(
        status=Membership.Status.MEMBER, organisation__kind=Organisation.Kind.COMPANY
    )
    assert 35 <= members.count() <= 45
    assert nop.memberships.filter(organisation__name="Kampstaal").exists()
    assert Organisation.objects.get(name="A&O Metalektro").kind == Organisation.Kind.FUNDER
    for sector in woerden.sectors.all():
        assert sector.start_team.members.count() >= 3

    # and the named courses, with 25 evenings of welding
    titles = set(woerden.courses.values_list("title", flat=True))
    assert set(NAMED_COURSES) <= titles
    assert 18 <= Course.objects.count() <= 25
    assert 5 <= nop.courses.count() <= 7
    # (the agenda builder's demo adds draft editions of the same courses, waiting to be planned)
    lassen = Edition.objects.exclude(status=Edition.Status.DRAFT).get(
        hub=woerden, course__title="Basiscursus lassen"
    )
    assert lassen.sessions.count() == 25
    assert all(s.is_evening for s in lassen.sessions.all())
    assert lassen.trainer.full_name == "Gerrit Postma"
    warmtepomp = Edition.objects.exclude(status=Edition.Status.DRAFT).get(
        course__title="Kennismaking warmtepomptechniek"
    )
    assert warmtepomp.trainer.user.email == "richard@bogro.nl"
    entre_nous = Course.objects.filter(delivery_model=Course.DeliveryModel.ENTRE_NOUS)
    assert entre_nous.count() >= 5
    assert all(course.free_for_members for course in entre_nous)
    assert all(course.outcomes and course.description for course in Course.objects.all())

    # and the term has every state: running, draft, cancelled, completed with attendance
    statuses = set(Edition.objects.values_list("status", flat=True))
    assert set(Edition.Status.values) <= statuses
    completed = Edition.objects.filter(status=Edition.Status.COMPLETED).first()
    assert completed.enrolments.filter(status=Enrolment.Status.COMPLETED).exists()
    assert completed.enrolments.filter(attendance__isnull=False).exists()

    # and about 150 employees, plus job seekers and pupils without an employer
    employees = Person.objects.filter(learner_kind=Person.LearnerKind.EMPLOYEE)
    assert employees.filter(employer__isnull=False).count() >= 150
    for kind in (Person.LearnerKind.JOB_SEEKER, Person.LearnerKind.STUDENT):
        assert Person.objects.filter(learner_kind=kind, employer__isnull=True).exists()

    # and the login table is printed with the URLs
    assert "http://127.0.0.1:8000/mijn/inloggen/" in output
    assert DEMO_PASSWORD in output


def test_each_demo_login_authenticates_with_the_demo_password(demo):
    logins = demo_logins()
    assert len(logins) == 7
    printed_again = seed()
    for _role, email, _name in logins:
        assert authenticate(email=email, password=DEMO_PASSWORD) is not None, email
        assert email in printed_again

    assert roles("marloes@technohub-woerden.nl") == {Role.Kind.COORDINATOR}
    assert roles("john@technohub-nop.nl") == {Role.Kind.COORDINATOR}
    assert roles("richard@bogro.nl") == {Role.Kind.CONTACT, Role.Kind.TRAINER}
    sander = Person.objects.get(user__email="sander@bogro.nl")
    assert sander.employer.name == "Bogro Snelrewaard BV"
    assert sander.enrolments.filter(status=Enrolment.Status.CONFIRMED).count() >= 2
    assert sander.enrolments.filter(status=Enrolment.Status.COMPLETED).exists()
    job = Person.objects.get(user__email="job.zoeker@example.nl")
    assert job.learner_kind == Person.LearnerKind.JOB_SEEKER and job.employer is None


def test_woerden_has_something_on_four_of_seven_days_in_most_coming_weeks(demo):
    days = days_with_sessions_per_week(Hub.objects.get(slug="woerden"), weeks=8)
    assert sum(1 for n in days if n >= 4) >= 6, days


def test_no_session_on_a_holiday(demo):
    for starts_at in Session.objects.values_list("starts_at", flat=True):
        day = timezone.localtime(starts_at).date()
        assert day not in closed_days(day.year)


def test_seats_and_waitlists_are_consistent(demo):
    editions = Edition.objects.annotate(
        seated=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_HOLDING)),
    )
    for edition in editions:
        assert edition.seated <= edition.capacity, edition.code
        positions = sorted(
            edition.enrolments.filter(status=Enrolment.Status.WAITLISTED).values_list(
                "waitlist_position", flat=True
            )
        )
        assert positions == list(range(1, len(positions) + 1)), edition.code
        if positions:
            assert edition.seated == edition.capacity, edition.code
    assert Enrolment.objects.filter(status=Enrolment.Status.WAITLISTED).count() >= 3
    assert Enrolment.objects.filter(status=Enrolment.Status.PENDING_APPROVAL).count() >= 2
    assert not Enrolment.objects.filter(
        status=Enrolment.Status.PENDING_APPROVAL, organisation__approval_required=False
    ).exists()


def test_a_second_run_changes_nothing_and_reset_rebuilds(demo):
    # given a seeded database
    before = counts()

    # when it runs again without --reset, then it succeeds and adds nothing
    output = seed()
    assert "already present" in output
    assert counts() == before

    # when it runs with --reset, then the demo is built again from scratch
    seed("--reset")
    assert counts() == before
    assert Hub.objects.filter(slug="woerden").count() == 1


def test_clashing_data_gives_a_clear_error_and_leaves_the_database_alone(db):
    # given a database without the demo (the module's demo may be seeded: this savepoint
    # empties it) but with an organisation that happens to use one of the demo's slugs
    wipe()
    Organisation.objects.create(name="Bogro (import)", slug="bogro")

    # when the demo is seeded, then it refuses with a hint, and nothing was added
    with pytest.raises(CommandError, match="--reset"):
        seed()
    assert not Hub.objects.exists()
