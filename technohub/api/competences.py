"""API endpoints of the competences area.

- `GET /credentials/{id}` and `POST /credentials/verify`: public verification (no auth). They
  answer what the public verification page shows: the status, the course and the issuer, and the
  holder's name only when the holder allows it.
- `GET /me/passport`: the logged-in learner's own passport (Django session; a safe GET, so no
  CSRF token is needed). A company token cannot read anyone's passport.
"""

import datetime as dt
import uuid
from decimal import Decimal

from ninja import Field, Router, Schema
from ninja.security import django_auth

from technohub.api.problems import not_found
from technohub.api.schemas import Problem
from technohub.competences import credentials, selectors
from technohub.competences.models import Certificate
from technohub.hubs.access import person_of

router = Router(tags=["credentials"])


class CredentialStatus(Schema):
    id: uuid.UUID = Field(description="The certificate number (as on the PDF and the QR code).")
    status: str = Field(description="`valid`, `revoked`, `expired` or `unknown`.")
    title: str
    issuer: str = Field(description="The issuing hub.")
    issuer_profile: str = Field(description="URL of the issuer's Open Badges Profile.")
    issuer_keys: str = Field(description="URL of the issuer's public keys (JWK set).")
    issued_at: dt.datetime
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    holder_name: str | None = Field(description="Only when the holder chose to show it.")
    verification_page: str


class VerifyIn(Schema):
    credential: str = Field(max_length=20000, description="A compact VC-JWT issued by TechnoHUB.")


class VerifyOut(Schema):
    signature_valid: bool
    status: str = Field(description="`valid`, `revoked`, `expired` or `unknown`.")
    reason: str = Field(description="Why it is unknown: `malformed`, `unknown_key`, …; else empty.")
    certificate: CredentialStatus | None


def _status(certificate: Certificate) -> CredentialStatus:
    return CredentialStatus(
        id=certificate.public_id,
        status=certificate.status_at(),
        title=certificate.title,
        issuer=certificate.hub.name,
        issuer_profile=credentials.issuer_id(certificate.hub),
        issuer_keys=credentials.jwks_url(certificate.hub),
        issued_at=certificate.issued_at,
        expires_at=certificate.expires_at,
        revoked_at=certificate.revoked_at,
        holder_name=certificate.person.full_name
        if certificate.disclosure == Certificate.Disclosure.NAME
        else None,
        verification_page=credentials.verification_url(certificate),
    )


# Declared before the detail route: its path would otherwise match `verify` as an id.
@router.post(
    "/credentials/verify",
    response={200: VerifyOut, 400: Problem},
    summary="Verify a signed Open Badges 3.0 credential (VC-JWT)",
    description="Checks the signature against the issuing hub's keys and the certificate's "
    "current status. Public; answers `unknown` for a token we did not sign.",
    auth=None,
)
def credential_verify(request, body: VerifyIn):
    result = credentials.verify(body.credential)
    return VerifyOut(
        signature_valid=result.signature_valid,
        status=result.status,
        reason=result.reason,
        certificate=_status(result.certificate) if result.certificate else None,
    )


@router.get(
    "/credentials/{credential_id}",
    response={200: CredentialStatus, 400: Problem, 404: Problem},
    summary="Verify a certificate by its number",
    description="What the public verification page shows: `valid`, `revoked` or `expired`, "
    "and the holder's name only when the holder allows it. Public.",
    auth=None,
)
def credential_status(request, credential_id: uuid.UUID):
    certificate = selectors.public_certificate(public_id=credential_id)
    if certificate is None:
        return not_found("No certificate with this number was issued here.")
    return _status(certificate)


class PassportCertificate(Schema):
    id: uuid.UUID
    title: str
    issuer: str
    status: str
    issued_at: dt.datetime
    expires_at: dt.datetime | None
    verification_page: str
    credential_jwt: str = Field(description="The signed Open Badges 3.0 credential (VC-JWT).")


class PassportCompetence(Schema):
    code: str
    label: str
    framework: str
    level: int = Field(ge=1, le=4)
    uri: str
    evidence: list[str] = Field(description="`certificate:<number>` or `recognition`.")


class PassportCourse(Schema):
    title: str
    hub: str
    completed_on: dt.date
    study_hours: Decimal


class PassportOut(Schema):
    name: str
    study_hours: Decimal
    certificates: list[PassportCertificate]
    competences: list[PassportCompetence]
    courses: list[PassportCourse]


@router.get(
    "/me/passport",
    response={200: PassportOut, 400: Problem, 401: Problem, 404: Problem},
    summary="My skills passport",
    description="For a logged-in learner (browser session): their own passport only.",
    auth=django_auth,
)
def my_passport(request):
    person = person_of(request.user)
    if person is None:
        return not_found("Your login is not linked to a person.")
    passport = selectors.passport_of(person=person)
    return PassportOut(
        name=person.full_name,
        study_hours=passport.study_hours,
        certificates=[
            PassportCertificate(
                id=c.public_id,
                title=c.title,
                issuer=c.hub.name,
                status=c.status_at(),
                issued_at=c.issued_at,
                expires_at=c.expires_at,
                verification_page=credentials.verification_url(c),
                credential_jwt=c.credential_jwt,
            )
            for c in passport.certificates
        ],
        competences=[
            PassportCompetence(
                code=h.competence.code,
                label=h.competence.label,
                framework=h.competence.framework.name,
                level=h.level,
                uri=h.competence.uri,
                evidence=[
                    f"certificate:{r.certificate.public_id}" if r.certificate else "recognition"
                    for r in h.evidence
                ],
            )
            for h in passport.competences
        ],
        courses=[
            PassportCourse(
                title=e.edition.course.title,
                hub=e.edition.hub.name,
                completed_on=e.edition.ends_on,
                study_hours=e.edition.course.study_hours,
            )
            for e in passport.courses
        ],
    )
