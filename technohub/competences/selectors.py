"""Reads about competences, plans, passports and certificates, scoped to the actor."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from technohub.catalogue.models import Course, Edition
from technohub.competences import access
from technohub.competences.models import (
    Certificate,
    Competence,
    CompetenceRecord,
    DevelopmentPlan,
    Evidence,
    Framework,
    Goal,
    LearningOutcome,
    PassportShare,
    RecognitionRequest,
    RoleProfile,
    RoleRequirement,
)
from technohub.competences.services import token_hash
from technohub.enrolment.models import Enrolment
from technohub.hubs import access as hub_access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Hub, Organisation, Person, User
from technohub.hubs.names import surname_order


def holds_credential(*, person: Person, course: Course) -> bool:
    """True when `person` holds a valid (issued, not revoked, not expired) certificate of `course`.

    The agenda calls this before booking equipment that requires the course's credential.
    """
    return Certificate.objects.valid().filter(person=person, course=course).exists()


# --- the framework (public: frameworks are not confidential) ---------------------------------


def frameworks_of_hub(*, hub: Hub) -> QuerySet[Framework]:
    return Framework.objects.filter(hub=hub).prefetch_related(
        Prefetch(
            "competences",
            queryset=Competence.objects.select_related("parent").prefetch_related(
                "aligned_with__framework"
            ),
        )
    )


def competences_of_hub(*, hub: Hub) -> QuerySet[Competence]:
    return Competence.objects.filter(framework__hub=hub).select_related("framework")


def own_competences_of_hub(*, hub: Hub) -> QuerySet[Competence]:
    """The competences people are measured against (not the imported reference concepts)."""
    return competences_of_hub(hub=hub).filter(framework__source=Framework.Source.OWN)


def role_profiles_of_hub(*, hub: Hub) -> QuerySet[RoleProfile]:
    return RoleProfile.objects.filter(hub=hub).prefetch_related(
        Prefetch("requirements", queryset=RoleRequirement.objects.select_related("competence"))
    )


def outcomes_of_course(*, course: Course) -> QuerySet[LearningOutcome]:
    return LearningOutcome.objects.filter(course=course).select_related("competence__framework")


# --- the passport ----------------------------------------------------------------------------


@dataclass
class HeldCompetence:
    competence: Competence
    level: int
    evidence: list[CompetenceRecord] = field(default_factory=list)


@dataclass
class Passport:
    person: Person
    certificates: list[Certificate]
    courses: list[Enrolment]
    study_hours: Decimal
    competences: list[HeldCompetence]
    recognitions: list[RecognitionRequest]

    @property
    def valid_certificates(self) -> list[Certificate]:
        return [c for c in self.certificates if c.status_at() == "valid"]


def _live_records(person: Person) -> QuerySet[CompetenceRecord]:
    """Evidence that still counts: recognitions, and valid (not revoked/expired) certificates."""
    now = timezone.now()
    return CompetenceRecord.objects.filter(person=person).filter(
        Q(certificate__isnull=True)
        | (
            Q(certificate__revoked_at__isnull=True)
            & (Q(certificate__expires_at__isnull=True) | Q(certificate__expires_at__gt=now))
        )
    )


def held_competences(*, person: Person) -> list[HeldCompetence]:
    held: dict[int, HeldCompetence] = {}
    records = _live_records(person).select_related(
        "competence__framework", "certificate", "recognition"
    )
    for record in records.order_by("competence__code", "-level"):
        item = held.setdefault(
            record.competence_id, HeldCompetence(record.competence, record.level)
        )
        item.level = max(item.level, record.level)
        item.evidence.append(record)
    return list(held.values())


def held_level(*, person: Person, competence: Competence) -> int | None:
    """The highest level the person holds the competence at, with evidence that still counts."""
    levels = _live_records(person).filter(competence=competence).values_list("level", flat=True)
    return max(levels, default=None)


def passport_of(*, person: Person) -> Passport:
    """Everything a person's passport shows. Callers check access first (`access_person`)."""
    courses = list(
        Enrolment.objects.filter(person=person, status=Enrolment.Status.COMPLETED)
        .select_related("edition__course", "edition__hub")
        .order_by("-edition__ends_on")
    )
    hours = sum((e.edition.course.study_hours for e in courses), Decimal("0"))
    return Passport(
        person=person,
        certificates=list(
            Certificate.objects.filter(person=person).select_related("hub", "course")
        ),
        courses=courses,
        study_hours=hours,
        competences=held_competences(person=person),
        recognitions=list(
            RecognitionRequest.objects.filter(person=person)
            .select_related("competence__framework")
            .prefetch_related("evidence")
        ),
    )


