import copy

import jsonschema
import pytest
from django.utils import timezone

from technohub.catalogue.tests.factories import EditionFactory, SessionFactory
from technohub.competences import credentials, services
from technohub.competences.models import Achievement, Certificate, CompetenceRecord
from technohub.competences.selectors import holds_credential
from technohub.competences.tests.factories import CompetenceFactory, LearningOutcomeFactory
from technohub.competences.tests.schema import ob3
from technohub.enrolment.models import Attendance, Enrolment
from technohub.enrolment.services import edition_complete
from technohub.enrolment.tests.factories import EnrolmentFactory, past_dates
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import coordinator_user, trainer_user

pytestmark = pytest.mark.django_db


def completed_edition(*, present=True, course_kwargs=None):
    """An edition with one session and one participant, completed by its trainer."""
    trainer = trainer_user()
    # its session has taken place: completion waits for the last session
    edition = EditionFactory(trainer=trainer.person, **past_dates(), **(course_kwargs or {}))
    session = SessionFactory(edition=edition)
    enrolment = EnrolmentFactory(edition=edition)
    Attendance.objects.create(
        enrolment=enrolment,
        session=session,
        status=Attendance.Status.PRESENT if present else Attendance.Status.ABSENT,
    )
    return edition, enrolment, trainer


def test_completion_issues_a_signed_certificate_with_competence_records():
    edition, enrolment, trainer = completed_edition()
    outcome = LearningOutcomeFactory(course=edition.course, level=3)

    edition_complete(edition=edition, actor=trainer)

    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.person == enrolment.person and certificate.course == edition.course
    assert holds_credential(person=enrolment.person, course=edition.course)
    record = CompetenceRecord.objects.get(certificate=certificate)
    assert (record.competence, record.level) == (outcome.competence, 3)
    assert AuditEntry.objects.filter(action="certificate.issued", target_id=str(certificate.pk))
    verification = credentials.verify(certificate.credential_jwt)
    assert verification.signature_valid and verification.certificate == certificate
    assert verification.status == "valid"


