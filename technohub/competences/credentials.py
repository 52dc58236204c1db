"""Open Badges 3.0 credentials: the issuer key, the credential document, signing, verifying.

A certificate's credential is an `OpenBadgeCredential` (W3C Verifiable Credentials data model 2.0)
signed as a VC-JWT (Open Badges 3.0, section 8.2): the JWT payload is the credential itself, with
the registered claims `iss`, `jti`, `nbf` (and `exp` when it expires) beside it; the JOSE header
names the key (`kid`, a URL to the issuer's JWK set) and carries the public key (`jwk`). Our own
verification trusts only the keys in the database, never a key in the header. See
docs/competences.md.
"""

import base64
import gzip
import hashlib
import json
import secrets
import uuid
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from technohub.competences.models import Certificate, IssuerKey
from technohub.hubs.models import Hub

ALGORITHM = "EdDSA"  # Ed25519; the name OB 3.0 verifiers know (RFC 9864 adds "Ed25519")
ACCEPTED_ALGORITHMS = ["EdDSA", "Ed25519"]
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def issuer_id(hub: Hub) -> str:
    return absolute(reverse("public:issuer_profile", kwargs={"hub_slug": hub.slug}))


def jwks_url(hub: Hub) -> str:
    return absolute(reverse("public:issuer_jwks", kwargs={"hub_slug": hub.slug}))


def verification_url(certificate: Certificate) -> str:
    return absolute(reverse("public:verify", kwargs={"public_id": certificate.public_id}))


def status_list_url(hub: Hub) -> str:
    return absolute(reverse("public:issuer_status_list", kwargs={"hub_slug": hub.slug}))


# --- the issuer key -------------------------------------------------------------------------


def _fernet() -> Fernet:
    """A symmetric key derived from SECRET_KEY that encrypts the private keys at rest."""
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"technohub-issuer-keys"
    ).derive(settings.SECRET_KEY.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def issuer_key(hub: Hub) -> IssuerKey:
    """The hub's active signing key, generated on first use (one per hub, race-safe)."""
    key = IssuerKey.objects.filter(hub=hub, retired_at__isnull=True).first()
    if key is not None:
        return key
    kid = f"{hub.slug}-{secrets.token_hex(6)}"
    private = OKPKey.generate_key("Ed25519", parameters={"kid": kid})
    try:
        with transaction.atomic():
            return IssuerKey.objects.create(
                hub=hub,
                kid=kid,
                public_jwk=private.as_dict(private=False),
                private_jwk_encrypted=_fernet()
                .encrypt(private.as_bytes(private=True, encoding="PEM"))
                .decode(),
            )
    except IntegrityError:  # another request created it first
        return IssuerKey.objects.get(hub=hub, retired_at__isnull=True)


def _private_key(key: IssuerKey) -> OKPKey:
    pem = _fernet().decrypt(key.private_jwk_encrypted.encode())
    return OKPKey.import_key(pem, parameters={"kid": key.kid})


def published_keys(hub: Hub) -> dict[str, Any]:
    """The hub's public keys as a JWK set (retired keys too: old credentials keep verifying)."""
    return {"keys": [dict(k.public_jwk, use="sig", alg=ALGORITHM) for k in hub.issuer_keys.all()]}


def issuer_profile(hub: Hub) -> dict[str, Any]:
    """The issuer `Profile` document published at the issuer id."""
    profile_id = issuer_id(hub)
    profile: dict[str, Any] = {
        "@context": CONTEXTS,
        "id": profile_id,
        "type": ["Profile"],
        "name": hub.name,
        "url": absolute(reverse("public:home")),
        "verificationMethod": [
            {
                "id": f"{profile_id}#{k.kid}",
                "type": "JsonWebKey",
                "controller": profile_id,
                "publicKeyJwk": k.public_jwk,
            }
            for k in hub.issuer_keys.all()
        ],
    }
    if hub.contact_email:
        profile["email"] = hub.contact_email
    if hub.city:
        profile["address"] = {"type": ["Address"], "addressLocality": hub.city}
    return profile


# --- the credential ------------------------------------------------------------------------


def _iso(value) -> str:
    return value.astimezone(tz=None).isoformat(timespec="seconds") if value else ""


def _identity(person) -> list[dict[str, Any]]:
    identities = [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": person.full_name,
        }
    ]
    if person.email:
        salt = secrets.token_hex(8)
        digest = hashlib.sha256((person.email.lower() + salt).encode()).hexdigest()
        identities.append(
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": f"sha256${digest}",
                "salt": salt,
            }
        )
    return identities