def access_certificate_of_holder(*, actor: User, public_id) -> Certificate:
    """A certificate of the actor themself or of someone they manage; NotFound otherwise."""
    certificate = (
        Certificate.objects.select_related("person", "hub", "course")
        .filter(public_id=public_id)
        .first()
    )
    if certificate is None or not access.may_view(actor, certificate.person):
        raise NotFound()
    return certificate


def passport_shares_of(*, person: Person) -> QuerySet[PassportShare]:
    return PassportShare.objects.filter(person=person)


def shared_passport(*, token: str) -> PassportShare | None:
    """The active share for a token, looked up by its hash (no timing leak on the token)."""
    if not token or len(token) > 100:
        return None
    share = (
        PassportShare.objects.select_related("person").filter(token_hash=token_hash(token)).first()
    )
    return share if share is not None and share.is_active else None


def public_certificate(*, public_id) -> Certificate | None:
    return (
        Certificate.objects.select_related("person", "hub", "course")
        .filter(public_id=public_id)
        .first()
    )


# --- development plans -----------------------------------------------------------------------


def plan_of(*, person: Person) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.select_related(
            "role_profile", "manager", "agreed_by__person", "closed_by__person"
        )
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.select_related("competence", "course").order_by(
                    "target_date", "pk"
                ),
            )
        )
        .filter(person=person)
        .first()
    )


def plans_needing_attention(*, actor: User) -> list[DevelopmentPlan]:
    """For a manager's home: plans of their people that wait for agreement or have goals due."""
    organisations = list(hub_access.contact_organisation_ids(actor))
    soon = timezone.localdate() + dt.timedelta(days=14)
    return list(
        DevelopmentPlan.objects.filter(Q(person__employer_id__in=organisations) | Q(manager=actor))
        .exclude(status=DevelopmentPlan.Status.CLOSED)
        .filter(
            Q(status=DevelopmentPlan.Status.DRAFT, goals__isnull=False)
            | Q(
                goals__status__in=(Goal.Status.OPEN, Goal.Status.IN_PROGRESS),
                goals__target_date__lte=soon,
            )
        )
        .select_related("person")
        .distinct()
        .order_by(*surname_order("person__"))[:20]
    )


# --- the team view ---------------------------------------------------------------------------


@dataclass
class Cell:
    level: int  # 0 = none
    required: int  # 0 = not required by the person's role profile

    @property
    def gap(self) -> int:
        return max(self.required - self.level, 0)

    @property
    def state(self) -> str:
        if self.required and self.level >= self.required:
            return "met"
        if self.required:
            return "gap"
        return "held" if self.level else "none"


@dataclass
class TeamRow:
    person: Person
    profile: RoleProfile | None
    cells: list[Cell]
    plan_status: str | None

    @property
    def gaps(self) -> int:
        return sum(1 for c in self.cells if c.gap)


@dataclass
class Suggestion:
    competence: Competence
    people: list[Person]
    editions: list[Edition]


@dataclass
class TeamMatrix:
    competences: list[Competence]
    rows: list[TeamRow]
    suggestions: list[Suggestion]


