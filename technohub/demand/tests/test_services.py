"""The funnel's rules: stages, thresholds, sensitivity, editions from topics, first right,
surveys, imports."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import Workbook

from technohub.catalogue.models import Edition
from technohub.demand import imports, services
from technohub.demand.errors import (
    CompetitionSensitive,
    ImportFailed,
    InvalidTopicChange,
    NotAMember,
    ReasonRequired,
)
from technohub.demand.models import Need, SurveyInvitation, Topic, TopicInvitation
from technohub.demand.tests.factories import need, planned_edition
from technohub.enrolment.models import SeatPool
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import AuditEntry
from technohub.hubs.tests.factories import contact_user


@pytest.fixture
def heat(world):
    for company in (world.a, world.b, world.c):
        need(world.hub, company, "warmtepomp installeren", people=4, daypart="evening")
    return Topic.objects.get()


def test_a_need_is_audited_and_only_for_the_companys_hubs(world):
    created = need(world.hub, world.a, "VCA basis")
    assert AuditEntry.objects.filter(action="need.created", target_id=str(created.pk)).exists()
    with pytest.raises(NotAMember):
        need(world.hub, world.outsider, "VCA basis")
    with pytest.raises(NotAllowed):
        services.need_create(
            hub=world.hub, organisation=world.a, actor=world.users["contact_b"], text="x", people=1
        )


def test_changing_who_may_know_is_audited(world):
    created = need(world.hub, world.a, "VCA basis", confidentiality="open")
    services.need_update(need=created, actor=world.users["contact_a"], confidentiality="anonymous")
    entry = AuditEntry.objects.get(action="need.updated")
    assert entry.before["confidentiality"] == "open"
    assert entry.after["confidentiality"] == "anonymous"


def test_parking_needs_a_reason_and_critical_mass_needs_the_thresholds(world, heat):
    coordinator = world.users["coordinator"]
    with pytest.raises(ReasonRequired):
        services.topic_move_stage(topic=heat, stage="parked", actor=coordinator)
    services.funnel_settings_update(
        hub=world.hub, actor=coordinator, min_companies=4, min_participants=8, k_anonymity=3
    )
    with pytest.raises(InvalidTopicChange):
        services.topic_move_stage(topic=heat, stage="critical_mass", actor=coordinator)
    need(world.hub, world.d, "warmtepomp installeren")
    services.topic_move_stage(topic=heat, stage="critical_mass", actor=coordinator, reason="ok")
    decision = heat.decisions.get(action="stage")
    assert (decision.from_stage, decision.to_stage, decision.actor) == (
        "grouped", "critical_mass", coordinator,
    )  # fmt: skip


def test_a_sensitive_topic_is_not_offered_jointly(world, heat):
    coordinator = world.users["coordinator"]
    services.topic_update(topic=heat, actor=coordinator, label="Warmtepomp", sector=world.sector)
    with pytest.raises(NotAllowed):
        services.topic_flag(topic=heat, actor=world.users["contact_a"])  # not in the start team
    services.topic_flag(topic=heat, actor=world.users["teacher"], reason="kerncompetentie")
    with pytest.raises(CompetitionSensitive):
        services.topic_move_stage(topic=heat, stage="shareable", actor=coordinator)
    services.topic_move_stage(topic=heat, stage="rejected", actor=coordinator, reason="gevoelig")
    assert AuditEntry.objects.filter(action="topic.flagged").exists()


def _edition(world, heat, capacity=10):
    return planned_edition(heat, world.users["coordinator"], capacity=capacity)


def test_an_edition_draft_from_a_topic_and_first_right_for_the_companies_that_asked(
    world, heat, django_capture_on_commit_callbacks
):
    for company in (world.a, world.b, world.c):
        contact_user(company)
    edition = _edition(world, heat, capacity=10)
    heat.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT and edition.sessions.count() == 3
    assert heat.stage == Topic.Stage.PLANNED and heat.edition == edition
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invitations = services.topic_invite(topic=heat, actor=world.users["coordinator"])
    seats = sorted(i.seats for i in invitations)
    assert seats == [2, 4, 4]  # 4 + 4 fit; the third company gets the 2 seats left
    assert SeatPool.objects.filter(edition=edition).count() == 3
    assert len(mail.outbox) >= 3 and "Warmtepomptechniek" in mail.outbox[0].subject
    # again: nobody is invited twice
    assert services.topic_invite(topic=heat, actor=world.users["coordinator"]) == []
    assert TopicInvitation.objects.count() == 3


def test_no_joint_edition_for_a_sensitive_topic(world, heat):
    services.topic_update(
        topic=heat, actor=world.users["coordinator"], label="Warmtepomp", sector=world.sector
    )
    services.topic_flag(topic=heat, actor=world.users["teacher"])
    with pytest.raises(CompetitionSensitive):
        _edition(world, heat)


def test_a_survey_round_reminders_and_answers(world, django_capture_on_commit_callbacks):
    for company in (world.a, world.b):
        contact_user(company)
    coordinator = world.users["coordinator"]
    with django_capture_on_commit_callbacks(execute=True):
        survey = services.survey_send(
            hub=world.hub, actor=coordinator, title="Voorjaar", message="Wat wil je leren?",
            closes_on=timezone.localdate() + dt.timedelta(days=14),
        )  # fmt: skip
    assert survey.invitations.count() == 4  # the hub's four member companies
    assert any("?ronde=" in message.body for message in mail.outbox)
    need(world.hub, world.a, "VCA basis", survey=survey)
    services.survey_answer(survey=survey, organisation=world.b, actor=world.users["contact_b"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.survey_remind(survey=survey, actor=coordinator) == 2
    answered = SurveyInvitation.objects.filter(answered_at__isnull=False)
    assert {i.organisation for i in answered} == {world.a, world.b}
    assert all("Herinnering" in m.subject or "Reminder" in m.subject for m in mail.outbox)


CSV = (
    "bedrijf;onderwerp;aantal;dagdeel;vertrouwelijkheid\n"
    "{a};warmtepomp basis;3;avond;anoniem\n"
    "{b};VCA basis;2;dag;open\n"
)


def test_import_csv_and_xlsx(world):
    content = CSV.format(a=world.a.slug, b=world.b.name).encode()
    rows = imports.parse_needs(hub=world.hub, content=content, filename="behoeften.csv")
    needs = services.needs_import(hub=world.hub, actor=world.users["coordinator"], rows=rows)
    assert [n.daypart for n in needs] == ["evening", "daytime"]
    book = Workbook()
    sheet = book.active
    sheet.append(["bedrijf", "onderwerp", "aantal", "dagen"])
    sheet.append([world.c.slug, "F-gassen", 2, "ma,wo"])
    path = world.hub.slug + ".xlsx"
    from io import BytesIO

    buffer = BytesIO()
    book.save(buffer)
    [row] = imports.parse_needs(hub=world.hub, content=buffer.getvalue(), filename=path)
    assert row["weekdays"] == [0, 2] and row["people"] == 2


def test_an_import_with_errors_imports_nothing_and_names_every_row(world):
    content = (
        "bedrijf,onderwerp,aantal,dagdeel\n"
        f"{world.a.slug},warmtepomp,3,avond\n"
        "onbekend,VCA,0,nacht\n"
        f"{world.outsider.slug},,2,dag\n"
    ).encode()
    with pytest.raises(ImportFailed) as failed:
        imports.parse_needs(hub=world.hub, content=content, filename="x.csv")
    rows = failed.value.rows
    assert {number for number, _ in rows} == {3, 4}
    assert len([1 for number, _ in rows if number == 3]) == 3  # company, count, daypart
    assert Need.objects.count() == 0


def test_an_import_without_the_required_columns(world):
    with pytest.raises(ImportFailed) as failed:
        imports.parse_needs(hub=world.hub, content=b"naam;iets\nx;y\n", filename="x.csv")
    assert failed.value.rows[0][0] == 1