def alignments(outcomes) -> list[dict[str, Any]]:
    """One alignment per competence the outcomes reach, plus its ESCO/CompetentNL concepts."""
    result = []
    for outcome in outcomes:
        competence = outcome.competence
        framework = competence.framework
        result.append(
            {
                "type": ["Alignment"],
                "targetType": "ceasn:Competency",
                "targetName": competence.label_nl,
                "targetCode": competence.code,
                "targetFramework": framework.name,
                "targetDescription": f"Niveau {outcome.level}",
                "targetUrl": competence.uri
                or absolute(
                    reverse("public:framework", kwargs={"hub_slug": framework.hub.slug})
                    + f"#competentie-{competence.code}"
                ),
            }
        )
        for concept in competence.aligned_with.all():
            if concept.uri:
                result.append(
                    {
                        "type": ["Alignment"],
                        "targetType": "ceasn:Competency",
                        "targetName": concept.label_nl,
                        "targetCode": concept.code,
                        "targetFramework": concept.framework.name,
                        "targetUrl": concept.uri,
                    }
                )
    return result


def build_credential(
    *, certificate: Certificate, criteria: str, description: str, outcomes
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of a certificate."""
    course, hub = certificate.course, certificate.hub
    achievement_id = absolute(
        reverse("public:course", kwargs={"hub_slug": hub.slug, "course_slug": course.slug})
    )
    credential: dict[str, Any] = {
        "@context": CONTEXTS,
        "id": verification_url(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.title,
        "description": description,
        "issuer": {
            "id": issuer_id(hub),
            "type": ["Profile"],
            "name": hub.name,
            "url": absolute(reverse("public:home")),
        },
        "validFrom": _iso(certificate.issued_at),
        "awardedDate": _iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": _identity(certificate.person),
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": course.title,
                "description": course.summary,
                "criteria": {"id": achievement_id, "narrative": criteria},
                "creditsAvailable": float(course.study_hours),
                "humanCode": course.slug,
                "@language": "nl",
                "alignment": alignments(outcomes),
            },
        },
        "credentialSchema": [{"id": SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}],
    }
    if course.level != course.Level.NONE:
        credential["credentialSubject"]["achievement"]["tag"] = [course.get_level_display()]
    if certificate.expires_at:
        credential["validUntil"] = _iso(certificate.expires_at)
    if certificate.status_index is not None:
        credential["credentialStatus"] = status_entry(certificate)
    return credential


# --- revocation status (W3C Bitstring Status List v1.0) --------------------------------------

# 131 072 bits = 16 KB uncompressed, the minimum the specification asks for so that one
# certificate's bit hides among many. One list per hub; a hub issuing more certificates than
# this would need a second list.
STATUS_LIST_SIZE = 131_072


def status_index_allocate(hub: Hub) -> int:
    """A random free position in the hub's status list (random, so it reveals no order)."""
    taken = set(
        Certificate.objects.filter(hub=hub, status_index__isnull=False).values_list(
            "status_index", flat=True
        )
    )
    if len(taken) >= STATUS_LIST_SIZE:
        raise RuntimeError(f"the status list of {hub.slug} is full")
    while (index := secrets.randbelow(STATUS_LIST_SIZE)) in taken:
        pass
    return index


def status_entry(certificate: Certificate) -> dict[str, str]:
    """The credential's `credentialStatus`: its bit in the hub's revocation list."""
    url = status_list_url(certificate.hub)
    return {
        "id": f"{url}#{certificate.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(certificate.status_index),
        "statusListCredential": url,
    }


def encode_bits(indices) -> str:
    """The multibase (base64url, no padding) GZIP of a bitstring with `indices` set to 1;
    index 0 is the left-most bit of the first byte."""
    bits = bytearray(STATUS_LIST_SIZE // 8)
    for index in indices:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0))
    return "u" + packed.rstrip(b"=").decode()