def team_matrix(*, organisation: Organisation, people: list[Person] | None = None) -> TeamMatrix:
    """Persons × competences of one organisation: level held, level their role profile needs,
    and upcoming editions whose outcomes close the gaps. Callers check the actor is a contact
    of `organisation` (see `access_team`). A fixed number of queries, whatever the team size."""
    people = (
        people if people is not None else list(organisation.employees.order_by(*surname_order()))
    )
    person_ids = [p.pk for p in people]
    plans = {
        p.person_id: p
        for p in DevelopmentPlan.objects.filter(person_id__in=person_ids).select_related(
            "role_profile"
        )
    }
    profile_ids = {p.role_profile_id for p in plans.values() if p.role_profile_id}
    requirements: dict[int, dict[int, int]] = defaultdict(dict)
    for r in RoleRequirement.objects.filter(profile_id__in=profile_ids):
        requirements[r.profile_id][r.competence_id] = r.level
    now = timezone.now()
    held: dict[tuple[int, int], int] = {}
    records = CompetenceRecord.objects.filter(person_id__in=person_ids).filter(
        Q(certificate__isnull=True)
        | (
            Q(certificate__revoked_at__isnull=True)
            & (Q(certificate__expires_at__isnull=True) | Q(certificate__expires_at__gt=now))
        )
    )
    for person_id, competence_id, level in records.values_list(
        "person_id", "competence_id", "level"
    ):
        key = (person_id, competence_id)
        held[key] = max(held.get(key, 0), level)
    competence_ids = {c for _p, c in held} | {
        c for profile in requirements.values() for c in profile
    }
    competences = list(
        Competence.objects.filter(pk__in=competence_ids)
        .select_related("framework")
        .order_by("framework__name", "code")
    )
    rows = []
    gaps: dict[int, list[tuple[Person, int]]] = defaultdict(list)
    for person in people:
        plan = plans.get(person.pk)
        needed = requirements.get(plan.role_profile_id, {}) if plan and plan.role_profile_id else {}
        cells = []
        for competence in competences:
            cell = Cell(held.get((person.pk, competence.pk), 0), needed.get(competence.pk, 0))
            if cell.gap:
                gaps[competence.pk].append((person, cell.required))
            cells.append(cell)
        rows.append(
            TeamRow(
                person, plan.role_profile if plan else None, cells, plan.status if plan else None
            )
        )
    return TeamMatrix(competences, rows, _suggestions(competences, gaps))


def _suggestions(
    competences: list[Competence], gaps: dict[int, list[tuple[Person, int]]]
) -> list[Suggestion]:
    """For each competence with a gap: upcoming open editions of courses teaching it at the
    level needed by at least one person with the gap (two queries)."""
    if not gaps:
        return []
    outcomes = LearningOutcome.objects.filter(competence_id__in=gaps).values_list(
        "competence_id", "course_id", "level"
    )
    courses_for: dict[int, set[int]] = defaultdict(set)
    for competence_id, course_id, level in outcomes:
        if any(level >= required for _p, required in gaps[competence_id]):
            courses_for[competence_id].add(course_id)
    all_courses = set().union(*courses_for.values()) if courses_for else set()
    editions_by_course: dict[int, list[Edition]] = defaultdict(list)
    for edition in (
        Edition.objects.filter(
            course_id__in=all_courses,
            status__in=(Edition.Status.PUBLISHED, Edition.Status.RUNNING),
        )
        .filter(Q(starts_on__gte=timezone.localdate()) | Q(enrolment_closes_at__gt=timezone.now()))
        .select_related("course", "hub")
        .order_by("starts_on")
    ):
        editions_by_course[edition.course_id].append(edition)
    result = []
    for competence in competences:
        if competence.pk not in gaps:
            continue
        editions = sorted(
            (e for c in courses_for.get(competence.pk, ()) for e in editions_by_course[c][:2]),
            key=lambda e: e.starts_on,
        )
        result.append(Suggestion(competence, [p for p, _r in gaps[competence.pk]], editions[:3]))
    return result


