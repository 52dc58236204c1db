"""Company API keys: list, create (the key is shown once, only a hash stored), revoke."""

import hashlib

import pytest
from django.urls import reverse

from technohub.hubs.models import ApiToken
from technohub.hubs.tests.factories import contact_user
from technohub.hubs.tokens import token_authenticate, token_create
from technohub.portal.tests.conftest import ROLES, assert_login_redirect

pytestmark = pytest.mark.django_db


def url(organisation) -> str:
    return reverse("portal:company_tokens", args=[organisation.pk])


@pytest.mark.parametrize("role", ROLES)
def test_only_the_companys_contact_manages_keys(role, client, login_as, world):
    user = login_as(role)
    get = client.get(url(world.company))
    post = client.post(url(world.company), {"name": "HR"})
    if user is None:
        assert_login_redirect(get)
        assert_login_redirect(post)
    elif role == "contact_same_company":
        assert get.status_code == 200 and post.status_code == 200
        assert ApiToken.objects.filter(organisation=world.company).count() == 1
        return
    else:
        assert get.status_code == post.status_code == 404
    assert not ApiToken.objects.exists()


def test_new_key_is_shown_once_and_only_its_hash_is_stored(client, world):
    client.force_login(contact_user(world.company))
    # when the contact creates a key
    response = client.post(url(world.company), {"name": "Salarissysteem"})
    # then the page shows it once, it works, and only its SHA-256 is stored
    key = response.context["new_key"]
    assert key.startswith("thk_") and key in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values_list().get()]
    assert key not in stored
    assert token_authenticate(key) == token
    # and never again
    again = client.get(url(world.company))
    assert key not in again.content.decode()
    assert token.prefix in again.content.decode()


def test_name_is_required(client, world):
    client.force_login(contact_user(world.company))
    response = client.post(url(world.company), {"name": ""})
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_revoke(client, world):
    contact = contact_user(world.company)
    token, key = token_create(organisation=world.company, name="HR", actor=contact)
    client.force_login(contact)
    client.post(reverse("portal:company_token_revoke", args=[world.company.pk, token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_authenticate(key) is None


@pytest.mark.parametrize("through", ["company", "rival"])
def test_rival_cannot_revoke_our_key_by_guessing_ids(through, client, world):
    token, _ = token_create(organisation=world.company, name="HR", actor=None)
    client.force_login(contact_user(world.rival))
    organisation = getattr(world, through)
    response = client.post(reverse("portal:company_token_revoke", args=[organisation.pk, token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_rival_keys_are_not_listed(client, world):
    token_create(organisation=world.rival, name="Rivaal-sleutel", actor=None)
    client.force_login(contact_user(world.company))
    response = client.get(url(world.company))
    assert response.context["tokens"] == []
    assert "Rivaal-sleutel" not in response.content.decode()


def test_token_list_query_count(client, world, django_assert_max_num_queries):
    for n in range(15):
        token_create(organisation=world.company, name=f"k{n}", actor=None)
    client.force_login(contact_user(world.company))
    with django_assert_max_num_queries(8):
        response = client.get(url(world.company))
    assert len(response.context["tokens"]) == 15
