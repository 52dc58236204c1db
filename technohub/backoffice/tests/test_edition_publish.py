"""Publishing is its own step: the confirmation says who will be told, and they are."""

import datetime as dt

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.enrolment import publishing
from technohub.enrolment.models import SeatPool
from technohub.hubs.tests.factories import PersonFactory, contact_user
from technohub.scheduling.tests.factories import member_company

pytestmark = pytest.mark.django_db


def _draft(hub, **fields):
    edition = EditionFactory(course__hub=hub, status=Edition.Status.DRAFT, **fields)
    day = timezone.localdate() + dt.timedelta(days=21)
    SessionFactory(
        edition=edition,
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(19))),
        ends_at=timezone.make_aware(dt.datetime.combine(day, dt.time(21, 30))),
    )
    return edition


def url(hub, edition):
    return reverse("backoffice:edition_publish", args=[hub.slug, edition.pk])


def test_confirmation_names_who_is_told_and_publishing_tells_them(coordinator_client, world):
    # given a draft with a trainer and two companies holding reserved seats
    richard = PersonFactory(first_name="Richard", last_name="de Jong", email="richard@bogro.nl")
    edition = _draft(world.hub, trainer=richard)
    companies = [member_company(world.hub) for _ in range(2)]
    for company in companies:
        contact_user(company)
        SeatPool.objects.create(edition=edition, organisation=company, seats=2)
    # when the coordinator opens the publish page
    page = coordinator_client.get(url(world.hub, edition), HTTP_ACCEPT_LANGUAGE="nl")
    text = " ".join(page.content.decode().split())
    # then it says what publishing does and who gets a message
    assert "de editie verschijnt in de catalogus en agenda" in text
    assert "0 deelnemers, trainer Richard de Jong en 2 bedrijven met gereserveerde plaatsen" in text
    # and confirming publishes and mails the trainer and each company's contact
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = coordinator_client.post(url(world.hub, edition), {"confirm": "on"})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert "richard@bogro.nl" in recipients
    assert len(recipients) == 3
    assert any(m.attachments for m in mail.outbox if "richard@bogro.nl" in m.to)


def test_without_confirmation_nothing_happens(coordinator_client, world):
    edition = _draft(world.hub)
    response = coordinator_client.post(url(world.hub, edition), {})
    assert response.status_code == 400
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT and not mail.outbox


def test_only_a_draft_with_sessions_can_be_published(coordinator_client, world):
    empty = EditionFactory(course__hub=world.hub, status=Edition.Status.DRAFT)
    published = _draft(world.hub)
    Edition.objects.filter(pk=published.pk).update(status=Edition.Status.PUBLISHED)
    for edition in (empty, published):
        response = coordinator_client.post(url(world.hub, edition), {"confirm": "on"})
        assert response.status_code == 400
    empty.refresh_from_db()
    assert empty.status == Edition.Status.DRAFT


def test_publish_audience_counts_active_participants(world):
    from technohub.enrolment.tests.factories import EnrolmentFactory

    edition = _draft(world.hub)
    EnrolmentFactory(edition=edition, status="confirmed")
    EnrolmentFactory(edition=edition, status="cancelled")
    audience = publishing.publish_audience(edition=edition)
    assert len(audience.participants) == 1
    assert audience.trainers == [] and audience.companies == []