def test_no_certificate_below_the_attendance_threshold():
    edition, enrolment, trainer = completed_edition(present=False)
    edition_complete(edition=edition, actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.NOT_COMPLETED
    assert not Certificate.objects.exists()


def test_an_assessment_is_needed_when_the_course_asks_for_one():
    edition, enrolment, trainer = completed_edition()
    Achievement.objects.create(course=edition.course, requires_assessment=True)

    edition_complete(edition=edition, actor=trainer)
    assert not Certificate.objects.exists()

    services.assessment_record(enrolment=enrolment, passed=False, actor=trainer)
    assert not Certificate.objects.exists()
    services.assessment_record(enrolment=enrolment, passed=True, actor=trainer)
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_validity_months_set_the_expiry():
    edition, enrolment, trainer = completed_edition()
    Achievement.objects.create(course=edition.course, validity_months=60)
    edition_complete(edition=edition, actor=trainer)
    certificate = Certificate.objects.get()
    assert certificate.expires_at.year == certificate.issued_at.year + 5
    payload = credentials.decode_unverified(certificate.credential_jwt)
    assert payload["exp"] == int(certificate.expires_at.timestamp())


def test_the_credential_is_a_valid_open_badge_3():
    edition, enrolment, trainer = completed_edition()
    esco = CompetenceFactory(
        framework__hub=edition.hub,
        framework__source="esco",
        uri="http://data.europa.eu/esco/skill/abc",
    )
    outcome = LearningOutcomeFactory(course=edition.course)
    outcome.competence.aligned_with.add(esco)
    Achievement.objects.create(course=edition.course, validity_months=12, criteria="Praktijktoets")

    edition_complete(edition=edition, actor=trainer)

    payload = credentials.decode_unverified(Certificate.objects.get().credential_jwt)
    ob3.validator().validate(payload)
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert payload["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    achievement = payload["credentialSubject"]["achievement"]
    assert achievement["criteria"]["narrative"] == "Praktijktoets"
    assert [a["targetCode"] for a in achievement["alignment"]] == [
        outcome.competence.code,
        esco.code,
    ]
    assert payload["iss"] == payload["issuer"]["id"] and payload["jti"] == payload["id"]


def issued_credential() -> dict:
    edition, _enrolment, trainer = completed_edition()
    LearningOutcomeFactory(course=edition.course)
    edition_complete(edition=edition, actor=trainer)
    return credentials.decode_unverified(Certificate.objects.get().credential_jwt)


def without(document: dict, path: str) -> dict:
    """A deep copy of `document` with the dotted `path` removed."""
    document = copy.deepcopy(document)
    *parents, last = path.split(".")
    node = document
    for key in parents:
        node = node[key]
    del node[last]
    return document


@pytest.mark.parametrize(
    "path",
    [
        "@context",
        "id",
        "type",
        "name",
        "issuer",
        "issuer.id",
        "validFrom",
        "credentialSubject",
        "credentialSubject.achievement",
        "credentialSubject.achievement.criteria",
        "credentialSubject.achievement.description",
        "credentialSubject.achievement.name",
        "credentialSubject.identifier",
    ],
)
def test_a_credential_missing_a_required_field_fails_the_schema(path):
    payload = issued_credential()
    ob3.validator().validate(payload)

    with pytest.raises(jsonschema.ValidationError):
        ob3.validator().validate(without(payload, path))


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.update({"type": ["VerifiableCredential"]}),
        lambda p: p.update({"@context": list(reversed(p["@context"]))}),
        lambda p: p.update({"validFrom": "4 december 2026"}),
        lambda p: p["credentialSubject"]["achievement"].update({"achievementType": "Diplomaatje"}),
        lambda p: p["credentialSubject"]["identifier"][0].update({"identityType": "naam"}),
        lambda p: p["credentialSubject"]["achievement"]["alignment"][0].pop("targetUrl"),
    ],
    ids=["not-a-badge", "context-order", "date", "achievement-type", "identity-type", "alignment"],
)
def test_a_credential_with_a_wrong_type_or_enumeration_fails_the_schema(change):
    payload = issued_credential()
    change(payload)

    with pytest.raises(jsonschema.ValidationError):
        ob3.validator().validate(payload)


def test_a_tampered_credential_does_not_verify():
    edition, enrolment, trainer = completed_edition()
    edition_complete(edition=edition, actor=trainer)
    token = Certificate.objects.get().credential_jwt
    header, payload, signature = token.split(".")
    forged = ".".join(
        [header, payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB"), signature]
    )
    assert credentials.verify(forged).status == "unknown"
    assert credentials.verify("not a token").status == "unknown"


def test_revocation_is_audited_and_shown():
    edition, enrolment, trainer = completed_edition()
    edition_complete(edition=edition, actor=trainer)
    certificate = Certificate.objects.get()
    coordinator = coordinator_user(edition.hub)

    services.certificate_revoke(
        certificate=certificate, reason="Fraude bij toets", actor=coordinator
    )

    certificate.refresh_from_db()
    assert certificate.status_at() == "revoked"
    assert credentials.verify(certificate.credential_jwt).status == "revoked"
    assert not holds_credential(person=certificate.person, course=certificate.course)
    assert AuditEntry.objects.filter(action="certificate.revoked").exists()


def test_another_hubs_coordinator_cannot_revoke():
    from technohub.hubs.errors import NotAllowed
    from technohub.hubs.tests.factories import HubFactory

    edition, enrolment, trainer = completed_edition()
    edition_complete(edition=edition, actor=trainer)
    with pytest.raises(NotAllowed):
        services.certificate_revoke(
            certificate=Certificate.objects.get(),
            reason="x",
            actor=coordinator_user(HubFactory()),
        )
    assert Certificate.objects.get().revoked_at is None


def test_issuer_key_is_made_once_and_stored_encrypted():
    edition, enrolment, trainer = completed_edition()
    key = credentials.issuer_key(edition.hub)
    assert credentials.issuer_key(edition.hub) == key
    assert "d" not in key.public_jwk
    assert key.public_jwk["x"] not in key.private_jwk_encrypted
    assert timezone.now() >= key.created_at
