"""Writes to the catalogue: courses and editions.

Sessions are scheduled, moved and cancelled only through `scheduling.services` (the one
path, docs/sessions.md)."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from technohub.catalogue.models import Course, Edition
from technohub.catalogue.search import build_search_text
from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Hub, Person, User


def _ensure_coordinator(actor: User | None, hub_id: int) -> None:
    # actor None: a management command (seed, import), which runs with the operator's rights
    if actor is not None and not access.is_coordinator(actor, hub_id):
        raise NotAllowed()


def _unique_slug(hub: Hub, title: str) -> str:
    base = slugify(title)[:170] or "cursus"
    slug, n = base, 2
    while Course.objects.filter(hub=hub, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def course_create(*, hub: Hub, actor: User | None, **fields: Any) -> Course:
    _ensure_coordinator(actor, hub.pk)
    course = Course(hub=hub, **fields)
    course.slug = course.slug or _unique_slug(hub, course.title)
    course.search_text = build_search_text(course)
    course.full_clean()
    course.save()
    return course


def _audit_value(course: Course, name: str) -> Any:
    """A field's value as JSON for the audit trail (a relation by its id, money as text)."""
    field = Course._meta.get_field(name)
    value = getattr(course, field.attname)
    return value if value is None or isinstance(value, (str, int, bool)) else str(value)


@transaction.atomic
def course_update(*, course: Course, actor: User | None, **fields: Any) -> Course:
    """Change a course's fields; the search text (and so the search index) follows.

    Audited with the changed fields before and after, compared with the stored row.
    """
    _ensure_coordinator(actor, course.hub_id)
    stored = Course.objects.get(pk=course.pk)
    for name, value in fields.items():
        setattr(course, name, value)
    course.search_text = build_search_text(course)
    course.full_clean()
    course.save()
    changed = [n for n in fields if _audit_value(stored, n) != _audit_value(course, n)]
    log_action(
        "course.updated",
        actor=actor,
        target=course,
        before={n: _audit_value(stored, n) for n in changed},
        after={n: _audit_value(course, n) for n in changed},
    )
    return course


@transaction.atomic
def edition_create(*, course: Course, actor: User | None, **fields: Any) -> Edition:
    _ensure_coordinator(actor, course.hub_id)
    edition = Edition(course=course, hub_id=course.hub_id, **fields)
    edition.full_clean()
    edition.save()
    return edition


def _edition_value(edition: Edition, name: str) -> Any:
    value = getattr(edition, Edition._meta.get_field(name).attname)
    return value if value is None or isinstance(value, (str, int, bool)) else str(value)


EDITABLE_EDITION_FIELDS = (
    "min_participants",
    "enrolment_opens_at",
    "enrolment_closes_at",
    "cancellation_deadline",
    "location",
)


@transaction.atomic
def edition_update(*, edition: Edition, actor: User | None, **fields: Any) -> Edition:
    """Change an edition's settings (not its seats, trainer or sessions: those have their own
    services). A new location does not move the sessions: the caller reschedules them."""
    _ensure_coordinator(actor, edition.hub_id)
    unknown = set(fields) - set(EDITABLE_EDITION_FIELDS)
    if unknown:
        raise TypeError(f"edition_update cannot change {sorted(unknown)}")
    before = {name: _edition_value(edition, name) for name in fields}
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.full_clean()
    edition.save(update_fields=list(fields))
    after = {name: _edition_value(edition, name) for name in fields}
    changed = [name for name in fields if before[name] != after[name]]
    if changed:
        log_action(
            "edition.updated",
            actor=actor,
            target=edition,
            before={n: before[n] for n in changed},
            after={n: after[n] for n in changed},
        )
    return edition


@transaction.atomic
def edition_set_status(*, edition: Edition, status: str, actor: User | None) -> Edition:
    _ensure_coordinator(actor, edition.hub_id)
    edition.status = status
    edition.save(update_fields=["status"])
    return edition


@transaction.atomic
def edition_set_trainer(*, edition: Edition, trainer: Person | None, actor: User | None) -> Edition:
    _ensure_coordinator(actor, edition.hub_id)
    edition.trainer = trainer
    edition.save(update_fields=["trainer"])
    return edition


def _sync_dates(edition: Edition) -> None:
    """Keep the edition's first/last day and first/last session start equal to its sessions'.

    The public catalogue decides from these fields whether an edition is still to come; every
    write that adds, moves or cancels sessions must end here (docs/catalogue.md). Sessions are
    written only by the scheduling service (`scheduling.services.sessions`, docs/sessions.md),
    which calls this; `edition.sessions` leaves cancelled sessions out.
    """
    starts = list(edition.sessions.values_list("starts_at", flat=True))
    first, last = (min(starts), max(starts)) if starts else (None, None)
    fields = ["first_session_at", "last_session_at"]
    edition.first_session_at, edition.last_session_at = first, last
    if starts:
        edition.starts_on = timezone.localtime(first).date()
        edition.ends_on = timezone.localtime(last).date()
        fields += ["starts_on", "ends_on"]
    edition.save(update_fields=fields)
