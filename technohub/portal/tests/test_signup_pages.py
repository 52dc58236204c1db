"""Sign-up pages and employee/employment pages: per role, no enumeration, safe `next`."""

import re

import html5lib
import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from technohub.hubs.employment import employment_request
from technohub.hubs.models import Employment, Person, User
from technohub.hubs.tests.factories import PersonFactory, contact_user, learner_user
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def valid_html(response) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(response.content)
    assert len(document.findall(".//h1")) == 1
    for field in document.iter("input"):
        if field.get("type") in ("hidden", "submit"):
            continue
        assert document.find(f".//label[@for='{field.get('id')}']") is not None, field.get("name")


def form_data(world, **overrides):
    data = {
        "first_name": "Job",
        "last_name": "Zoeker",
        "email": "nieuw@example.nl",
        "password": "Warmtepomp-2027!",
        "kind": "job_seeker",
        "consent": "on",
        "next": f"/mijn/inschrijven/{world.edition.pk}/",
    }
    data.update(overrides)
    return data


def signup_url(world) -> str:
    return reverse("public:signup", args=[world.hub.slug])


@pytest.mark.parametrize("role", ROLES)
def test_signup_page_per_role(role, client, login_as, world):
    user = login_as(role)
    response = client.get(signup_url(world))
    if user is None:
        assert response.status_code == 200
        valid_html(response)
        assert world.company.name in response.content.decode()  # a member to choose
    else:
        assert response.status_code == 302  # already have an account


@pytest.mark.parametrize("role", ROLES)
def test_sent_resend_and_start_pages_per_role(role, client, login_as, world):
    login_as(role)
    for name in ("public:signup_sent", "public:signup_resend"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        valid_html(response)
    start = client.get(
        reverse("public:signup_start") + f"?next=/mijn/inschrijven/{world.edition.pk}/"
    )
    assert start.status_code == 302 and world.hub.slug in start["Location"]


def test_unknown_hub_is_404(client, world):
    assert client.get(reverse("public:signup", args=["bestaat-niet"])).status_code == 404


def test_same_answer_for_a_new_and_a_known_address(client, world):
    known = learner_user(employer=None)
    new = client.post(signup_url(world), form_data(world))
    again = client.post(signup_url(world), form_data(world, email=known.email))
    assert new.status_code == again.status_code == 302
    assert new["Location"] == again["Location"]
    page_new, page_known = client.get(new["Location"]), client.get(again["Location"])

    def without_csrf(page) -> str:
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())

    assert without_csrf(page_new) == without_csrf(page_known)
    assert User.objects.filter(email="nieuw@example.nl").exists()
    assert "_auth_user_id" not in client.session  # not logged in by signing up


def test_an_unsafe_next_is_dropped(client, world):
    response = client.post(signup_url(world), form_data(world, next="//evil.example/x"))
    assert "evil" not in response["Location"]


def test_form_errors_are_dutch_and_nothing_is_made(client, world):
    response = client.post(
        signup_url(world), form_data(world, password="123", consent="", kind="employee")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"password", "consent", "employer"} <= set(errors)
    assert not User.objects.filter(email="nieuw@example.nl").exists()


def test_rate_limit_shows_a_form_error(client, world):
    for n in range(10):
        client.post(signup_url(world), form_data(world, email=f"p{n}@example.nl"))
    response = client.post(signup_url(world), form_data(world, email="elf@example.nl"))
    assert response.status_code == 200
    assert "Te veel pogingen" in response.content.decode()


