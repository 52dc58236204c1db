"""Certificates dated at the end of the edition (as the demo issues them), and the QR code and
PDF documents a learner downloads."""

import datetime as dt
import io
import re
import urllib.parse

import pytest
from django.utils import timezone
from pypdf import PdfReader

from technohub.competences import credentials, documents, selectors, services
from technohub.competences.models import Achievement, Certificate, CompetenceRecord
from technohub.competences.tests.factories import LearningOutcomeFactory
from technohub.competences.tests.test_certificates import completed_edition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.services import edition_complete
from technohub.hubs.errors import DomainError

pytestmark = pytest.mark.django_db


def _completed_without_certificates():
    edition, enrolment, trainer = completed_edition()
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.COMPLETED)
    edition.status = edition.Status.COMPLETED
    edition.save(update_fields=["status"])
    return edition, enrolment, trainer


def test_a_late_issue_carries_the_given_date_everywhere():
    edition, enrolment, trainer = _completed_without_certificates()
    LearningOutcomeFactory(course=edition.course, level=2)
    Achievement.objects.create(course=edition.course, validity_months=12)
    ended = timezone.now() - dt.timedelta(days=40)

    [certificate] = services.certificates_issue_for_edition(
        edition=edition, actor=trainer, issued_at=ended
    )

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.issued_at == ended
    assert certificate.expires_at.year == ended.year + 1
    assert CompetenceRecord.objects.get(certificate=certificate).recorded_at == ended
    payload = credentials.decode_unverified(certificate.credential_jwt)
    assert payload["nbf"] == int(ended.timestamp())
    assert payload["validFrom"] == payload["awardedDate"]
    assert dt.datetime.fromisoformat(payload["validFrom"]) == ended.replace(microsecond=0)


def test_a_certificate_cannot_be_dated_in_the_future():
    edition, _enrolment, trainer = _completed_without_certificates()
    with pytest.raises(DomainError) as raised:
        services.certificates_issue_for_edition(
            edition=edition, actor=trainer, issued_at=timezone.now() + dt.timedelta(days=1)
        )
    assert raised.value.field == "issued_at"
    assert not Certificate.objects.exists()


def test_the_qr_code_is_a_standalone_svg_with_a_quiet_zone():
    uri = documents.qr_data_uri("https://technohub.example/verifieer/abc/")
    header, _sep, data = uri.partition(",")
    assert header.startswith("data:image/svg+xml")
    svg = urllib.parse.unquote(data)
    assert svg.startswith("<svg") and "xmlns='http://www.w3.org/2000/svg'" in svg.replace('"', "'")
    width = int(re.search(r"width=.(\d+)", svg).group(1))
    assert width >= 4 * (25 + 8)  # version 2 (25 modules) plus a 4-module border, 4 px each


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_pdfs_are_dutch_and_name_the_holder():
    edition, enrolment, trainer = completed_edition()
    LearningOutcomeFactory(course=edition.course, level=3)
    edition_complete(edition=edition, actor=trainer)
    certificate = Certificate.objects.get(enrolment=enrolment)

    text = _pdf_text(
        documents.certificate_pdf(
            certificate, outcomes=selectors.outcomes_of_course(course=edition.course)
        )
    )
    assert "Certificaat" in text and enrolment.person.full_name in text
    assert "Niveau 3" in text and str(certificate.public_id) in text
    passport = _pdf_text(documents.passport_pdf(selectors.passport_of(person=enrolment.person)))
    assert "Vaardighedenpaspoort" in passport and certificate.title in passport
