import pytest
from django.urls import reverse

from technohub.backoffice.tests.conftest import check_access
from technohub.hubs.models import Person, Role, User
from technohub.hubs.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(hub):
    return reverse("backoffice:person_invite", args=[hub.slug])


def test_access_per_role(client, world, role):
    check_access(client, world, role, url(world.hub))


def test_invite_company_contact_sends_one_mail_with_link(
    coordinator_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    # when the coordinator invites a contact of a member company
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url(world.hub),
            {
                "first_name": "Fatima",
                "last_name": "El Amrani",
                "email": "Fatima@Bedrijf.nl",
                "role": "contact",
                "organisation": world.company.pk,
            },
        )
    # then the person has a login with the contact role, and one mail with the link went out
    assert response.status_code == 302
    person = Person.objects.get(email="fatima@bedrijf.nl")
    assert person.employer == world.company
    assert Role.objects.filter(
        user=person.user, kind=Role.Kind.CONTACT, organisation=world.company
    ).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["fatima@bedrijf.nl"]
    assert "/mijn/uitnodiging/" in mailoutbox[0].body


def test_invite_trainer_gets_trainer_role_for_this_hub(
    coordinator_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            url(world.hub),
            {
                "first_name": "Kees",
                "last_name": "Bos",
                "email": "kees@trainers.nl",
                "role": "trainer",
            },
        )
    user = User.objects.get(email="kees@trainers.nl")
    assert Role.objects.filter(user=user, kind=Role.Kind.TRAINER, hub=world.hub).exists()
    assert len(mailoutbox) == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "geen-adres"},
        {"first_name": ""},
        {"role": "coordinator"},
        {"organisation": ""},  # a contact needs an organisation
    ],
)
def test_invalid_input_changes_nothing(coordinator_client, world, mailoutbox, overrides):
    people = Person.objects.count()
    data = {
        "first_name": "Fatima",
        "last_name": "El Amrani",
        "email": "fatima@bedrijf.nl",
        "role": "contact",
        "organisation": world.company.pk,
    }
    response = coordinator_client.post(url(world.hub), {**data, **overrides})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert Person.objects.count() == people
    assert not mailoutbox


def test_organisation_of_another_hub_is_refused(coordinator_client, world):
    response = coordinator_client.post(
        url(world.hub),
        {
            "first_name": "A",
            "last_name": "B",
            "email": "a@b.nl",
            "role": "contact",
            "organisation": world.other_company.pk,
        },
    )
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not User.objects.filter(email="a@b.nl").exists()


def test_address_with_a_login_shows_error_and_creates_no_person(
    coordinator_client, world, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="bestaat@bedrijf.nl")
    people = Person.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url(world.hub),
            {
                "first_name": "Al",
                "last_name": "Bekend",
                "email": "bestaat@bedrijf.nl",
                "role": "trainer",
                "organisation": OrganisationFactory().pk,
            },
        )
    assert response.status_code == 400
    assert response.context["form"].errors
    assert Person.objects.count() == people
    assert not mailoutbox
