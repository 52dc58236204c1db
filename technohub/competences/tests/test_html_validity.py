"""Every page type of the competences area is valid HTML (html5lib strict), with one h1,
unique ids and labelled inputs, in Dutch and English, on the demo data."""

import pytest
from django.test import Client

from technohub.competences.models import (
    Certificate,
    LearningOutcome,
    PassportShare,
    RecognitionRequest,
)
from technohub.competences.services import passport_share_create, plan_close
from technohub.competences.tests.test_issuer_profile import BROWSER
from technohub.hubs.models import Organisation, User
from tests.test_html_validity import assert_valid, demo  # noqa: F401 - the demo fixture


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_competences_pages_are_valid_html(demo, client, language):  # noqa: F811
    client.cookies["django_language"] = language
    certificate = Certificate.objects.filter(hub__slug="woerden").first()
    sander = User.objects.get(email="sander@bogro.nl")
    _share, token = passport_share_create(
        person=sander.person,
        label="Test",
        include_competences=True,
        include_courses=True,
        expires_on=None,
        actor=sander,
    )
    for path in (
        f"/verifieer/{certificate.public_id}/",
        "/competenties/woerden/",
        f"/paspoort/{token}/",
    ):
        assert_valid(client, path)
    PassportShare.objects.filter(label="Test").delete()

    client.force_login(sander)
    person = sander.person
    goal = person.development_plan.goals.first()
    own_certificate = Certificate.objects.filter(person=person).first()
    for path in (
        "/mijn/",
        "/mijn/paspoort/",
        "/mijn/paspoort/delen/",
        "/mijn/erkenning/",
        f"/mijn/ontwikkelplan/{person.pk}/",
        f"/mijn/ontwikkelplan/{person.pk}/doelen/nieuw/",
        f"/mijn/ontwikkelplan/{person.pk}/doelen/{goal.pk}/",
        f"/mijn/certificaten/{own_certificate.public_id}/",
    ):
        assert_valid(client, path)

    plan_close(plan=person.development_plan, actor=sander, note="Nieuwe functie")
    assert_valid(client, f"/mijn/ontwikkelplan/{person.pk}/")
    job_seeker = User.objects.get(email="job.zoeker@example.nl")
    client.force_login(job_seeker)
    assert_valid(client, "/mijn/paspoort/")  # the empty passport
    assert_valid(client, f"/mijn/ontwikkelplan/{job_seeker.person.pk}/")  # no manager

    richard = User.objects.get(email="richard@bogro.nl")
    client.force_login(richard)
    bogro = Organisation.objects.get(slug="bogro")
    assert_valid(client, f"/mijn/bedrijf/{bogro.pk}/team/")
    assert_valid(client, f"/mijn/paspoort/{person.pk}/")
    taught = richard.person.editions_taught.first()
    assert_valid(client, f"/mijn/trainer/edities/{taught.pk}/toetsing/")
    request = RecognitionRequest.objects.filter(status="submitted").first()
    LearningOutcome.objects.get_or_create(
        course=taught.course, competence=request.competence, defaults={"level": 2}
    )
    assert_valid(client, "/mijn/erkenning/beoordelen/")
    assert_valid(client, f"/mijn/erkenning/beoordelen/{request.pk}/")

    client.force_login(User.objects.get(email="marloes@technohub-woerden.nl"))
    outcome = LearningOutcome.objects.filter(course__hub__slug="woerden").first()
    course, competence = outcome.course, outcome.competence
    profile = course.hub.role_profiles.first()
    for path in (
        "/beheer/woerden/competenties/",
        "/beheer/woerden/competenties/nieuw/",
        f"/beheer/woerden/competenties/{competence.pk}/",
        "/beheer/woerden/competenties/importeren/",
        f"/beheer/woerden/cursussen/{course.pk}/competenties/",
        "/beheer/woerden/rolprofielen/",
        f"/beheer/woerden/rolprofielen/{profile.pk}/",
        "/beheer/woerden/certificaten/",
        "/beheer/woerden/erkenning/",
        f"/beheer/woerden/erkenning/{request.pk}/",
    ):
        assert_valid(client, path)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_issuer_page_a_browser_gets_is_valid_html(demo, language):  # noqa: F811
    browser = Client(headers={"accept": BROWSER})
    browser.cookies["django_language"] = language
    assert_valid(browser, "/uitgever/woerden/")
