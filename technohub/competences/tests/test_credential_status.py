"""credentialStatus: each credential points at its bit in the hub's revocation list (W3C
Bitstring Status List), which we serve signed; revoking a certificate sets the bit."""

import warnings

import pytest
from django.conf import settings
from joserfc import jws, jwt
from joserfc.jwk import KeySet

from technohub.competences import credentials, services
from technohub.competences.models import Certificate
from technohub.competences.tests.conftest import ROLES
from technohub.competences.tests.test_certificates import completed_edition
from technohub.enrolment.models import Attendance
from technohub.enrolment.services import edition_complete
from technohub.enrolment.tests.factories import EnrolmentFactory
from technohub.hubs.tests.factories import coordinator_user

pytestmark = pytest.mark.django_db


def _bit(bits: bytes, index: int) -> int:
    return (bits[index // 8] >> (7 - index % 8)) & 1


def _status_list(client, hub) -> dict:
    response = client.get(f"/uitgever/{hub.slug}/intrekkingen/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()
    # As a verifier does: the header's kid is <JWK set URL>#<key id>; fetch the set, pick the key.
    kid_url = jws.extract_compact(token.encode()).headers()["kid"]
    jwks_path, kid = kid_url.removeprefix(settings.SITE_URL.rstrip("/")).split("#")
    keys = KeySet.import_key_set(client.get(jwks_path).json())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # joserfc: RFC 9864 prefers the name "Ed25519"
        decoded = jwt.decode(token, keys.get_by_kid(kid), credentials.ACCEPTED_ALGORITHMS)
    return decoded.claims


def test_revoking_sets_the_certificates_bit_in_the_signed_list(client):
    edition, enrolment, trainer = completed_edition()
    other = EnrolmentFactory(edition=edition)
    Attendance.objects.create(
        enrolment=other, session=edition.sessions.get(), status=Attendance.Status.PRESENT
    )
    edition_complete(edition=edition, actor=trainer)
    revoked, kept = (
        Certificate.objects.get(enrolment=enrolment),
        Certificate.objects.get(enrolment=other),
    )
    assert revoked.status_index != kept.status_index
    entry = credentials.decode_unverified(revoked.credential_jwt)["credentialStatus"]
    list_url = credentials.status_list_url(edition.hub)
    assert entry == {
        "id": f"{list_url}#{revoked.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(revoked.status_index),
        "statusListCredential": list_url,
    }

    before = _status_list(client, edition.hub)
    bits = credentials.decode_bits(before["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == credentials.STATUS_LIST_SIZE and not any(bits)

    services.certificate_revoke(
        certificate=revoked, reason="Fraude", actor=coordinator_user(edition.hub)
    )

    after = _status_list(client, edition.hub)
    assert after["id"] == list_url and after["iss"] == credentials.issuer_id(edition.hub)
    assert after["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert after["credentialSubject"]["statusPurpose"] == "revocation"
    assert after["credentialSubject"]["encodedList"].startswith("u")  # multibase base64url
    bits = credentials.decode_bits(after["credentialSubject"]["encodedList"])
    assert _bit(bits, revoked.status_index) == 1 and _bit(bits, kept.status_index) == 0
    assert sum(bin(b).count("1") for b in bits) == 1


def test_encoding_round_trips_at_the_edges():
    bits = credentials.decode_bits(
        credentials.encode_bits([0, 9, credentials.STATUS_LIST_SIZE - 1])
    )
    assert [i for i in range(len(bits) * 8) if _bit(bits, i)] == [
        0,
        9,
        credentials.STATUS_LIST_SIZE - 1,
    ]


def test_a_taken_index_is_never_drawn_again(monkeypatch):
    edition, enrolment, trainer = completed_edition()
    edition_complete(edition=edition, actor=trainer)
    taken = Certificate.objects.get().status_index
    free = (taken + 1) % credentials.STATUS_LIST_SIZE
    draws = iter([taken, taken, free])
    monkeypatch.setattr(credentials.secrets, "randbelow", lambda n: next(draws))
    assert credentials.status_index_allocate(edition.hub) == free


@pytest.mark.parametrize("role", ROLES)
def test_the_status_list_is_public_and_names_nobody(client, world, role):
    world.login(client, role)
    response = client.get(f"/uitgever/{world.hub.slug}/intrekkingen/")
    assert response.status_code == 200
    claims = credentials.decode_unverified(response.content.decode())
    assert world.person.full_name not in str(claims)
    assert str(world.certificate.public_id) not in str(claims)
    assert client.get("/uitgever/onbekend/intrekkingen/").status_code == 404
    assert client.post(f"/uitgever/{world.hub.slug}/intrekkingen/").status_code == 405


def test_a_clash_on_the_status_index_draws_again_and_signs_the_new_one(monkeypatch):
    edition, _enrolment, trainer = completed_edition()
    edition_complete(edition=edition, actor=trainer)
    taken = Certificate.objects.get().status_index
    second = EnrolmentFactory(edition=edition)
    second.status = second.Status.COMPLETED
    second.save(update_fields=["status"])
    edition.refresh_from_db()
    free = (taken + 1) % credentials.STATUS_LIST_SIZE
    draws = iter([taken, free])  # as if a concurrent issue had just taken `taken`
    monkeypatch.setattr(credentials, "status_index_allocate", lambda hub: next(draws))

    [certificate] = services.certificates_issue_for_edition(edition=edition, actor=trainer)

    assert certificate.status_index == free
    payload = credentials.decode_unverified(certificate.credential_jwt)
    assert payload["credentialStatus"]["statusListIndex"] == str(free)
