"""Reads of the demand area.

`member_funnel` is the ONE way any member-facing page, export, chart or API answer reads
demand (docs/funnel.md, "Confidentiality"). It aggregates per topic only; every number it
returns is over at least k companies other than the viewer's own; coordinator-only needs are
filtered out in its query, before anything is counted; filters select whole topics and never
sub-aggregate needs. The coordinator's reads (`coordinator_board`, `needs_of_hub`) take a hub
the caller has already checked the actor coordinates.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.demand import access as demand_access
from technohub.demand.models import (
    FunnelSettings,
    Need,
    SensitivityFlag,
    SurveyInvitation,
    SurveyRound,
    Topic,
    TopicDecision,
    TopicInvitation,
)
from technohub.demand.services import funnel_settings_of
from technohub.enrolment.models import SeatPool
from technohub.hubs import access
from technohub.hubs.errors import NotFound
from technohub.hubs.models import AuditEntry, Hub, Membership, Organisation, Role, Sector, User

Stage = Topic.Stage
BAND = 5  # members see participants in bands of five

# What a member sees of the stage: early stages all read "collecting interest", so that a
# coordinator's decision based on coordinator-only needs shows nothing.
MEMBER_STAGES = {
    Stage.SIGNALLED: "collecting",
    Stage.GROUPED: "collecting",
    Stage.SHAREABLE: "collecting",
    Stage.CRITICAL_MASS: "collecting",
    Stage.PROVIDER_FOUND: "provider_found",
    Stage.PLANNED: "planned",
    Stage.RUNNING: "running",
    Stage.EVALUATED: "evaluated",
}


@dataclass(frozen=True)
class Viewer:
    """Who is looking: their companies (need owners) and their start-team sectors."""

    organisation_ids: frozenset[int]
    sector_ids: frozenset[int] = frozenset()
    person_id: int | None = None


def viewer_of_user(user: User, hub: Hub) -> Viewer:
    person = access.person_of(user)
    return Viewer(
        organisation_ids=frozenset(access.contact_organisation_ids(user)),
        sector_ids=demand_access.start_team_sector_ids(user),
        person_id=person.pk if person else None,
    )


def viewer_of_organisation(organisation: Organisation) -> Viewer:
    return Viewer(organisation_ids=frozenset({organisation.pk}))


def may_view_funnel(viewer: Viewer, hub: Hub) -> bool:
    """Member companies of the hub and start-team members of its sectors."""
    if viewer.sector_ids & set(hub.sectors.values_list("pk", flat=True)):
        return True
    return Membership.objects.filter(
        hub=hub, organisation_id__in=viewer.organisation_ids, status=Membership.Status.MEMBER
    ).exists()


def funnel_hubs_of_user(user: User) -> list[Hub]:
    """Hubs whose member funnel the user may see."""
    if not user.is_authenticated:
        return []
    query = Q(
        memberships__organisation_id__in=access.contact_organisation_ids(user),
        memberships__status=Membership.Status.MEMBER,
    ) | Q(sectors__in=demand_access.start_team_sector_ids(user))
    return list(Hub.objects.filter(query).distinct().order_by("name"))


def access_member_hub(*, user: User, slug: str) -> tuple[Hub, Viewer]:
    hub = Hub.objects.filter(slug=slug).first()
    if hub is None:
        raise NotFound()
    viewer = viewer_of_user(user, hub)
    if not may_view_funnel(viewer, hub):
        raise NotFound()
    return hub, viewer


@dataclass(frozen=True)
class TopicView:
    """What a member may see of one topic: aggregates over at least k other companies.

    `companies_at_least` is the hub's k, never an exact count: one company joining or leaving
    must not move a figure (docs/funnel.md, rule 5)."""

    id: int
    label: str
    sector_id: int | None
    sector: str
    stage: str
    companies_at_least: int
    participants_low: int
    participants_high: int
    named: tuple[str, ...]
    own_people: int
    critical_mass: bool
    sensitive: bool
    flagged_by_viewer: bool
    may_flag: bool


def _band(total: int) -> tuple[int, int]:
    low = (total // BAND) * BAND
    return max(low, 1), low + BAND - 1


@dataclass
class _Tally:
    people: int = 0
    by_org: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    open_names: dict[int, str] = field(default_factory=dict)


def _tallies(hub: Hub) -> dict[int, _Tally]:
    """Counted needs only: open, and open or anonymous. Coordinator-only needs never get here."""
    rows = Need.objects.filter(
        hub=hub,
        status=Need.Status.OPEN,
        topic__isnull=False,
        confidentiality__in=(Need.Confidentiality.OPEN, Need.Confidentiality.ANONYMOUS),
    ).values_list("topic_id", "organisation_id", "organisation__name", "people", "confidentiality")
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for topic_id, org_id, name, people, confidentiality in rows:
        tally = tallies[topic_id]
        tally.people += people
        tally.by_org[org_id] += people
        if confidentiality == Need.Confidentiality.OPEN:
            tally.open_names[org_id] = name
    return tallies


def member_funnel(*, viewer: Viewer, hub: Hub, sector: Sector | None = None) -> list[TopicView]:
    """The topics of `hub` this viewer may see, with their aggregates.

    A topic is shown only when at least k companies other than the viewer's own have counted
    needs in it; it is never shown parked or rejected; a competition-sensitive topic only to
    start-team members of its sector. `sector` selects topics by the topic's sector: a topic
    shows the same numbers with or without the filter.
    """
    settings: FunnelSettings = funnel_settings_of(hub)
    k = max(settings.k_anonymity, 2)
    tallies = _tallies(hub)
    topics = (
        Topic.objects.filter(pk__in=list(tallies))
        .exclude(stage__in=(Stage.PARKED, Stage.REJECTED))
        .select_related("sector")
        .prefetch_related(
            Prefetch("flags", queryset=SensitivityFlag.objects.only("topic_id", "person_id"))
        )
        .order_by("label", "id")
    )
    if sector is not None:
        topics = topics.filter(sector=sector)
    views = []
    for topic in topics:
        tally = tallies[topic.pk]
        others = set(tally.by_org) - viewer.organisation_ids
        if len(others) < k:
            continue
        flags = list(topic.flags.all())
        in_team = topic.sector_id is not None and topic.sector_id in viewer.sector_ids
        if flags and not in_team:
            continue
        low, high = _band(tally.people)
        own_people = sum(tally.by_org.get(pk, 0) for pk in viewer.organisation_ids)
        views.append(
            TopicView(
                id=topic.pk,
                label=topic.label,
                sector_id=topic.sector_id,
                sector=topic.sector.name if topic.sector else "",
                stage=MEMBER_STAGES[topic.stage],
                companies_at_least=k,
                participants_low=low,
                participants_high=high,
                named=tuple(sorted(tally.open_names.values())),
                own_people=own_people,
                # from the shown figures only, so that it never flips on one hidden company
                critical_mass=k + bool(own_people) >= settings.min_companies
                and low >= settings.min_participants,
                sensitive=bool(flags),
                flagged_by_viewer=any(f.person_id == viewer.person_id for f in flags),
                may_flag=in_team and viewer.person_id is not None,
            )
        )
    return views


def chart_data(rows: list, *, value: str, sectors_label: str) -> dict:
    """Chart.js data for demand per sector and topic: one dataset per sector."""
    labels = [row.label for row in rows]
    sectors = sorted({row.sector or sectors_label for row in rows})
    datasets = []
    for name in sectors:
        data = [
            getattr(row, value) if (row.sector or sectors_label) == name else None for row in rows
        ]
        datasets.append({"label": name, "data": data})
    return {"labels": labels, "datasets": datasets}


# --- the coordinator's reads ------------------------------------------------------------------


@dataclass(frozen=True)
class BoardTopic:
    """A topic on the coordinator's board: every open need counted, coordinator-only too."""

    topic: Topic
    label: str
    sector: str
    companies: int
    people: int
    needs: int
    hidden_needs: int
    visible_companies: int
    reaches: bool
    sensitive: bool


