"""Writes of the demand area: needs, grouping, the funnel, first-right invitations, surveys.

Every service re-checks the actor; confidentiality changes and seat reservations are audited.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from technohub.catalogue import services as catalogue_services
from technohub.catalogue.models import Course, Edition
from technohub.demand import access as demand_access
from technohub.demand import grouping, notifications
from technohub.demand.errors import (
    CompetitionSensitive,
    InvalidTopicChange,
    NotAMember,
    ReasonRequired,
)
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
from technohub.enrolment import services as enrolment_services
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Hub, Membership, Organisation, Sector, User

Stage = Topic.Stage
EARLY_STAGES = (Stage.SIGNALLED, Stage.GROUPED)
JOINT_STAGES = (
    Stage.SHAREABLE,
    Stage.CRITICAL_MASS,
    Stage.PROVIDER_FOUND,
    Stage.PLANNED,
    Stage.RUNNING,
    Stage.EVALUATED,
)
FIRST_RIGHT_DAYS = 14  # reserved seats of the companies that asked are kept this long
NEED_FIELDS = (
    "text",
    "people",
    "level",
    "timeframe",
    "weekdays",
    "daypart",
    "place",
    "confidentiality",
    "sector",
    "course",
)


def _ensure_coordinator(actor: User | None, hub_id: int) -> None:
    if actor is not None and not access.is_coordinator(actor, hub_id):
        raise NotAllowed()


def _decide(topic: Topic, *, actor: User | None, action: str, note: str = "", **stages) -> None:
    TopicDecision.objects.create(
        topic=topic,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        note=note,
        from_stage=stages.get("from_stage", ""),
        to_stage=stages.get("to_stage", ""),
    )


# --- settings ---------------------------------------------------------------------------------


def funnel_settings_of(hub: Hub) -> FunnelSettings:
    settings, _created = FunnelSettings.objects.get_or_create(hub=hub)
    return settings


@transaction.atomic
def funnel_settings_update(
    *, hub: Hub, actor: User, min_companies: int, min_participants: int, k_anonymity: int
) -> FunnelSettings:
    """The hub's thresholds; k (who sees what) is a confidentiality setting: audited."""
    _ensure_coordinator(actor, hub.pk)
    settings = funnel_settings_of(hub)
    fields = ("min_companies", "min_participants", "k_anonymity")
    before = {name: getattr(settings, name) for name in fields}
    settings.min_companies, settings.min_participants = min_companies, min_participants
    settings.k_anonymity = k_anonymity
    settings.full_clean()
    settings.save()
    after = {name: getattr(settings, name) for name in fields}
    log_action("funnel.settings", actor=actor, target=settings, before=before, after=after)
    return settings


# --- needs ------------------------------------------------------------------------------------


def _snapshot(need: Need) -> dict[str, Any]:
    return {
        "confidentiality": need.confidentiality,
        "status": need.status,
        "people": need.people,
        "topic": need.topic_id,
    }


def _clean_need(need: Need) -> None:
    need.text = " ".join(need.text.split())
    need.weekdays = sorted({int(day) for day in need.weekdays or []})
    if any(day not in range(7) for day in need.weekdays):
        raise DomainError(_("Choose days from Monday to Sunday."), field="weekdays")
    if need.sector_id and need.sector.hub_id != need.hub_id:
        raise DomainError(_("Choose a sector of this hub."), field="sector")
    if need.course_id and need.course.hub_id != need.hub_id:
        raise DomainError(_("Choose a course of this hub."), field="course")
    need.full_clean(exclude=["topic", "survey", "created_by", "organisation", "hub"])


def _mark_answered(organisation: Organisation, hub: Hub, survey: SurveyRound | None) -> None:
    invitations = SurveyInvitation.objects.filter(
        organisation=organisation, survey__hub=hub, answered_at__isnull=True
    )
    if survey is not None:
        invitations = invitations.filter(survey=survey)
    else:
        invitations = invitations.filter(survey__closes_on__gte=timezone.localdate())
    invitations.update(answered_at=timezone.now())


