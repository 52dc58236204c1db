"""Mailing statements: who gets one, queueing after commit, sending and recording how it went.

`statement_deliveries_queue` runs inside the closing (or resend) transaction and only writes
pending `StatementDelivery` rows; after commit one task per statement makes the PDF and sends
one mail per recipient (`statement_deliveries_send`), recording `sent_at` or the error on each
row. A company without a contact with an e-mail address gets a `no_recipient` row: shown as
"not sent: no contact", never counted as sent.
"""

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.hubs.audit import log_action
from technohub.hubs.models import User
from technohub.pricing.errors import InvalidRecipient
from technohub.pricing.models import Statement, StatementDelivery
from technohub.pricing.selectors import statement_recipients
from technohub.pricing.services.base import ensure_coordinator

logger = logging.getLogger(__name__)
Delivery = StatementDelivery.Status


def _display_name(user: User) -> str:
    person = getattr(user, "person", None)
    return person.full_name if person is not None else ""


def _enqueue(statement_id: int, delivery_ids: list[int]) -> None:
    from technohub.pricing.tasks import send_statement

    transaction.on_commit(lambda: send_statement.enqueue(statement_id, delivery_ids))


def statement_deliveries_queue(
    *,
    statements: Sequence[Statement],
    actor: User | None,
    reason: str = StatementDelivery.Reason.CLOSING,
) -> list[StatementDelivery]:
    """Pending deliveries to each statement's company contacts; sent after commit."""
    recipients = statement_recipients(organisation_ids=[s.organisation_id for s in statements])
    requested_by = actor if actor is not None and actor.is_authenticated else None
    made = []
    for statement in statements:
        users = recipients.get(statement.organisation_id, [])
        if not users:
            made.append(
                StatementDelivery.objects.create(
                    statement=statement,
                    status=Delivery.NO_RECIPIENT,
                    reason=reason,
                    requested_by=requested_by,
                    error=_("The company has no contact with an e-mail address."),
                )
            )
            continue
        rows = [
            StatementDelivery.objects.create(
                statement=statement,
                reason=reason,
                email=user.email,
                name=_display_name(user)[:200],
                user=user,
                requested_by=requested_by,
            )
            for user in users
        ]
        made += rows
        _enqueue(statement.pk, [row.pk for row in rows])
    return made


@transaction.atomic
def statement_resend(
    *, statement: Statement, actor: User | None, email: str = ""
) -> list[StatementDelivery]:
    """The coordinator sends a statement again: to the company's contacts, or to `email`."""
    ensure_coordinator(actor, statement.hub_id)
    email = (email or "").strip().lower()
    requested_by = actor if actor is not None and actor.is_authenticated else None
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise InvalidRecipient(field="email") from exc
        rows = [
            StatementDelivery.objects.create(
                statement=statement,
                reason=StatementDelivery.Reason.RESEND,
                email=email,
                requested_by=requested_by,
            )
        ]
        _enqueue(statement.pk, [rows[0].pk])
    else:
        if not statement_recipients(organisation_ids=[statement.organisation_id]):
            raise InvalidRecipient(
                _("The company has no contact with an e-mail address: send it to an address."),
                field="email",
            )
        rows = statement_deliveries_queue(
            statements=[statement], actor=actor, reason=StatementDelivery.Reason.RESEND
        )
    log_action(
        "statement.resent",
        actor=actor,
        target=statement,
        after={"to": [row.email for row in rows], "deliveries": [row.pk for row in rows]},
    )
    return rows


def _message(statement: Statement, delivery: StatementDelivery, pdf: bytes) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        context = {"statement": statement, "name": delivery.name, "site_url": settings.SITE_URL}
        subject = render_to_string("pricing/mail/statement_subject.txt", context).strip()
        body = render_to_string("pricing/mail/statement.txt", context)
    reply_to = [statement.hub.contact_email] if statement.hub.contact_email else None
    message = EmailMessage(subject, body, to=[delivery.email], reply_to=reply_to)
    message.attach(f"{statement.reference}.pdf", pdf, "application/pdf")
    return message


def statement_deliveries_send(*, statement_id: int, delivery_ids: Sequence[int]) -> None:
    """Send the pending deliveries of one statement (the task's body; actor: the system).

    Not atomic and no lock around the mail server: each row is marked on its own, and only
    pending rows are sent, so a task that runs twice never mails twice.
    """
    from technohub.pricing.documents import statement_pdf

    statement = (
        Statement.objects.select_related("hub", "period", "organisation")
        .filter(pk=statement_id)
        .first()
    )
    pending = list(
        StatementDelivery.objects.filter(
            statement_id=statement_id, pk__in=list(delivery_ids), status=Delivery.PENDING
        ).order_by("pk")
    )
    if statement is None or not pending:
        return
    try:
        pdf = statement_pdf(statement)
    except Exception as exc:  # noqa: BLE001 - any failure is recorded, never lost
        logger.exception("statement %s: the PDF could not be made", statement_id)
        StatementDelivery.objects.filter(pk__in=[d.pk for d in pending]).update(
            status=Delivery.FAILED, error=f"PDF: {exc}"[:500]
        )
        return
    for delivery in pending:
        try:
            _message(statement, delivery, pdf).send()
        except Exception as exc:  # noqa: BLE001 - recorded on the row, shown on the pages
            logger.warning("statement %s to %s failed: %s", statement_id, delivery.email, exc)
            StatementDelivery.objects.filter(pk=delivery.pk, status=Delivery.PENDING).update(
                status=Delivery.FAILED, error=str(exc)[:500] or exc.__class__.__name__
            )
        else:
            StatementDelivery.objects.filter(pk=delivery.pk, status=Delivery.PENDING).update(
                status=Delivery.SENT, sent_at=timezone.now(), error=""
            )