def coordinator_board(*, hub: Hub, sector: Sector | None = None) -> list[BoardTopic]:
    settings = funnel_settings_of(hub)
    open_needs = Q(needs__status=Need.Status.OPEN)
    counted = open_needs & ~Q(needs__confidentiality=Need.Confidentiality.COORDINATOR)
    topics = (
        Topic.objects.filter(hub=hub)
        .select_related("sector", "edition")
        .annotate(
            n_companies=Count("needs__organisation", filter=open_needs, distinct=True),
            n_people=Sum("needs__people", filter=open_needs),
            n_needs=Count("needs", filter=open_needs),
            n_hidden=Count(
                "needs",
                filter=open_needs & Q(needs__confidentiality=Need.Confidentiality.COORDINATOR),
            ),
            n_visible=Count("needs__organisation", filter=counted, distinct=True),
            n_flags=Count("flags", distinct=True),
        )
        .order_by("label", "id")
    )
    if sector is not None:
        topics = topics.filter(sector=sector)
    board = []
    for topic in topics:
        people = topic.n_people or 0
        board.append(
            BoardTopic(
                topic=topic,
                label=topic.label,
                sector=topic.sector.name if topic.sector else "",
                companies=topic.n_companies,
                people=people,
                needs=topic.n_needs,
                hidden_needs=topic.n_hidden,
                visible_companies=topic.n_visible,
                reaches=topic.n_companies >= settings.min_companies
                and people >= settings.min_participants,
                sensitive=topic.n_flags > 0,
            )
        )
    return board