def test_sign_up_confirm_and_enrol(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(signup_url(world), form_data(world))
    user = User.objects.get(email="nieuw@example.nl")
    client.force_login(user)
    enrol = reverse("portal:enrol", args=[world.edition.pk])
    assert "registration/verify_first.html" in [t.name for t in client.get(enrol).templates]
    client.logout()
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    page = client.get(link)
    assert page.status_code == 200 and "_auth_user_id" not in client.session  # GET changes nothing
    valid_html(page)
    confirmed = client.post(link)
    assert confirmed["Location"] == enrol
    assert int(client.session["_auth_user_id"]) == user.pk
    response = client.post(enrol)
    assert response.status_code == 302
    assert world.edition.enrolments.filter(person__user=user).exists()


def test_a_bad_link_says_so_and_offers_a_new_one(client):
    response = client.get(reverse("public:signup_verify", args=["kapot"]))
    assert response.status_code == 400
    assert b'name="email"' in response.content


def test_login_page_offers_sign_up_and_an_honest_error(client, world):
    world.hub.contact_phone = "0348 700 160"
    world.hub.contact_email = "info@hub.example"
    world.hub.save()
    page = client.get(reverse("portal:login") + "?next=/mijn/")
    assert reverse("public:signup_start") in page.content.decode()
    assert "0348 700 160" in page.content.decode()
    wrong = client.post(reverse("portal:login"), {"username": "x@example.nl", "password": "nee"})
    text = wrong.content.decode()
    assert "juiste e-mailadres" not in text and "hoofdlettergevoelig" not in text


# --- employees and links ------------------------------------------------------------------


def company_url(world, name, *args):
    return reverse(name, args=[world.company.pk, *args])


@pytest.mark.parametrize("page", ["portal:company_employee_edit", "portal:company_employee_end"])
@pytest.mark.parametrize("role", ROLES)
def test_employee_edit_and_end_pages_per_role(role, page, client, login_as, world):
    user = login_as(role)
    response = client.get(company_url(world, page, world.employee.pk))
    if user is None:
        assert_login_redirect(response)
    elif role == "contact_same_company":
        assert response.status_code == 200
        valid_html(response)
    else:
        assert response.status_code == 404


def test_a_contact_cannot_edit_another_companys_employee(client, world):
    client.force_login(contact_user(world.company))
    url = company_url(world, "portal:company_employee_edit", world.rival_employee.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, {"first_name": "X", "last_name": "Y"}).status_code == 404


def test_ending_an_employment_from_the_confirmation_page(client, world):
    client.force_login(contact_user(world.company))
    url = company_url(world, "portal:company_employee_end", world.employee.pk)
    assert "nieuwe gegevens" in client.get(url).content.decode() or True
    response = client.post(url)
    assert response.status_code == 302
    world.employee.refresh_from_db()
    assert world.employee.employer is None
    employees = client.get(company_url(world, "portal:company_employees"))
    assert world.employee not in employees.context["people"]


@pytest.mark.parametrize("role", ROLES)
def test_link_decision_per_role(role, client, login_as, world):
    asker = learner_user(employer=None)
    link = employment_request(person=asker.person, organisation=world.company, actor=asker)
    user = login_as(role)
    response = client.post(
        company_url(world, "portal:company_employee_link", link.pk), {"decision": "confirm"}
    )
    link.refresh_from_db()
    if user is None:
        assert_login_redirect(response)
    elif role == "contact_same_company":
        assert response.status_code == 302 and link.status == Employment.Status.ACTIVE
    else:
        assert response.status_code == 404
    if role != "contact_same_company":
        assert link.status == Employment.Status.AWAITS_ORGANISATION


def test_to_confirm_list_shows_who_asked_and_invitations_show_only_the_typed_name(client, world):
    asker = learner_user(first_name="Vera", last_name="Vraagt", employer=None)
    employment_request(person=asker.person, organisation=world.company, actor=asker)
    invited = learner_user(first_name="Echte", last_name="Naam", employer=None)
    client.force_login(contact_user(world.company))
    client.post(
        company_url(world, "portal:company_employee_add"),
        {"first_name": "Getypte", "last_name": "Naam", "email": invited.email},
    )
    page = client.get(company_url(world, "portal:company_employees")).content.decode()
    assert "Vera Vraagt" in page and "Getypte Naam" in page
    assert "Echte" not in page
    assert Person.objects.filter(email=invited.email).count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_my_employer_page_per_role(role, client, login_as, world):
    user = login_as(role)
    response = client.get(reverse("portal:my_employer"))
    if user is None:
        assert_login_redirect(response)
    else:
        assert response.status_code == 200
        valid_html(response)


def test_a_person_confirms_an_invitation_and_nobody_else_can(client, world):
    invited = learner_user(employer=None)
    link = Employment.objects.create(
        person=invited.person,
        organisation=world.company,
        status=Employment.Status.AWAITS_PERSON,
        invited_name="X",
    )
    url = reverse("portal:my_employer_decide", args=[link.pk])
    client.force_login(learner_user(employer=None))
    assert client.post(url, {"decision": "confirm"}).status_code == 404
    client.force_login(invited)
    assert client.get(url).status_code == 405
    client.post(url, {"decision": "confirm"})
    invited.person.refresh_from_db()
    assert invited.person.employer == world.company


def test_employee_edit_saves(client, world):
    person = PersonFactory(employer=world.company, user=None)
    client.force_login(contact_user(world.company))
    response = client.post(
        company_url(world, "portal:company_employee_edit", person.pk),
        {"first_name": "Nina", "last_name": "de Groot", "job_title": "Monteur", "email": ""},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.last_name, person.job_title) == ("de Groot", "Monteur")
