"""Pages of issue 11 per role: closing a period (confirmation), a statement with its deliveries
and resending, the contributions ledger with confirm/reject, the company's contributions page.
A company never sees another company's contributions or deliveries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from technohub.hubs.tests.factories import (
    coordinator_user,
    learner_user,
    trainer_user,
)
from technohub.pricing import services
from technohub.pricing.models import Contribution, Statement, StatementDelivery
from technohub.pricing.tests.helpers import joint_world

pytestmark = pytest.mark.django_db
ROLES = [
    "anonymous",
    "learner",
    "contact",
    "other_contact",
    "trainer",
    "coordinator",
    "other_coordinator",
]
BACKOFFICE = {
    "anonymous": 302,
    "learner": 403,
    "contact": 403,
    "other_contact": 403,
    "trainer": 403,
    "coordinator": 200,
    "other_coordinator": 404,
}
PORTAL = {role: 404 for role in ROLES} | {"anonymous": 302, "contact": 200}


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    world = joint_world(bogro=2, vliet=1)
    world.proposed_b = services.contribution_propose(
        edition=world.edition,
        organisation=world.b,
        kind="materials",
        description="Koperleiding van Van Vliet",
        quantity=Decimal("3"),
        unit_value=Decimal("40"),
        actor=world.contact_b,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.period_close(period=world.period, actor=world.coordinator)
    world.statement = Statement.objects.get(organisation=world.a)
    world.open_period = services.period_create(
        hub=world.hub,
        name="Volgende",
        starts_on=world.period.ends_on + dt.timedelta(days=1),
        ends_on=world.period.ends_on + dt.timedelta(days=90),
        actor=world.coordinator,
    )
    world.users = {
        "anonymous": None,
        "learner": learner_user(employer=world.a),
        "contact": world.contact_a,
        "other_contact": world.contact_b,
        "trainer": trainer_user(),
        "coordinator": world.coordinator,
        "other_coordinator": coordinator_user(world.other_hub),
    }
    return world


def login(client, world, role):
    if world.users[role] is not None:
        client.force_login(world.users[role])


def fresh_proposal(world):
    return services.contribution_propose(
        edition=world.edition,
        organisation=world.a,
        kind="trainer_hours",
        description="Praktijkavonden door onze monteur",
        quantity=Decimal("10"),
        unit_value=Decimal("60"),
        actor=world.contact_a,
    )


@pytest.mark.parametrize("role", ROLES)
def test_backoffice_pages_per_role(client, world, role):
    login(client, world, role)
    slug = world.hub.slug
    proposal = fresh_proposal(world)
    for url in (
        reverse("backoffice:period_close", args=[slug, world.open_period.pk]),
        reverse("backoffice:statement_detail", args=[slug, world.statement.pk]),
        reverse("backoffice:contribution_ledger", args=[slug]),
        reverse("backoffice:contribution_ledger", args=[slug]) + f"?periode={world.period.pk}",
        reverse("backoffice:contribution_ledger", args=[slug])
        + f"?periode={world.period.pk}&formaat=csv",
        reverse("backoffice:contribution_reject", args=[slug, proposal.pk]),
    ):
        assert client.get(url).status_code == BACKOFFICE[role], url


@pytest.mark.parametrize("role", ROLES)
def test_posts_only_by_this_hubs_coordinator(client, world, role, mailoutbox):
    login(client, world, role)
    slug = world.hub.slug
    confirm, reject = fresh_proposal(world), fresh_proposal(world)
    expected = 302 if role in ("anonymous", "coordinator") else BACKOFFICE[role]
    posts = [
        (reverse("backoffice:contribution_confirm", args=[slug, confirm.pk]), {}),
        (reverse("backoffice:contribution_reject", args=[slug, reject.pk]), {"reason": "Dubbel"}),
        (
            reverse("backoffice:statement_detail", args=[slug, world.statement.pk]),
            {"to": "address", "email": "boekhouding@bogro.nl"},
        ),
        (reverse("backoffice:period_close", args=[slug, world.open_period.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == expected, url
    confirm.refresh_from_db(), reject.refresh_from_db(), world.open_period.refresh_from_db()
    allowed = role == "coordinator"
    assert (confirm.status == "confirmed") == allowed
    assert (reject.status == "rejected") == allowed
    assert (world.open_period.closed_at is not None) == allowed
    resent = StatementDelivery.objects.filter(email="boekhouding@bogro.nl").exists()
    assert resent == allowed


def test_another_hubs_ids_are_not_found_for_the_coordinator(client, world):
    other = coordinator_user(world.other_hub)
    client.force_login(other)
    slug = world.other_hub.slug
    proposal = fresh_proposal(world)
    for url in (
        reverse("backoffice:period_close", args=[slug, world.open_period.pk]),
        reverse("backoffice:statement_detail", args=[slug, world.statement.pk]),
        reverse("backoffice:contribution_reject", args=[slug, proposal.pk]),
        reverse("backoffice:statement_detail", args=[slug, 99999999]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("backoffice:contribution_confirm", args=[slug, proposal.pk])
        ).status_code
        == 404
    )


def test_the_confirmation_page_says_what_will_happen_and_closing_reports_the_mailing(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    # given a participant in the open period, of a company whose only contact has no login
    from technohub.catalogue.tests.factories import EditionFactory
    from technohub.enrolment.services import enrol_many
    from technohub.hubs.tests.factories import PersonFactory

    later = EditionFactory(
        course__hub=world.hub, starts_on=world.open_period.starts_on + dt.timedelta(days=3)
    )
    enrol_many(
        edition=later,
        people=PersonFactory.create_batch(2, employer=world.a),
        actor=world.contact_a,
        on_behalf_of=world.a,
    )
    world.contact_b.is_active = False
    world.contact_b.save()
    enrol_many(
        edition=later,
        people=PersonFactory.create_batch(1, employer=world.b),
        actor=world.coordinator,
        on_behalf_of=world.b,
    )
    client.force_login(world.coordinator)
    url = reverse("backoffice:period_close", args=[world.hub.slug, world.open_period.pk])
    page = client.get(url).content.decode()
    assert "2 kostenoverzichten worden uitgegeven" in page
    assert "kan niet ongedaan worden gemaakt" in page
    assert "niet verstuurd: geen contactpersoon" in page and "Van Vliet Installatie" in page
    assert not Statement.objects.filter(period=world.open_period).exists()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    page = response.content.decode()
    assert "2 kostenoverzichten uitgegeven; ze worden verstuurd" in page
    assert "1 bedrijf heeft geen contactpersoon" in page
    assert [m.to for m in mailoutbox] == [[world.contact_a.email]]
    # a closed period's confirmation page sends you back
    assert client.get(url).status_code == 302


def test_statement_page_shows_deliveries_and_resends(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.coordinator)
    url = reverse("backoffice:statement_detail", args=[world.hub.slug, world.statement.pk])
    page = client.get(url).content.decode()
    assert world.contact_a.email in page and "verstuurd" in page
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"to": "contacts"})
    assert response.status_code == 302 and [m.to for m in mailoutbox] == [[world.contact_a.email]]
    bad = client.post(url, {"to": "address", "email": "niet-een-adres"})
    assert bad.status_code == 400 and "e-mailadres" in bad.content.decode()
    periods = client.get(reverse("backoffice:cost_periods", args=[world.hub.slug]))
    assert "opnieuw verstuurd" in periods.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_company_contributions_page_per_role(client, world, role):
    login(client, world, role)
    url = reverse("portal:company_contributions", args=[world.a.pk])
    response = client.get(url)
    assert response.status_code == PORTAL[role]
    if role == "contact":
        assert b"Koperleiding van Van Vliet" not in response.content
    post = client.post(
        url,
        {
            "edition": world.edition.pk,
            "kind": "materials",
            "description": "Gereedschap",
            "quantity": "1",
            "unit_value": "100",
        },
    )
    assert post.status_code == (302 if role in ("anonymous", "contact") else 404)
    made = Contribution.objects.filter(organisation=world.a, description="Gereedschap")
    assert made.exists() == (role == "contact")


def test_a_contact_records_a_contribution_and_bad_input_is_a_dutch_field_error(client, world):
    client.force_login(world.contact_a)
    url = reverse("portal:company_contributions", args=[world.a.pk])
    data = {
        "edition": world.edition.pk,
        "kind": "trainer_hours",
        "description": "Praktijkavonden",
        "quantity": "1e23",
        "unit_value": "65",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert not Contribution.objects.filter(description="Praktijkavonden").exists()
    response = client.post(url, {**data, "quantity": "2500"})
    assert response.status_code == 400 and "0,25 en 2.000" in response.content.decode()
    response = client.post(url, {**data, "edition": 99999999999999999999})
    assert response.status_code == 400
    response = client.post(url, {**data, "quantity": "20"}, follow=True)
    page = response.content.decode()
    assert "Wacht op bevestiging" in page and "Praktijkavonden" in page


def test_costs_page_shows_own_deliveries_only(client, world):
    client.force_login(world.contact_a)
    page = client.get(reverse("portal:company_costs", args=[world.a.pk])).content.decode()
    assert world.contact_a.email in page and world.contact_b.email not in page
    assert "Koperleiding" not in page


def test_ledger_lists_confirmed_and_awaiting_and_exports_csv(client, world):
    client.force_login(world.coordinator)
    url = reverse("backoffice:contribution_ledger", args=[world.hub.slug])
    page = client.get(url + f"?periode={world.period.pk}").content.decode()
    assert "Koperleiding van Van Vliet" in page  # awaiting confirmation
    client.post(
        reverse("backoffice:contribution_confirm", args=[world.hub.slug, world.proposed_b.pk])
    )
    csv = client.get(url + f"?periode={world.period.pk}&formaat=csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Koperleiding van Van Vliet" in text and "120,00" in text
    # nonsense parameters are no 500
    for query in ("?periode=abc", "?periode=99999999999999999999", "?formaat=xlsx"):
        assert client.get(url + query).status_code == 200


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_new_pages_are_valid_html(client, world, language):
    from tests.test_html_validity import assert_valid

    client.cookies["django_language"] = language
    proposal = fresh_proposal(world)
    slug = world.hub.slug
    client.force_login(world.coordinator)
    for path in (
        reverse("backoffice:period_close", args=[slug, world.open_period.pk]),
        reverse("backoffice:statement_detail", args=[slug, world.statement.pk]),
        reverse("backoffice:contribution_ledger", args=[slug]),
        reverse("backoffice:contribution_reject", args=[slug, proposal.pk]),
        reverse("backoffice:cost_periods", args=[slug]),
        reverse("backoffice:edition_costs", args=[slug, world.edition.pk]),
    ):
        assert_valid(client, path)
    client.force_login(world.contact_a)
    for path in (
        reverse("portal:company_contributions", args=[world.a.pk]),
        reverse("portal:company_costs", args=[world.a.pk]),
    ):
        assert_valid(client, path)


def test_list_pages_do_not_query_per_row(client, world, django_assert_max_num_queries):
    for n in range(15):
        services.contribution_record(
            edition=world.edition,
            organisation=world.a if n % 2 else world.b,
            kind="materials",
            description=f"Materiaal {n}",
            quantity=Decimal("1"),
            unit_value=Decimal("10"),
            actor=world.coordinator,
        )
        fresh_proposal(world)
    for _ in range(5):
        services.statement_resend(
            statement=world.statement, actor=world.coordinator, email="extra@bogro.nl"
        )
    client.force_login(world.coordinator)
    slug = world.hub.slug
    with django_assert_max_num_queries(25):
        client.get(
            reverse("backoffice:contribution_ledger", args=[slug]) + f"?periode={world.period.pk}"
        )
    with django_assert_max_num_queries(40):
        client.get(reverse("backoffice:cost_periods", args=[slug]))
    with django_assert_max_num_queries(25):
        client.get(reverse("backoffice:statement_detail", args=[slug, world.statement.pk]))
    client.force_login(world.contact_a)
    with django_assert_max_num_queries(25):
        client.get(reverse("portal:company_contributions", args=[world.a.pk]))