def access_topic(*, hub: Hub, topic_id: int) -> Topic:
    topic = (
        Topic.objects.select_related("sector", "course", "edition")
        .filter(hub=hub, pk=topic_id)
        .first()
    )
    if topic is None:
        raise NotFound()
    return topic


def needs_of_topic(topic: Topic) -> QuerySet[Need]:
    return topic.needs.select_related("organisation", "sector").order_by(
        "status", "organisation__name", "id"
    )


def decisions_of_topic(topic: Topic) -> QuerySet[TopicDecision]:
    return topic.decisions.select_related("actor__person")


def needs_of_hub(*, hub: Hub) -> QuerySet[Need]:
    return Need.objects.filter(hub=hub).select_related("organisation", "topic", "sector")


def access_need(*, hub: Hub, need_id: int) -> Need:
    need = Need.objects.select_related("organisation", "topic").filter(hub=hub, pk=need_id).first()
    if need is None:
        raise NotFound()
    return need


def needs_of_organisation(*, organisation: Organisation) -> QuerySet[Need]:
    """A company's own needs (all of them: they are its own)."""
    return Need.objects.filter(organisation=organisation).select_related("hub", "topic", "sector")


def access_own_need(*, organisation: Organisation, need_id: int) -> Need:
    need = needs_of_organisation(organisation=organisation).filter(pk=need_id).first()
    if need is None:
        raise NotFound()
    return need


def hubs_of_organisation(organisation: Organisation) -> QuerySet[Hub]:
    """Hubs where the company may state needs (it has a membership record)."""
    return Hub.objects.filter(memberships__organisation=organisation).distinct().order_by("name")


def surveys_of_hub(*, hub: Hub) -> QuerySet[SurveyRound]:
    return (
        SurveyRound.objects.filter(hub=hub)
        .select_related("sector")
        .annotate(
            n_invited=Count("invitations"),
            n_answered=Count("invitations", filter=Q(invitations__answered_at__isnull=False)),
        )
    )


def access_survey(*, hub: Hub, survey_id: int) -> SurveyRound:
    survey = surveys_of_hub(hub=hub).filter(pk=survey_id).first()
    if survey is None:
        raise NotFound()
    return survey