def _new_need(
    *,
    hub: Hub,
    organisation: Organisation,
    actor: User | None,
    source: str,
    survey: SurveyRound | None = None,
    **fields: Any,
) -> Need:
    if not demand_access.may_state_needs(actor, organisation, hub):
        raise NotAllowed()
    if not demand_access.has_membership(organisation, hub):
        raise NotAMember()
    if fields.get("sector") is None:
        membership = Membership.objects.filter(hub=hub, organisation=organisation).first()
        sectors = list(membership.sectors.all()[:2]) if membership else []
        fields["sector"] = sectors[0] if len(sectors) == 1 else None
    need = Need(
        hub=hub,
        organisation=organisation,
        source=source,
        survey=survey,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        **fields,
    )
    _clean_need(need)
    need.save()
    log_action("need.created", actor=actor, target=need, after=_snapshot(need))
    _mark_answered(organisation, hub, survey)
    return need


@transaction.atomic
def need_create(
    *,
    hub: Hub,
    organisation: Organisation,
    actor: User | None,
    source: str = Need.Source.PORTAL,
    survey: SurveyRound | None = None,
    **fields: Any,
) -> Need:
    """A company states a need (its contact, its API token: actor None, or the coordinator).

    The need is grouped into a topic at once.
    """
    need = _new_need(
        hub=hub, organisation=organisation, actor=actor, source=source, survey=survey, **fields
    )
    needs_regroup(hub=hub, actor=None)
    need.refresh_from_db()
    return need


def _ensure_owner(actor: User | None, need: Need) -> None:
    if actor is None:
        return
    if not (
        access.is_contact(actor, need.organisation_id) or access.is_coordinator(actor, need.hub_id)
    ):
        raise NotAllowed()


@transaction.atomic
def need_update(*, need: Need, actor: User | None, **fields: Any) -> Need:
    """Change a need; a changed text lets grouping place it again (unless the coordinator
    placed it). A change of who may know is audited."""
    _ensure_owner(actor, need)
    need = Need.objects.select_for_update().get(pk=need.pk)
    before = _snapshot(need)
    old_text = need.text
    for name, value in fields.items():
        if name not in NEED_FIELDS:
            raise ValueError(name)
        setattr(need, name, value)
    _clean_need(need)
    need.save()
    log_action("need.updated", actor=actor, target=need, before=before, after=_snapshot(need))
    if need.text != old_text:
        needs_regroup(hub=need.hub, actor=None)
        need.refresh_from_db()
    return need


@transaction.atomic
def need_withdraw(*, need: Need, actor: User | None) -> Need:
    _ensure_owner(actor, need)
    need = Need.objects.select_for_update().get(pk=need.pk)
    if need.status == Need.Status.WITHDRAWN:
        return need
    before = _snapshot(need)
    need.status = Need.Status.WITHDRAWN
    need.save(update_fields=["status", "updated_at"])
    log_action("need.withdrawn", actor=actor, target=need, before=before, after=_snapshot(need))
    return need


@transaction.atomic
def needs_import(*, hub: Hub, actor: User, rows: list[dict[str, Any]]) -> list[Need]:
    """Create the parsed rows of an import (see demand.imports): all of them or none."""
    _ensure_coordinator(actor, hub.pk)
    needs = [_new_need(hub=hub, actor=actor, source=Need.Source.IMPORT, **row) for row in rows]
    needs_regroup(hub=hub, actor=None)
    return needs


# --- grouping ---------------------------------------------------------------------------------


def _auto_label(needs: list[Need]) -> str:
    """The most typical wording among the needs members may count (all needs otherwise)."""
    counted = [need for need in needs if need.counted] or needs
    texts = [need.text for need in counted]
    return texts[grouping.medoid(texts)][:160]


