"""Self sign-up: register, no enumeration, consent, confirmation links, rate limits."""

import datetime as dt
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache

from technohub.hubs.errors import DomainError
from technohub.hubs.models import AuditEntry, Consent, Employment, Organisation, Person, User
from technohub.hubs.signup import (
    CONSENT_VERSION,
    InvalidLink,
    RateLimited,
    email_verify,
    signup_register,
    verification_check,
    verification_link,
    verification_resend,
)
from technohub.hubs.tests.factories import (
    HubFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    learner_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def register(hub, **overrides):
    fields = {
        "hub": hub,
        "first_name": "Job",
        "last_name": "Zoeker",
        "email": "Job.Zoeker@example.nl",
        "password": "Warmtepomp-2027!",
        "kind": "job_seeker",
        "consent": True,
        "client_ip": "192.0.2.1",
    }
    fields.update(overrides)
    return signup_register(**fields)


def test_a_newcomer_gets_an_unconfirmed_login_a_consent_and_a_confirmation_mail(
    django_capture_on_commit_callbacks,
):
    hub = HubFactory()
    with django_capture_on_commit_callbacks(execute=True):
        person = register(hub, next_path="/mijn/inschrijven/7/")
    assert person.learner_kind == Person.LearnerKind.JOB_SEEKER and person.employer is None
    assert person.user.email == "job.zoeker@example.nl"
    assert person.user.check_password("Warmtepomp-2027!")
    assert person.user.email_verified_at is None
    consent = Consent.objects.get(person=person)
    assert (consent.hub, consent.version) == (hub, CONSENT_VERSION)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["job.zoeker@example.nl"]
    assert "/aanmelden/bevestigen/" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="user.signed_up").exists()


@pytest.mark.parametrize("kind", ["side_entrant", "restarter"])
def test_side_entrants_and_restarters_are_the_job_seeker_target_group(kind):
    person = register(HubFactory(), kind=kind)
    assert person.learner_kind == Person.LearnerKind.JOB_SEEKER


def test_an_existing_address_gets_a_you_have_an_account_mail_and_nothing_changes(
    django_capture_on_commit_callbacks,
):
    existing = learner_user()
    before = (User.objects.count(), Person.objects.count())
    with django_capture_on_commit_callbacks(execute=True):
        result = register(HubFactory(), email=existing.email.upper(), first_name="Iemand")
    assert result is None
    assert (User.objects.count(), Person.objects.count()) == before
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [existing.email]
    assert "/mijn/wachtwoord-vergeten/" in mail.outbox[0].body
    existing.refresh_from_db()
    assert existing.check_password("geheim-wachtwoord-123")  # the factories' password


def test_a_person_known_without_login_gets_an_invitation_not_a_second_person(
    django_capture_on_commit_callbacks,
):
    known = PersonFactory(email="nina@example.nl", user=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert register(HubFactory(), email="nina@example.nl") is None
    assert Person.objects.filter(email="nina@example.nl").count() == 1
    known.refresh_from_db()
    assert known.user is not None and not known.user.has_usable_password()
    assert "/mijn/uitnodiging/" in mail.outbox[0].body


def test_consent_is_required():
    with pytest.raises(DomainError) as error:
        register(HubFactory(), consent=False)
    assert error.value.field == "consent"
    assert not User.objects.exists()


def test_an_employee_names_a_member_company_and_gets_a_pending_link(
    django_capture_on_commit_callbacks,
):
    hub = HubFactory()
    company = OrganisationFactory()
    MembershipFactory(hub=hub, organisation=company)
    contact = contact_user(company)
    with django_capture_on_commit_callbacks(execute=True):
        person = register(hub, kind="employee", organisation=company)
    assert person.employer is None  # nothing until the contact confirms
    link = Employment.objects.get(person=person)
    assert (link.organisation, link.status) == (company, Employment.Status.AWAITS_ORGANISATION)
    assert [m.to for m in mail.outbox] == [[person.email], [contact.email]] or [
        m.to for m in mail.outbox
    ] == [[contact.email], [person.email]]


@pytest.mark.parametrize("case", ["non-member", "other hub", "missing"])
def test_an_employee_may_only_name_a_member_company_of_this_hub(case):
    hub = HubFactory()
    company = OrganisationFactory()
    if case == "non-member":
        MembershipFactory(hub=hub, organisation=company, status="non_member")
    elif case == "other hub":
        MembershipFactory(organisation=company)
    with pytest.raises(DomainError) as error:
        register(hub, kind="employee", organisation=None if case == "missing" else company)
    assert error.value.field == "organisation"
    assert not User.objects.exists()


def test_a_student_names_a_school_of_the_hub():
    hub = HubFactory()
    school = OrganisationFactory(kind=Organisation.Kind.SCHOOL)
    MembershipFactory(hub=hub, organisation=school, status="non_member")
    person = register(hub, kind="student", organisation=school)
    assert person.learner_kind == Person.LearnerKind.STUDENT
    assert Employment.objects.get(person=person).organisation == school


def test_rate_limited_per_email_address_whether_it_is_known_or_not():
    hub = HubFactory()
    for n in range(3):
        register(hub, client_ip=f"192.0.2.{n}")  # the first registers, the others: "known"
    with pytest.raises(RateLimited):
        register(hub, client_ip="192.0.2.99")


def test_rate_limited_per_client_address():
    hub = HubFactory()
    for n in range(10):
        register(hub, email=f"iemand{n}@example.nl")
    with pytest.raises(RateLimited):
        register(hub, email="nog-een@example.nl")
    assert User.objects.count() == 10


def test_the_confirmation_link_names_the_user_and_the_next_path():
    person = register(HubFactory())
    link = verification_link(person.user, "/mijn/inschrijven/3/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    verification = verification_check(token)
    assert verification.user == person.user
    assert verification.next_path == "/mijn/inschrijven/3/"


def test_a_tampered_link_is_invalid():
    person = register(HubFactory())
    token = verification_link(person.user).rstrip("/").rsplit("/", 1)[1]
    with pytest.raises(InvalidLink):
        verification_check(token[:-2] + "xx")
    with pytest.raises(InvalidLink):
        verification_check(signing.dumps({"u": person.user.pk}, salt="another-purpose"))


def test_an_expired_link_is_invalid(monkeypatch):
    person = register(HubFactory())
    token = verification_link(person.user).rstrip("/").rsplit("/", 1)[1]
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + dt.timedelta(days=4).total_seconds())
    with pytest.raises(InvalidLink):
        verification_check(token)


def test_a_link_dies_when_the_address_changes():
    person = register(HubFactory())
    token = verification_link(person.user).rstrip("/").rsplit("/", 1)[1]
    User.objects.filter(pk=person.user.pk).update(email="ander@example.nl")
    with pytest.raises(InvalidLink):
        verification_check(token)


def test_confirming_twice_changes_nothing_the_second_time():
    person = register(HubFactory())
    first = email_verify(user=person.user).email_verified_at
    assert first is not None
    assert email_verify(user=person.user).email_verified_at == first
    assert AuditEntry.objects.filter(action="user.email_verified").count() == 1


def test_resend_mails_only_an_unconfirmed_login(django_capture_on_commit_callbacks):
    person = register(HubFactory())
    confirmed = learner_user()
    with django_capture_on_commit_callbacks(execute=True):
        verification_resend(email=person.email, client_ip="192.0.2.5")
        verification_resend(email=confirmed.email, client_ip="192.0.2.5")
        verification_resend(email="niemand@example.nl", client_ip="192.0.2.5")
    assert [m.to for m in mail.outbox] == [[person.email]]