def open_surveys_of_organisation(organisation: Organisation) -> QuerySet[SurveyInvitation]:
    return (
        organisation_invitations(organisation)
        .filter(survey__closes_on__gte=timezone.localdate())
        .order_by("survey__closes_on")
    )


def organisation_invitations(organisation: Organisation) -> QuerySet[SurveyInvitation]:
    return SurveyInvitation.objects.filter(organisation=organisation).select_related(
        "survey__hub", "survey__sector"
    )


def _with_pool_state(invitations: QuerySet[TopicInvitation]) -> QuerySet[TopicInvitation]:
    """Each invitation with the state of its seat pool while that is open: `pool_id`,
    `pool_unnamed` (seats still to name) and `pool_release_at` (when the unnamed seats go back
    to the edition); all None once the pool is released or due."""
    now = timezone.now()
    pools = SeatPool.objects.filter(
        Q(release_at__isnull=True) | Q(release_at__gt=now),
        edition_id=OuterRef("edition_id"),
        organisation_id=OuterRef("organisation_id"),
        released_at__isnull=True,
    )
    return invitations.select_related("edition__course", "edition__hub", "topic").annotate(
        pool_id=Subquery(pools.values("pk")[:1]),
        pool_release_at=Subquery(pools.values("release_at")[:1]),
        pool_unnamed=Subquery(pools.annotate(n=F("seats") - F("named")).values("n")[:1]),
    )


def first_right_invitations(organisation_ids) -> QuerySet[TopicInvitation]:
    """The companies' own first-right invitations, newest first, with their pools' state."""
    invitations = TopicInvitation.objects.filter(organisation_id__in=organisation_ids)
    return _with_pool_state(invitations).order_by("-sent_at", "-id")


def invitations_of_topic(topic: Topic) -> QuerySet[TopicInvitation]:
    """Who was invited from the topic (the coordinator's view), with their pools' state."""
    invitations = topic.invitations.select_related("organisation")
    return _with_pool_state(invitations).order_by("organisation__name")


def open_first_right(organisation_ids) -> list[TopicInvitation]:
    """Invitations whose reserved seats still wait for names (one query), soonest deadline
    first: what the company should act on."""
    live = (Edition.Status.DRAFT, Edition.Status.PUBLISHED, Edition.Status.RUNNING)
    return list(
        first_right_invitations(organisation_ids)
        .filter(pool_reserved=True, pool_unnamed__gt=0, edition__status__in=live)
        .order_by(F("pool_release_at").asc(nulls_last=True), "id")
    )


def mark_invitation_delivery(invitations: list[TopicInvitation]) -> list[TopicInvitation]:
    """Set `mailed` (a first-right mail went out: audited `topic_invitation.mailed`) and
    `reachable` (the company has a contact with a login now) on each invitation; two queries."""
    ids = [str(i.pk) for i in invitations]
    mailed = set(
        AuditEntry.objects.filter(
            action="topic_invitation.mailed",
            target_type=TopicInvitation._meta.label_lower,
            target_id__in=ids,
        ).values_list("target_id", flat=True)
    )
    reachable = set(
        Role.objects.filter(
            kind=Role.Kind.CONTACT,
            organisation_id__in={i.organisation_id for i in invitations},
            user__is_active=True,
        ).values_list("organisation_id", flat=True)
    )
    for invitation in invitations:
        invitation.mailed = str(invitation.pk) in mailed
        invitation.reachable = invitation.organisation_id in reachable
    return invitations


def access_topic_invitation(*, topic: Topic, invitation_id) -> TopicInvitation:
    """One first-right invitation of the topic (an id from a form: anything else, NotFound)."""
    if not str(invitation_id).isdigit() or len(str(invitation_id)) > 12:
        raise NotFound()
    invitation = (
        topic.invitations.select_related("organisation", "topic").filter(pk=invitation_id).first()
    )
    if invitation is None:
        raise NotFound()
    return invitation