def needs_regroup(*, hub: Hub, actor: User | None) -> int:
    """Group the hub's open needs into topics; returns the number of needs that moved.

    Needs the coordinator placed (pinned) never move. A cluster of similar needs joins the
    existing topic most of its needs are in, so topics, their stage and their decision log
    survive regrouping; a cluster without one becomes a new topic.
    """
    _ensure_coordinator(actor, hub.pk)
    needs = list(
        Need.objects.filter(hub=hub, status=Need.Status.OPEN)
        .select_related("course")
        .order_by("created_at", "id")
    )
    clusters: dict[int, list[Need]] = defaultdict(list)
    texts = [f"{need.course.title} {need.text}" if need.course else need.text for need in needs]
    for need, label in zip(needs, grouping.cluster_texts(texts), strict=True):
        clusters[label].append(need)
    claimed: set[int] = set()
    moved: list[Need] = []
    for members in sorted(clusters.values(), key=len, reverse=True):
        votes = Counter(need.topic_id for need in members if need.topic_id)
        target_id = next((pk for pk, _n in votes.most_common() if pk not in claimed), None)
        if target_id is None:
            target_id = Topic.objects.create(hub=hub, label=_auto_label(members)).pk
        claimed.add(target_id)
        for need in members:
            if not need.pinned and need.topic_id != target_id:
                need.topic_id = target_id
                moved.append(need)
    Need.objects.bulk_update(moved, ["topic"])
    _refresh_topics(hub, needs)
    return len(moved)


def _refresh_topics(hub: Hub, needs: list[Need]) -> None:
    """Names, sectors and early stages follow the needs; empty early topics go."""
    by_topic: dict[int, list[Need]] = defaultdict(list)
    for need in needs:
        by_topic[need.topic_id].append(need)
    for topic in Topic.objects.filter(hub=hub):
        members = by_topic.get(topic.pk, [])
        if not members:
            if topic.stage in EARLY_STAGES and not topic.label_locked and not topic.edition_id:
                topic.delete()
            continue
        changed = []
        if not topic.label_locked:
            label = _auto_label(members)
            if label != topic.label:
                topic.label = label
                changed.append("label")
        if topic.sector_id is None:
            sectors = Counter(n.sector_id for n in members if n.counted and n.sector_id)
            if sectors:
                topic.sector_id = sectors.most_common(1)[0][0]
                changed.append("sector")
        if topic.stage in EARLY_STAGES:
            stage = (
                Stage.GROUPED
                if len({n.organisation_id for n in members}) > 1
                else (Stage.SIGNALLED)
            )
            if stage != topic.stage:
                _decide(topic, actor=None, action="grouped", from_stage=topic.stage, to_stage=stage)
                topic.stage = stage
                changed.append("stage")
        if changed:
            topic.save(update_fields=[*changed, "updated_at"])


# --- coordinator corrections ----------------------------------------------------------------


@transaction.atomic
def topic_update(*, topic: Topic, actor: User, label: str, sector: Sector | None) -> Topic:
    """Rename a topic (grouping keeps the name from now on) and set its sector."""
    _ensure_coordinator(actor, topic.hub_id)
    label = " ".join(label.split())
    if not label:
        raise DomainError(_("Give the topic a name."), field="label")
    if sector is not None and sector.hub_id != topic.hub_id:
        raise DomainError(_("Choose a sector of this hub."), field="sector")
    note = f"{topic.label} → {label}" if label != topic.label else ""
    topic.label, topic.label_locked, topic.sector = label, True, sector
    topic.save(update_fields=["label", "label_locked", "sector", "updated_at"])
    _decide(topic, actor=actor, action="renamed", note=note)
    return topic


@transaction.atomic
def topic_merge(*, source: Topic, target: Topic, actor: User) -> Topic:
    """All needs of `source` move to `target` (placed: grouping keeps them there)."""
    _ensure_coordinator(actor, source.hub_id)
    if source.pk == target.pk or source.hub_id != target.hub_id:
        raise InvalidTopicChange()
    source.needs.update(topic=target, pinned=True)
    target.needs.update(pinned=True)
    _decide(target, actor=actor, action="merged", note=source.label)
    log_action("topic.merged", actor=actor, target=target, before={"source": source.pk})
    source.delete()
    return target