# --- the back office -------------------------------------------------------------------------


def certificates_of_hub(*, hub: Hub) -> QuerySet[Certificate]:
    return Certificate.objects.filter(hub=hub).select_related("person", "course")


def recognition_requests_of_hub(*, hub: Hub) -> QuerySet[RecognitionRequest]:
    return (
        RecognitionRequest.objects.filter(competence__framework__hub=hub)
        .select_related("person__employer", "competence", "decided_by")
        .prefetch_related("evidence")
    )


def recognition_requests_to_assess(*, actor: User) -> QuerySet[RecognitionRequest]:
    """For a trainer: the open requests for competences that courses they teach lead to (in
    those courses' hubs), never their own. Coordinators use their hub's back office."""
    courses = access.courses_taught_by(actor)
    return (
        RecognitionRequest.objects.filter(
            status=RecognitionRequest.Status.SUBMITTED,
            competence__outcomes__course__in=courses,
        )
        .exclude(person__user=actor)
        .select_related("person", "competence")
        .distinct()
        .order_by("submitted_at", "pk")
    )


def access_recognition_request(*, actor: User, request_id: int) -> RecognitionRequest:
    """For the holder or an assessor of the competence's hub; NotFound otherwise."""
    request = (
        RecognitionRequest.objects.select_related("person", "competence__framework")
        .filter(pk=request_id)
        .first()
    )
    if request is None or not (
        access.is_self(actor, request.person) or access.may_assess(actor, request)
    ):
        raise NotFound()
    return request


def assessable_enrolments(*, edition: Edition) -> QuerySet[Enrolment]:
    return (
        edition.enrolments.filter(status__in=Enrolment.SEAT_HOLDING)
        .select_related("person", "assessment_result")
        .order_by(*surname_order("person__"))
    )


def hubs_of_person(*, person: Person) -> QuerySet[Hub]:
    """The hubs a person deals with: their employer's memberships and where they enrolled."""
    return Hub.objects.filter(
        Q(memberships__organisation_id=person.employer_id) | Q(editions__enrolments__person=person)
    ).distinct()


def competences_for_person(*, person: Person) -> QuerySet[Competence]:
    return (
        Competence.objects.filter(
            framework__hub__in=hubs_of_person(person=person), framework__source=Framework.Source.OWN
        )
        .select_related("framework")
        .order_by("framework__name", "code")
    )


def role_profiles_for_person(*, person: Person) -> QuerySet[RoleProfile]:
    return RoleProfile.objects.filter(hub__in=hubs_of_person(person=person)).order_by("name")


def courses_for_person(*, person: Person) -> QuerySet[Course]:
    return Course.objects.filter(hub__in=hubs_of_person(person=person)).order_by("title")


def access_goal(*, plan: DevelopmentPlan, goal_id: int) -> Goal:
    goal = Goal.objects.filter(plan=plan, pk=goal_id).first()
    if goal is None:
        raise NotFound()
    return goal


def access_share(*, person: Person, share_id: int) -> PassportShare:
    share = PassportShare.objects.filter(person=person, pk=share_id).first()
    if share is None:
        raise NotFound()
    return share


def access_evidence(*, actor: User, evidence_id: int) -> Evidence:
    evidence = Evidence.objects.select_related("request").filter(pk=evidence_id).first()
    if evidence is None:
        raise NotFound()
    access_recognition_request(actor=actor, request_id=evidence.request_id)
    return evidence


def access_taught_edition(*, actor: User, edition_id: int) -> Edition:
    """An edition the actor teaches, or one of a hub they coordinate; NotFound otherwise."""
    person = hub_access.person_of(actor)
    edition = Edition.objects.select_related("course", "hub").filter(pk=edition_id).first()
    if edition is None or not (
        (person is not None and edition.trainer_id == person.pk)
        or hub_access.is_coordinator(actor, edition.hub_id)
    ):
        raise NotFound()
    return edition
