"""Log in by e-mail, log out by POST, reset a password, accept an invitation."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from technohub.hubs.models import AuditEntry
from technohub.hubs.services import user_invite
from technohub.hubs.tests.factories import PersonFactory, learner_user

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"  # the UserFactory's password
NEW_PASSWORD = "Warmtepomp-2025-nieuw"


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_login_page_asks_for_an_email_address(client):
    response = client.get(reverse("portal:login"))
    assert response.status_code == 200
    assert b'type="email"' in response.content
    assert b'name="username"' in response.content


def test_login_with_email_address_in_any_case(client):
    user = learner_user()
    response = client.post(
        reverse("portal:login"), {"username": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_shows_an_error_in_the_form(client):
    user = learner_user()
    response = client.post(reverse("portal:login"), {"username": user.email, "password": "nee"})
    assert response.status_code == 200
    assert b"errorlist" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client):
    client.force_login(learner_user())
    assert client.get(reverse("portal:logout")).status_code == 405
    response = client.post(reverse("portal:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(client):
    # given a learner who forgot their password
    user = learner_user()
    # when they ask for a reset
    response = client.post(reverse("portal:password_reset"), {"email": user.email})
    # then a mail with a link is sent, and the link lets them choose a new password
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:password_reset_done")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]
    link = _link(mail.outbox[0])
    assert link.startswith("/mijn/wachtwoord-vergeten/")
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("portal:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="user.password_reset", target_id=user.pk).exists()


def test_password_reset_for_unknown_address_sends_nothing_but_looks_the_same(client):
    response = client.post(reverse("portal:password_reset"), {"email": "niemand@example.nl"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_invited_user_without_password_can_ask_for_a_new_link(
    client, django_capture_on_commit_callbacks
):
    person = PersonFactory(email="nieuw@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        user_invite(person=person, actor=None)
    mail.outbox.clear()
    client.post(reverse("portal:password_reset"), {"email": "nieuw@example.nl"})
    assert len(mail.outbox) == 1


def test_invitation_link_sets_password_and_logs_in(client, django_capture_on_commit_callbacks):
    # given an invited person (no password yet)
    person = PersonFactory(email="monteur@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        user = user_invite(person=person, actor=None)
    link = _link(mail.outbox[0])
    assert link.startswith("/mijn/uitnodiging/")
    # when they open the link and choose a password
    page = client.get(link, follow=True)
    assert page.status_code == 200 and page.context["validlink"]
    set_password_url = page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    # then they are logged in on their dashboard, with an audit entry
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert int(client.session["_auth_user_id"]) == user.pk
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AuditEntry.objects.filter(action="user.invitation_accepted").count() == 1
    assert client.get(reverse("portal:home")).status_code == 200


def test_invitation_link_works_only_once(client, django_capture_on_commit_callbacks):
    person = PersonFactory(email="eenmalig@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        user_invite(person=person, actor=None)
    link = _link(mail.outbox[0])
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    client.post(reverse("portal:logout"))
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False


def test_invitation_rejects_a_weak_password_with_a_field_error(
    client, django_capture_on_commit_callbacks
):
    person = PersonFactory(email="zwak@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        user_invite(person=person, actor=None)
    page = client.get(_link(mail.outbox[0]), follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "12345", "new_password2": "12345"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    assert "_auth_user_id" not in client.session