@transaction.atomic
def topic_split(*, topic: Topic, needs: Iterable[Need], actor: User, label: str) -> Topic:
    """Move the chosen needs into a new topic; both sides are placed (grouping keeps them)."""
    _ensure_coordinator(actor, topic.hub_id)
    ids = {need.pk for need in needs}
    if not ids or not ids < set(topic.needs.values_list("pk", flat=True)):
        raise InvalidTopicChange(
            _("Choose some, but not all, of the topic's needs for the new topic."), field="needs"
        )
    label = " ".join(label.split())
    if not label:
        raise DomainError(_("Give the new topic a name."), field="label")
    new = Topic.objects.create(
        hub_id=topic.hub_id, label=label, label_locked=True, sector=topic.sector,
        stage=Stage.GROUPED,
    )  # fmt: skip
    Need.objects.filter(pk__in=ids).update(topic=new, pinned=True)
    topic.needs.update(pinned=True)
    _decide(topic, actor=actor, action="split", note=label)
    _decide(new, actor=actor, action="split", note=topic.label)
    return new


@transaction.atomic
def need_move(*, need: Need, topic: Topic, actor: User) -> Need:
    """The coordinator places a need in another topic; grouping will not move it back."""
    _ensure_coordinator(actor, need.hub_id)
    if topic.hub_id != need.hub_id:
        raise InvalidTopicChange()
    old = need.topic
    need.topic, need.pinned = topic, True
    need.save(update_fields=["topic", "pinned", "updated_at"])
    _decide(topic, actor=actor, action="need_in", note=old.label if old else "")
    if old is not None:
        _decide(old, actor=actor, action="need_out", note=topic.label)
    return need


@transaction.atomic
def need_pin(*, need: Need, actor: User, pinned: bool) -> Need:
    """Keep a need where it is (pinned) or let grouping place it again."""
    _ensure_coordinator(actor, need.hub_id)
    need.pinned = pinned
    need.save(update_fields=["pinned", "updated_at"])
    return need


# --- the funnel -------------------------------------------------------------------------------


def is_sensitive(topic: Topic) -> bool:
    return topic.flags.exists()


def reaches_thresholds(topic: Topic, settings: FunnelSettings) -> bool:
    """Critical mass by all open needs (the coordinator's view)."""
    open_needs = topic.needs.filter(status=Need.Status.OPEN)
    companies = open_needs.values("organisation").distinct().count()
    people = sum(open_needs.values_list("people", flat=True))
    return companies >= settings.min_companies and people >= settings.min_participants


@transaction.atomic
def topic_move_stage(*, topic: Topic, stage: str, actor: User, reason: str = "") -> Topic:
    """Move a topic through the funnel; logged with who, when and why."""
    _ensure_coordinator(actor, topic.hub_id)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if stage not in Stage.values or stage == topic.stage:
        raise InvalidTopicChange()
    reason = reason.strip()
    if stage in (Stage.PARKED, Stage.REJECTED) and not reason:
        raise ReasonRequired()
    if stage in JOINT_STAGES and is_sensitive(topic):
        raise CompetitionSensitive()
    if stage == Stage.CRITICAL_MASS and not reaches_thresholds(
        topic, funnel_settings_of(topic.hub)
    ):
        raise InvalidTopicChange(_("This topic does not reach the hub's thresholds yet."))
    _decide(topic, actor=actor, action="stage", from_stage=topic.stage, to_stage=stage, note=reason)
    topic.stage, topic.stage_reason = stage, reason
    topic.save(update_fields=["stage", "stage_reason", "updated_at"])
    return topic


@transaction.atomic
def topic_flag(*, topic: Topic, actor: User, reason: str = "") -> SensitivityFlag:
    """A start-team member of the topic's sector flags it as competition-sensitive (audited)."""
    person = access.person_of(actor)
    if person is None or topic.sector_id not in demand_access.start_team_sector_ids(actor):
        raise NotAllowed()
    flag, created = SensitivityFlag.objects.get_or_create(
        topic=topic, person=person, defaults={"reason": reason.strip()[:300]}
    )
    if created:
        log_action("topic.flagged", actor=actor, target=topic, after={"person": person.pk})
        _decide(topic, actor=actor, action="flagged", note=flag.reason)
    return flag


