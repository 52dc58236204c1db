import datetime as dt

import pytest
from django.utils import timezone

from technohub.catalogue.tests.factories import CourseFactory
from technohub.competences.selectors import holds_credential
from technohub.competences.tests.factories import CertificateFactory
from technohub.hubs.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_valid_certificate_counts():
    certificate = CertificateFactory()
    assert holds_credential(person=certificate.person, course=certificate.course)


def test_nothing_without_a_certificate_of_that_course():
    certificate = CertificateFactory()
    assert not holds_credential(person=PersonFactory(), course=certificate.course)
    assert not holds_credential(person=certificate.person, course=CourseFactory())


def test_a_revoked_certificate_does_not_count():
    certificate = CertificateFactory(revoked_at=timezone.now())
    assert not holds_credential(person=certificate.person, course=certificate.course)


def test_an_expired_certificate_does_not_count_but_a_later_one_does():
    yesterday = timezone.now() - dt.timedelta(days=1)
    certificate = CertificateFactory(expires_at=yesterday)
    assert not holds_credential(person=certificate.person, course=certificate.course)
    CertificateFactory(
        person=certificate.person,
        course=certificate.course,
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    assert holds_credential(person=certificate.person, course=certificate.course)
