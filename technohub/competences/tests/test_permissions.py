"""Every page and API endpoint of the competences area, for every role: allowed or refused.

A person's passport, plan and certificates are theirs and their manager's (a contact of their
employer); another company's contact, other learners, trainers and coordinators get a 404 (not
even the existence is confirmed). Back-office pages are for the hub's coordinators only.
"""

import pytest

from technohub.competences.tests.conftest import ROLES

OWN_AND_MANAGER = {"learner": 200, "contact_a": 200}
BACK_OFFICE = {
    "anonymous": 302,
    "learner": 403,
    "contact_a": 403,
    "contact_b": 403,
    "trainer": 403,
    "coordinator": 200,
    "other_coordinator": 404,
}


def expected(allowed: dict[str, int], role: str) -> int:
    if role in allowed:
        return allowed[role]
    return 302 if role == "anonymous" else 404


def person_pages(w):
    pid, cid = w.person.pk, w.certificate.public_id
    return [
        f"/mijn/paspoort/{pid}/",
        f"/mijn/paspoort/{pid}/pdf/",
        f"/mijn/ontwikkelplan/{pid}/",
        f"/mijn/ontwikkelplan/{pid}/doelen/nieuw/",
        f"/mijn/certificaten/{cid}/",
        f"/mijn/certificaten/{cid}/certificaat.pdf",
        f"/mijn/certificaten/{cid}/open-badge.jwt",
        f"/mijn/certificaten/{cid}/open-badge.json",
    ]


@pytest.mark.parametrize("role", ROLES)
def test_a_persons_pages_are_theirs_and_their_managers(client, world, role):
    world.login(client, role)
    for path in person_pages(world):
        assert client.get(path).status_code == expected(OWN_AND_MANAGER, role), (role, path)


@pytest.mark.parametrize("role", ROLES)
def test_own_pages_need_a_login_and_show_only_ones_own(client, world, role):
    world.login(client, role)
    for path in ("/mijn/paspoort/", "/mijn/paspoort/delen/", "/mijn/erkenning/"):
        response = client.get(path)
        assert response.status_code == (302 if role == "anonymous" else 200), (role, path)
        if role not in ("anonymous", "learner"):
            assert world.person.full_name.encode() not in response.content
            assert world.certificate.title.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_the_team_matrix_is_for_the_companys_contacts(client, world, role):
    world.login(client, role)
    response = client.get(f"/mijn/bedrijf/{world.company_a.pk}/team/")
    assert response.status_code == expected({"contact_a": 200}, role)
    if role == "contact_a":
        assert world.person.full_name.encode() in response.content


@pytest.mark.parametrize("role", ROLES)
def test_assessment_results_are_for_the_trainer_and_coordinator(client, world, role):
    world.login(client, role)
    response = client.get(f"/mijn/trainer/edities/{world.edition_id}/toetsing/")
    assert response.status_code == expected({"trainer": 200, "coordinator": 200}, role)


@pytest.mark.parametrize("role", ROLES)
def test_evidence_is_for_the_learner_and_the_assessor(client, world, role, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from technohub.competences.models import Evidence

    settings.MEDIA_ROOT = tmp_path
    evidence = Evidence.objects.create(
        request=world.recognition,
        file=SimpleUploadedFile("diploma.pdf", b"%PDF-1.4 test"),
        original_name="diploma.pdf",
        content_type="application/pdf",
        size=13,
    )
    world.login(client, role)
    response = client.get(f"/mijn/erkenning/bewijs/{evidence.pk}/")
    assert response.status_code == expected({"learner": 200, "coordinator": 200}, role)


@pytest.mark.parametrize("role", ROLES)
def test_back_office_pages_are_for_the_hubs_coordinators(client, world, role):
    world.login(client, role)
    slug = world.hub.slug
    course_id = world.certificate.course_id
    paths = [
        f"/beheer/{slug}/competenties/",
        f"/beheer/{slug}/competenties/nieuw/",
        f"/beheer/{slug}/competenties/importeren/",
        f"/beheer/{slug}/cursussen/{course_id}/competenties/",
        f"/beheer/{slug}/rolprofielen/",
        f"/beheer/{slug}/certificaten/",
        f"/beheer/{slug}/erkenning/",
        f"/beheer/{slug}/erkenning/{world.recognition.pk}/",
    ]
    for path in paths:
        assert client.get(path).status_code == BACK_OFFICE[role], (role, path)


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_show_only_what_the_holder_chose(client, world, role):
    world.login(client, role)
    verify = client.get(f"/verifieer/{world.certificate.public_id}/")
    assert verify.status_code == 200
    assert world.person.full_name.encode() in verify.content
    shared = client.get(f"/paspoort/{world.share_token}/")
    assert shared.status_code == 200 and world.certificate.title.encode() in shared.content
    assert client.get(f"/competenties/{world.hub.slug}/").status_code == 200
    assert client.get(f"/uitgever/{world.hub.slug}/jwks.json").json()["keys"]


def test_the_verification_page_hides_the_name_when_the_holder_asks(client, world):
    world.certificate.disclosure = "status"
    world.certificate.save()
    response = client.get(f"/verifieer/{world.certificate.public_id}/")
    assert world.person.full_name.encode() not in response.content
    assert world.certificate.title.encode() in response.content


def test_unknown_certificates_and_revoked_links_are_404(client, world):
    assert client.get("/verifieer/00000000-0000-4000-8000-000000000000/").status_code == 404
    client.force_login(world.users["learner"])
    client.post(f"/mijn/paspoort/delen/{world.share.pk}/intrekken/")
    client.logout()
    assert client.get(f"/paspoort/{world.share_token}/").status_code == 404
    assert client.get("/paspoort/geraden-token/").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_api_my_passport_is_ones_own(client, world, role):
    world.login(client, role)
    response = client.get("/api/v1/me/passport")
    if role == "anonymous":
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        return
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == world.users[role].person.full_name
    titles = [c["title"] for c in body["certificates"]]
    assert titles == ([world.certificate.title] if role == "learner" else [])


@pytest.mark.parametrize("role", ROLES)
def test_api_credential_status_is_public(client, world, role):
    world.login(client, role)
    response = client.get(f"/api/v1/credentials/{world.certificate.public_id}")
    assert response.status_code == 200
    assert response.json()["status"] == "valid"
    assert response.json()["holder_name"] == world.person.full_name
    verify = client.post(
        "/api/v1/credentials/verify",
        {"credential": world.certificate.credential_jwt},
        content_type="application/json",
    )
    assert verify.status_code == 200 and verify.json()["signature_valid"] is True


def test_api_bad_input_is_a_problem_not_a_500(client, world):
    missing = client.get("/api/v1/credentials/00000000-0000-4000-8000-000000000000")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    assert client.get("/api/v1/credentials/not-a-uuid").status_code in (400, 404)
    garbage = client.post(
        "/api/v1/credentials/verify", {"credential": "x.y.z"}, content_type="application/json"
    )
    assert garbage.status_code == 200 and garbage.json()["status"] == "unknown"
    broken = client.post("/api/v1/credentials/verify", "{", content_type="application/json")
    assert broken.status_code == 400
    assert broken["Content-Type"] == "application/problem+json"