@transaction.atomic
def topic_unflag(*, topic: Topic, actor: User) -> None:
    """A start-team member withdraws their own flag."""
    person = access.person_of(actor)
    if person is None or topic.sector_id not in demand_access.start_team_sector_ids(actor):
        raise NotAllowed()
    deleted, _rows = SensitivityFlag.objects.filter(topic=topic, person=person).delete()
    if deleted:
        log_action("topic.unflagged", actor=actor, target=topic, before={"person": person.pk})
        _decide(topic, actor=actor, action="unflagged")


@transaction.atomic
def topic_edition_create(
    *,
    topic: Topic,
    actor: User,
    course: Course | None,
    course_fields: dict[str, Any],
    edition_fields: dict[str, Any],
    slots: list[tuple[dt.datetime, dt.datetime]],
) -> Edition:
    """A draft edition (and its course, unless an existing one is given) from a topic."""
    _ensure_coordinator(actor, topic.hub_id)
    if is_sensitive(topic):
        raise CompetitionSensitive()
    if topic.closed:
        raise InvalidTopicChange()
    if course is None:
        course = catalogue_services.course_create(hub=topic.hub, actor=actor, **course_fields)
    elif course.hub_id != topic.hub_id:
        raise InvalidTopicChange()
    first_day = timezone.localtime(slots[0][0]).date()
    last_day = timezone.localtime(slots[-1][0]).date()
    try:
        edition = catalogue_services.edition_create(
            course=course,
            actor=actor,
            starts_on=first_day,
            ends_on=last_day,
            status=Edition.Status.DRAFT,
            **edition_fields,
        )
    except ValidationError as exc:
        raise DomainError("; ".join(exc.messages), field="code") from exc
    from technohub.scheduling import services as scheduling_services  # the one path

    scheduling_services.sessions_schedule(
        edition=edition,
        specs=[scheduling_services.SessionSpec(starts_at=s, ends_at=e) for s, e in slots],
        actor=actor,
    )
    before = topic.stage
    topic.course, topic.edition, topic.stage = course, edition, Stage.PLANNED
    topic.save(update_fields=["course", "edition", "stage", "updated_at"])
    _decide(
        topic, actor=actor, action="edition", from_stage=before, to_stage=Stage.PLANNED,
        note=edition.code,
    )  # fmt: skip
    return edition


def askers(topic: Topic) -> dict[int, int]:
    """organisation id → people asked for, over the topic's open needs (every confidentiality:
    an invitation goes to that company alone)."""
    people: dict[int, int] = defaultdict(int)
    for org_id, count in topic.needs.filter(status=Need.Status.OPEN).values_list(
        "organisation_id", "people"
    ):
        people[org_id] += count
    return dict(people)


@transaction.atomic
def topic_invite(*, topic: Topic, actor: User) -> list[TopicInvitation]:
    """Give the companies that asked the first right: their seats are reserved in a pool
    (as far as seats are free) and their contacts are mailed a link to name people; what does
    not fit goes to the waitlist when they enrol. Companies already invited are skipped.

    A company without a contact who can log in cannot be mailed: it is invited all the same
    (its seats are held, and released at the deadline like anyone's), but each returned
    invitation says whether a mail goes out (`reachable`), the decision log names those that
    were not reached, and `sent_at` stays a record of the invitation, not of a mail (the mail
    itself is audited as `topic_invitation.mailed` with its recipients)."""
    _ensure_coordinator(actor, topic.hub_id)
    edition = topic.edition
    if edition is None or edition.status in (Edition.Status.CANCELLED, Edition.Status.COMPLETED):
        raise InvalidTopicChange(_("Plan an edition for this topic first."))
    done = set(
        TopicInvitation.objects.filter(edition=edition).values_list("organisation_id", flat=True)
    )
    release_at = timezone.now() + dt.timedelta(days=FIRST_RIGHT_DAYS)
    invitations = []
    for org_id, people in sorted(askers(topic).items()):
        if org_id in done:
            continue
        organisation = Organisation.objects.get(pk=org_id)
        free = edition.capacity - enrolment_services.seats_taken(edition)
        reserved = False
        if free > 0:
            try:
                with transaction.atomic():
                    enrolment_services.seat_pool_reserve(
                        edition=edition,
                        organisation=organisation,
                        seats=min(people, free),
                        actor=actor,
                        release_at=release_at,
                    )
                reserved = True
            except DomainError:
                reserved = False  # e.g. the company cap: the company enrols as usual
        invitation = TopicInvitation.objects.create(
            topic=topic,
            edition=edition,
            organisation=organisation,
            seats=min(people, free) if reserved else 0,
            pool_reserved=reserved,
        )
        invitation.reachable = bool(notifications.contact_addresses(organisation))
        invitations.append(invitation)
        if invitation.reachable:
            pk = invitation.pk
            transaction.on_commit(lambda pk=pk: notifications.send_topic_invitation(pk))
    if invitations:
        reached = [i.organisation.name for i in invitations if i.reachable]
        unreached = [i.organisation.name for i in invitations if not i.reachable]
        note = ", ".join(reached)
        if unreached:
            with translation.override(settings.LANGUAGE_CODE):  # the log is kept in Dutch
                missed = _("not reached (no contact with a login): %(names)s") % {
                    "names": ", ".join(unreached)
                }
            note = f"{note}; {missed}" if note else missed
        _decide(topic, actor=actor, action="invited", note=note)
    return invitations