def decode_bits(encoded: str) -> bytes:
    data = encoded.removeprefix("u")
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def status_list_credential(hub: Hub) -> str:
    """The hub's `BitstringStatusListCredential`, signed as a VC-JWT with the hub's key: bit n
    is 1 when the certificate with status index n has been revoked. Expiry is not a
    revocation: it is in each credential's `validUntil`."""
    url = status_list_url(hub)
    revoked = Certificate.objects.filter(
        hub=hub, status_index__isnull=False, revoked_at__isnull=False
    ).values_list("status_index", flat=True)
    credential = {
        "@context": [CONTEXTS[0]],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": {"id": issuer_id(hub), "type": ["Profile"], "name": hub.name},
        "validFrom": _iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bits(revoked),
        },
    }
    return sign(credential, hub=hub)


def sign(credential: dict[str, Any], *, hub: Hub) -> str:
    """The credential as a compact VC-JWT signed with the hub's key."""
    key = issuer_key(hub)
    claims = dict(credential)
    claims.update(
        iss=credential["issuer"]["id"],
        jti=credential["id"],
        nbf=_timestamp(credential["validFrom"]),
    )
    if "validUntil" in credential:
        claims["exp"] = _timestamp(credential["validUntil"])
    header = {
        "alg": ALGORITHM,
        "typ": "JWT",
        "kid": f"{jwks_url(hub)}#{key.kid}",
        "jwk": key.public_jwk,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # joserfc warns that RFC 9864 prefers "Ed25519"
        return jwt.encode(header, claims, _private_key(key), algorithms=[ALGORITHM])


def _timestamp(iso: str) -> int:
    return int(datetime.fromisoformat(iso).timestamp())


@dataclass
class Verification:
    """The outcome of checking a presented VC-JWT."""

    signature_valid: bool
    certificate: Certificate | None
    credential: dict[str, Any] | None
    reason: str = ""

    @property
    def status(self) -> str:
        if not self.signature_valid or self.certificate is None:
            return "unknown"
        return self.certificate.status_at()


def verify(token: str) -> Verification:
    """Check a VC-JWT: a key of ours signed it, and it names a certificate we issued."""
    try:
        kid = jws.extract_compact(token.strip().encode()).headers().get("kid", "")
        kid = kid.rsplit("#", 1)[-1]
    except (JoseError, ValueError, UnicodeDecodeError):
        return Verification(False, None, None, "malformed")
    key = IssuerKey.objects.filter(kid=kid).first()
    if key is None:
        return Verification(False, None, None, "unknown_key")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            decoded = jwt.decode(
                token.strip(), OKPKey.import_key(key.public_jwk), ACCEPTED_ALGORITHMS
            )
    except (JoseError, ValueError):
        return Verification(False, None, None, "bad_signature")
    claims = decoded.claims
    certificate = (
        Certificate.objects.select_related("hub", "course", "person")
        .filter(hub_id=key.hub_id, public_id=_public_id(claims.get("jti", "")))
        .first()
    )
    if certificate is None:
        return Verification(True, None, claims, "unknown_certificate")
    return Verification(True, certificate, claims)


def _public_id(credential_id: str) -> str | None:
    tail = credential_id.rstrip("/").rsplit("/", 1)[-1]
    try:
        return str(uuid.UUID(tail))
    except ValueError:
        return None


def decode_unverified(token: str) -> dict[str, Any]:
    """The payload of one of our own stored tokens (for display and download)."""
    if not token:
        return {}
    return json.loads(jws.extract_compact(token.encode()).payload)
