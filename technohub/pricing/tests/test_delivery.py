"""Closing a period mails each company's contacts their statement (PDF attached), records
every delivery (sent, failed, or no contact) and lets the coordinator send it again."""

import io

import pytest
from django.core.mail import EmailMessage
from pypdf import PdfReader

from technohub.enrolment.services import enrol_many
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    contact_user,
    coordinator_user,
)
from technohub.pricing import services
from technohub.pricing.errors import InvalidRecipient
from technohub.pricing.models import Statement, StatementDelivery
from technohub.pricing.tests.helpers import joint_world

pytestmark = pytest.mark.django_db
Delivery = StatementDelivery.Status


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def world():
    world = joint_world(bogro=2, vliet=1)
    # a third company takes part but has no contact with a login
    world.c = OrganisationFactory(name="Zonder Contact BV")
    MembershipFactory(hub=world.hub, organisation=world.c)
    enrol_many(
        edition=world.edition,
        people=PersonFactory.create_batch(1, employer=world.c),
        actor=world.coordinator,
        on_behalf_of=world.c,
    )
    return world


def close(world, capture):
    with capture(execute=True):
        return services.period_close(period=world.period, actor=world.coordinator)


def test_closing_mails_every_contact_its_own_statement_with_the_pdf(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    # given a second contact at Bogro
    second = contact_user(world.a)
    # when the period is closed and the commit callbacks run
    statements = close(world, django_capture_on_commit_callbacks)
    # then every contact got one mail with its own company's statement attached
    assert len(statements) == 3
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {world.contact_a.email, second.email, world.contact_b.email}
    mine = Statement.objects.get(organisation=world.a)
    message = by_address[world.contact_a.email]
    assert mine.reference in message.subject and "Kostenoverzicht" in message.subject
    ((name, content, mimetype),) = message.attachments
    assert name == f"{mine.reference}.pdf" and mimetype == "application/pdf"
    text = pdf_text(content)
    assert "Bogro BV" in text and mine.reference in text and "Van Vliet" not in text
    # and each delivery is recorded as sent, with when and to whom
    sent = StatementDelivery.objects.filter(statement=mine)
    assert {d.email for d in sent} == {world.contact_a.email, second.email}
    assert all(d.status == Delivery.SENT and d.sent_at and not d.error for d in sent)


def test_a_company_without_a_contact_is_recorded_as_not_sent(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    close(world, django_capture_on_commit_callbacks)
    statement = Statement.objects.get(organisation=world.c)
    (delivery,) = statement.deliveries.all()
    assert delivery.status == Delivery.NO_RECIPIENT and delivery.sent_at is None
    assert not any(m.attachments[0][0].startswith(statement.reference) for m in mailoutbox)
    assert StatementDelivery.objects.filter(status=Delivery.SENT).count() == len(mailoutbox) == 2


def test_a_failed_mail_is_recorded_as_failed_and_the_others_are_sent(
    world, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    real_send = EmailMessage.send

    def send(message, *args, **kwargs):
        if world.contact_b.email in message.to:
            raise ConnectionRefusedError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send)
    close(world, django_capture_on_commit_callbacks)
    failed = StatementDelivery.objects.get(email=world.contact_b.email)
    assert failed.status == Delivery.FAILED and "mail server down" in failed.error
    assert failed.sent_at is None
    assert StatementDelivery.objects.get(email=world.contact_a.email).status == Delivery.SENT
    assert [m.to for m in mailoutbox] == [[world.contact_a.email]]


def test_nothing_is_sent_before_commit_and_a_task_run_twice_mails_once(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.period_close(period=world.period, actor=world.coordinator)
    assert mailoutbox == [] and StatementDelivery.objects.filter(status=Delivery.PENDING).count()
    for callback in callbacks:
        callback()
    for callback in callbacks:  # again, e.g. a retried task
        callback()
    assert len(mailoutbox) == 2


def test_the_coordinator_resends_to_the_contacts_or_another_address_audited(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    close(world, django_capture_on_commit_callbacks)
    statement = Statement.objects.get(organisation=world.a)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.statement_resend(statement=statement, actor=world.coordinator)
        services.statement_resend(
            statement=statement, actor=world.coordinator, email=" Boekhouding@Bogro.nl "
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [world.contact_a.email, "boekhouding@bogro.nl"]
    )
    resent = statement.deliveries.filter(reason=StatementDelivery.Reason.RESEND)
    assert {d.status for d in resent} == {Delivery.SENT} and resent.count() == 2
    assert (
        AuditEntry.objects.filter(action="statement.resent", actor=world.coordinator).count() == 2
    )


def test_resend_refusals(world, django_capture_on_commit_callbacks):
    close(world, django_capture_on_commit_callbacks)
    statement = Statement.objects.get(organisation=world.a)
    with pytest.raises(InvalidRecipient):
        services.statement_resend(statement=statement, actor=world.coordinator, email="geen-adres")
    with pytest.raises(NotAllowed):
        services.statement_resend(statement=statement, actor=coordinator_user(world.other_hub))
    with pytest.raises(NotAllowed):
        services.statement_resend(statement=statement, actor=world.contact_a)
    # a company without a contact: only to an address
    lonely = Statement.objects.get(organisation=world.c)
    with pytest.raises(InvalidRecipient):
        services.statement_resend(statement=lonely, actor=world.coordinator)
    before = StatementDelivery.objects.count()
    services.statement_resend(statement=lonely, actor=world.coordinator, email="info@zonder.nl")
    assert StatementDelivery.objects.count() == before + 1


def test_the_preview_says_what_closing_will_do(world):
    preview = services.period_closing_preview(period=world.period, actor=world.coordinator)
    assert preview.statements == 3 and preview.editions == 1
    assert [c.name for c in preview.unreachable] == ["Zonder Contact BV"]
    assert preview.mails == 2
    statements = services.period_close(period=world.period, actor=world.coordinator)
    assert preview.total_incl_vat == sum(s.total_incl_vat for s in statements)
    with pytest.raises(NotAllowed):
        services.period_closing_preview(period=world.period, actor=world.contact_a)