@transaction.atomic
def topic_invitation_resend(*, invitation: TopicInvitation, actor: User) -> bool:
    """Mail a first-right invitation (again), e.g. once the company has a contact with a login.
    False (and nothing sent) when the company still has none."""
    _ensure_coordinator(actor, invitation.topic.hub_id)
    if not notifications.contact_addresses(invitation.organisation):
        return False
    pk = invitation.pk
    transaction.on_commit(lambda: notifications.send_topic_invitation(pk))
    return True


# --- surveys ----------------------------------------------------------------------------------


def survey_recipients(hub: Hub, sector: Sector | None):
    memberships = Membership.objects.filter(
        hub=hub, status=Membership.Status.MEMBER, organisation__kind=Organisation.Kind.COMPANY
    )
    if sector is not None:
        memberships = memberships.filter(sectors=sector)
    return Organisation.objects.filter(memberships__in=memberships).distinct().order_by("name")


@transaction.atomic
def survey_send(
    *,
    hub: Hub,
    actor: User,
    title: str,
    message: str,
    closes_on: dt.date,
    sector: Sector | None = None,
) -> SurveyRound:
    """A survey round to every member company of the hub (or of one sector), by mail."""
    _ensure_coordinator(actor, hub.pk)
    if sector is not None and sector.hub_id != hub.pk:
        raise DomainError(_("Choose a sector of this hub."), field="sector")
    if closes_on < timezone.localdate():
        raise DomainError(_("Choose a date in the future."), field="closes_on")
    survey = SurveyRound.objects.create(
        hub=hub, sector=sector, title=title.strip(), message=message.strip(),
        closes_on=closes_on, created_by=actor,
    )  # fmt: skip
    SurveyInvitation.objects.bulk_create(
        SurveyInvitation(survey=survey, organisation=org) for org in survey_recipients(hub, sector)
    )
    pk = survey.pk
    transaction.on_commit(lambda: notifications.send_survey(pk, reminder=False))
    return survey


@transaction.atomic
def survey_remind(*, survey: SurveyRound, actor: User) -> int:
    """Mail the companies that have not answered yet; returns how many."""
    _ensure_coordinator(actor, survey.hub_id)
    if not survey.is_open():
        raise InvalidTopicChange(_("This survey is closed."))
    waiting = survey.invitations.filter(answered_at__isnull=True)
    count = waiting.count()
    waiting.update(reminders=F("reminders") + 1, reminded_at=timezone.now())
    pk = survey.pk
    transaction.on_commit(lambda: notifications.send_survey(pk, reminder=True))
    return count


@transaction.atomic
def survey_answer(*, survey: SurveyRound, organisation: Organisation, actor: User) -> None:
    """The company says it is done (also: 'no needs this time')."""
    if not access.is_contact(actor, organisation):
        raise NotAllowed()
    survey.invitations.filter(organisation=organisation, answered_at__isnull=True).update(
        answered_at=timezone.now()
    )
