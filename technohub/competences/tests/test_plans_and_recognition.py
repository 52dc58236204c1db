import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from technohub.competences import services
from technohub.competences.errors import AlreadyDecided, EvidenceInvalid, ImportFailed
from technohub.competences.models import CompetenceRecord, DevelopmentPlan, Framework
from technohub.competences.selectors import held_competences, team_matrix
from technohub.competences.tests.factories import (
    CompetenceFactory,
    RoleRequirementFactory,
)
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import (
    HubFactory,
    OrganisationFactory,
    contact_user,
    coordinator_user,
    learner_user,
)

pytestmark = pytest.mark.django_db


def test_a_learners_change_after_agreement_needs_agreement_again():
    company = OrganisationFactory()
    learner, manager = learner_user(employer=company), contact_user(company)
    plan = services.plan_get_or_create(person=learner.person, actor=learner)
    services.goal_save(
        plan=plan, actor=learner, title="F-gassen halen", target_date=dt.date(2030, 1, 1)
    )
    services.plan_agree(plan=plan, actor=manager)
    assert DevelopmentPlan.objects.get().status == "agreed"

    services.goal_save(plan=plan, actor=learner, title="PLC", target_date=dt.date(2030, 2, 1))

    assert DevelopmentPlan.objects.get().status == "draft"
    with pytest.raises(NotAllowed):
        services.plan_agree(plan=plan, actor=learner)
    with pytest.raises(NotAllowed):
        services.plan_get_or_create(
            person=learner.person, actor=contact_user(OrganisationFactory())
        )


def test_reminders_go_to_the_manager_once_a_week():
    company = OrganisationFactory()
    learner, manager = learner_user(employer=company), contact_user(company)
    plan = services.plan_get_or_create(person=learner.person, actor=learner)
    today = timezone.localdate()
    services.goal_save(
        plan=plan, actor=learner, title="Bijna", target_date=today + dt.timedelta(days=3)
    )
    services.goal_save(
        plan=plan, actor=learner, title="Later", target_date=today + dt.timedelta(days=90)
    )

    assert services.plan_reminders_send(today=today) == 1
    assert mail.outbox[0].to == [manager.email] and "Bijna" in mail.outbox[0].body
    assert "Later" not in mail.outbox[0].body
    assert services.plan_reminders_send(today=today + dt.timedelta(days=2)) == 0
    assert services.plan_reminders_send(today=today + dt.timedelta(days=8)) == 1


def test_recognition_lands_in_the_passport_and_is_audited():
    hub = HubFactory()
    learner, assessor = learner_user(), coordinator_user(hub)
    competence = CompetenceFactory(framework__hub=hub)
    pdf = SimpleUploadedFile("diploma.pdf", b"%PDF-1.7 ...", content_type="application/pdf")
    request = services.recognition_request_submit(
        person=learner.person,
        competence=competence,
        level=3,
        statement="Tien jaar ervaring",
        files=[pdf],
        actor=learner,
    )
    with pytest.raises(NotAllowed):
        services.recognition_decide(
            request=request, recognised=True, level=3, note="", actor=coordinator_user(HubFactory())
        )
    services.recognition_decide(request=request, recognised=True, level=2, note="", actor=assessor)

    assert [(h.competence, h.level) for h in held_competences(person=learner.person)] == [
        (competence, 2)
    ]
    assert AuditEntry.objects.filter(action="recognition.decided").exists()
    with pytest.raises(AlreadyDecided):
        services.recognition_decide(
            request=request, recognised=False, level=None, note="x", actor=assessor
        )


def test_evidence_is_checked_by_content_not_name():
    learner = learner_user()
    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(EvidenceInvalid):
        services.recognition_request_submit(
            person=learner.person,
            competence=CompetenceFactory(),
            level=2,
            statement="x",
            files=[fake],
            actor=learner,
        )
    assert not CompetenceRecord.objects.exists()


CSV = (
    "conceptUri,preferredLabel_nl,preferredLabel_en,description,broaderUri\n"
    "https://ex.nl/c/a,Installeren,Install,,\n"
    "https://ex.nl/c/b,Warmtepomp,Heat pump,,https://ex.nl/c/a\n"
)


def test_csv_import_is_all_or_nothing_with_row_errors():
    hub = HubFactory()
    coordinator = coordinator_user(hub)
    bad = (
        CSV + "geen-uri,Iets,,,\nhttps://ex.nl/c/c,,,,\nhttps://ex.nl/c/d,Los,,,https://ex.nl/c/x\n"
    )
    with pytest.raises(ImportFailed) as failed:
        services.framework_import_csv(
            hub=hub, name="ESCO", source="esco", data=bad.encode(), actor=coordinator
        )
    assert [line for line, _ in failed.value.rows] == [4, 5, 6]
    assert not Framework.objects.exists()

    result = services.framework_import_csv(
        hub=hub, name="ESCO", source="esco", data=CSV.encode(), actor=coordinator
    )
    assert (result.created, result.updated) == (2, 0)
    child = result.framework.competences.get(uri="https://ex.nl/c/b")
    assert child.parent.uri == "https://ex.nl/c/a"
    again = services.framework_import_csv(
        hub=hub, name="ESCO", source="esco", data=CSV.encode(), actor=coordinator
    )
    assert (again.created, again.updated) == (0, 2)


def test_team_matrix_shows_gaps_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    company = OrganisationFactory()
    requirement = RoleRequirementFactory(level=3)
    people = [learner_user(employer=company).person for _ in range(5)]
    for person in people:
        DevelopmentPlan.objects.create(person=person, role_profile=requirement.profile)
    with django_assert_max_num_queries(8):
        matrix = team_matrix(organisation=company)
    assert [c.state for row in matrix.rows for c in row.cells] == ["gap"] * 5
    assert matrix.suggestions[0].competence == requirement.competence
