"""First-right invitations count only the mails that went out, name the companies nobody could
be mailed at (no contact with a login), hold their seats until the deadline all the same, and
offer the coordinator to invite a contact and then mail the invitation."""

import pytest
from django.core import mail
from django.urls import reverse

from technohub.demand import services
from technohub.demand.models import Topic, TopicInvitation
from technohub.demand.tests.factories import need, planned_edition
from technohub.enrolment.models import SeatPool
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import contact_user
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(world):
    """A, C and D asked (4 people each); only A has a contact with a login."""
    for company in (world.a, world.c, world.d):
        need(world.hub, company, "warmtepomp installeren", people=4, daypart="evening")
    topic = Topic.objects.get()
    planned_edition(topic, world.users["coordinator"], capacity=20)
    topic.refresh_from_db()
    return topic


def topic_url(world, topic) -> str:
    return reverse("backoffice:demand_topic", args=[world.hub.slug, topic.pk])


def test_only_reachable_companies_are_mailed_and_the_rest_are_named(
    world, topic, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitations = services.topic_invite(topic=topic, actor=world.users["coordinator"])
    reach = {i.organisation_id: i.reachable for i in invitations}
    assert reach == {world.a.pk: True, world.c.pk: False, world.d.pk: False}
    assert [m.to for m in mail.outbox] == [[world.users["contact_a"].email]]
    mailed = AuditEntry.objects.filter(action="topic_invitation.mailed")
    assert [e.after["to"] for e in mailed] == [[world.users["contact_a"].email]]
    # the seats are held for everyone that asked (released at the deadline)
    pools = dict(SeatPool.objects.values_list("organisation_id", "seats"))
    assert pools == {world.a.pk: 4, world.c.pk: 4, world.d.pk: 4}
    decision = topic.decisions.get(action="invited")
    assert "Bedrijf C" in decision.note and "geen contactpersoon met een login" in decision.note


def test_the_page_says_who_was_not_reached_and_offers_to_invite_a_contact(
    client, world, topic, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(topic_url(world, topic), {"action": "invite"}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert "1 bedrijf is per e-mail uitgenodigd om als eerste in te schrijven." in shown
    assert any("Bedrijf C, Bedrijf D" in m and "niet gemaild" in m.lower() for m in shown)
    page = client.get(topic_url(world, topic)).content.decode()
    c_invitation = TopicInvitation.objects.get(organisation=world.c)
    assert f'id="unreached-{c_invitation.pk}"' in page
    invite = reverse("backoffice:person_invite", args=[world.hub.slug])
    assert f"{invite}?organisation={world.c.pk}&amp;role=contact" in page
    a_invitation = TopicInvitation.objects.get(organisation=world.a)
    assert f'id="unreached-{a_invitation.pk}"' not in page
    assert_valid(client, topic_url(world, topic))
    # the invite form opens with the company and the contact role chosen
    form = client.get(f"{invite}?organisation={world.c.pk}&role=contact").context["form"]
    assert form.initial == {"organisation": world.c.pk, "role": "contact"}


def test_once_a_contact_exists_the_invitation_can_be_mailed(
    client, world, topic, django_capture_on_commit_callbacks
):
    services.topic_invite(topic=topic, actor=world.users["coordinator"])
    c_invitation = TopicInvitation.objects.get(organisation=world.c)
    client.force_login(world.users["coordinator"])
    # still nobody: refused, nothing sent
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(topic_url(world, topic), {"action": "resend", "invitation": c_invitation.pk})
    assert mail.outbox == []
    contact = contact_user(world.c)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(topic_url(world, topic), {"action": "resend", "invitation": c_invitation.pk})
    assert [m.to for m in mail.outbox] == [[contact.email]]
    page = client.get(topic_url(world, topic)).content.decode()
    assert f'id="unreached-{c_invitation.pk}"' not in page
    # a bad id is a message, not a 500
    response = client.post(topic_url(world, topic), {"action": "resend", "invitation": "x1"})
    assert response.status_code == 302


def test_only_the_hubs_coordinator_mails_an_invitation_again(world, topic):
    services.topic_invite(topic=topic, actor=world.users["coordinator"])
    invitation = TopicInvitation.objects.get(organisation=world.a)
    for role in ("contact_a", "other_coordinator", "trainer"):
        with pytest.raises(Exception) as refused:
            services.topic_invitation_resend(invitation=invitation, actor=world.users[role])
        assert refused.value.code == "not_allowed"
