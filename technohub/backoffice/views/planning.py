"""Back office: an edition's sessions after creation (edit, add, cancel, change the series), the
edition's own settings, and publishing as a step of its own.

Every session change goes through the one scheduling service (`scheduling.services`), which
checks the room, the trainer, the equipment and closed days in one transaction and tells the
people concerned. A refusal is a Dutch field error naming what clashes, with the nearest free
slots as buttons that fill the form in (no JavaScript needed).
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from technohub.backoffice import queries
from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import (
    LOCAL,
    CancelSessionForm,
    EditionEditForm,
    PublishForm,
    SeriesForm,
    SessionForm,
    add_service_error,
    parse_slot,
)
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.catalogue import services as catalogue_services
from technohub.catalogue.models import Edition, Session
from technohub.enrolment import publishing
from technohub.enrolment import services as enrolment_services
from technohub.hubs.errors import DomainError
from technohub.scheduling import notifications as scheduling_notifications
from technohub.scheduling import selectors as scheduling_selectors
from technohub.scheduling import services as scheduling_services

UNCHANGEABLE = (Edition.Status.COMPLETED, Edition.Status.CANCELLED)

# The scheduling service names the field a refusal is about; the forms call some differently.
FIELD_NAMES = {
    "starts_at": "start_time",
    "ends_at": "end_time",
    "time": "start_time",
    "date": "date",
    "room": "place",
    "place": "place",
    "location": "place",
    "trainer": "trainer",
    "equipment": None,
}


def show_refusal(form, exc: Exception, *, rename: dict | None = None) -> dict:
    """Put a refusal of the scheduling service on the right field of `form`.

    Returns what the template needs besides: the nearest free slots (buttons) and whether
    to offer the coordinator's override of a trainer's availability.
    """
    if not isinstance(exc, DomainError):
        add_service_error(form, exc)
        return {}
    name = FIELD_NAMES.get(exc.field, exc.field) if exc.field else None
    kinds = {clash.kind for clash in getattr(exc, "clashes", None) or []}
    if kinds == {"room"}:
        name = "place"  # only the room is taken: another room would do
    elif kinds == {"trainer"}:
        name = "trainer"
    name = (rename or {}).get(name, name)
    form.add_error(name if name in form.fields else None, str(exc.message))
    return {
        "free_slots": list(getattr(exc, "free_slots", None) or []),
        "offer_override": exc.code == "trainer_unavailable",
    }


def _edition(hub, edition_id: int) -> Edition:
    return queries.edition_with_counts(hub=hub, edition_id=edition_id)


def _session(edition: Edition, session_id: int) -> Session:
    session = (
        Session.all_objects.filter(edition=edition, pk=session_id)
        .select_related("place", "trainer")
        .first()
    )
    if session is None:
        raise Http404
    return session


def _is_cancelled(session: Session) -> bool:
    return getattr(session, "status", "") == "cancelled"


def _back(hub, edition: Edition):
    return redirect("backoffice:edition_sessions", hub_slug=hub.slug, edition_id=edition.pk)


def _refuse_unchangeable(request, hub, edition: Edition):
    """None when the edition's sessions may change; else a redirect back with the reason."""
    if edition.status in UNCHANGEABLE:
        messages.error(request, _("A completed or cancelled edition cannot be changed."))
        return _back(hub, edition)
    return None


def _render(request, hub, template, context, *, status=None):
    if status is None:
        bound = [f for f in context.values() if getattr(f, "is_bound", False)]
        status = 400 if any(f.errors for f in bound) else 200
    return render_hub_page(
        request,
        hub,
        f"backoffice/planning/{template}",
        context,
        section="editions",
        status=status,
    )


def _with_slot(
    data, slot: tuple[dt.datetime, dt.datetime], names=("date", "start_time", "end_time")
):
    """The posted form data with a free slot filled in."""
    data = data.copy()
    start, end = slot
    data[names[0]] = start.date().isoformat()
    data[names[1]] = start.strftime("%H:%M")
    data[names[2]] = end.strftime("%H:%M")
    data.pop("take_slot", None)
    return data


def _slot_taken(request):
    """The free slot whose button was pressed (None if no button, or a forged value)."""
    if request.method != "POST" or "take_slot" not in request.POST:
        return None
    return parse_slot(request.POST["take_slot"]) or False


def _local_dates(sessions):
    return [s.starts_at.astimezone(LOCAL) for s in sessions]


# --- the edition's sessions ------------------------------------------------------------------


@hub_view
def edition_sessions(request, hub, edition_id: int):
    edition = _edition(hub, edition_id)
    sessions = list(  # cancelled ones too: they stay, marked
        Session.all_objects.filter(edition=edition)
        .select_related("place", "trainer")
        .order_by("starts_at")
    )
    now = timezone.now()
    return _render(
        request,
        hub,
        "sessions.html",
        {
            "edition": edition,
            "sessions": sessions,
            "now": now,
            "remaining": [s for s in sessions if s.starts_at >= now and not _is_cancelled(s)],
            "can_change": edition.status not in UNCHANGEABLE,
            "can_publish": edition.status == Edition.Status.DRAFT
            and any(not _is_cancelled(s) for s in sessions),
        },
    )


def _session_form_page(request, hub, edition, *, session=None):
    taken = _slot_taken(request)
    data = posted(request)
    if taken:
        data = _with_slot(request.POST, taken)
    initial = SessionForm.initial_for(session) if session else {}
    form = SessionForm(data, edition=edition, initial=initial)
    extra = {}
    if taken is False:
        form.add_error(None, _("That slot could not be read; choose the time yourself."))
    elif taken:
        messages.info(request, _("The free slot has been filled in: check it and save."))
    elif request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        data = form.cleaned_data
        trainer = data["trainer"]
        if trainer is not None and trainer.pk == edition.trainer_id:
            trainer = None  # the edition's trainer teaches it
        try:
            # an empty room or trainer: the edition's (the service's own rule)
            spec = scheduling_services.SessionSpec(
                starts_at=starts_at,
                ends_at=ends_at,
                place=data["place"],
                trainer=trainer,
                topic=data["topic"],
            )
            if session is None:
                scheduling_services.sessions_schedule(
                    edition=edition,
                    specs=[spec],
                    actor=request.user,
                    override_reason=data["override_reason"],
                )
                messages.success(request, _("The session has been added."))
            else:  # session_reschedule's own path, with the topic as well
                scheduling_services.sessions_reschedule(
                    changes=[(session, spec)],
                    actor=request.user,
                    override_reason=data["override_reason"],
                )
                messages.success(
                    request, _("The session has been changed; the people concerned are told.")
                )
        except (DomainError, ValidationError) as exc:
            extra = show_refusal(form, exc)
        else:
            return _back(hub, edition)
    return _render(
        request,
        hub,
        "session_form.html",
        {
            "edition": edition,
            "session": session,
            "form": form,
            "offer_override": bool(form.data.get("override_reason")),
            **extra,
        },
    )


@hub_view
def session_add(request, hub, edition_id: int):
    edition = _edition(hub, edition_id)
    return _refuse_unchangeable(request, hub, edition) or _session_form_page(request, hub, edition)


@hub_view
def session_edit(request, hub, edition_id: int, session_id: int):
    edition = _edition(hub, edition_id)
    session = _session(edition, session_id)
    refused = _refuse_unchangeable(request, hub, edition)
    if refused:
        return refused
    if _is_cancelled(session):
        messages.error(request, _("This session has been cancelled; add a new one instead."))
        return _back(hub, edition)
    return _session_form_page(request, hub, edition, session=session)


@hub_view
def session_cancel(request, hub, edition_id: int, session_id: int):
    edition = _edition(hub, edition_id)
    session = _session(edition, session_id)
    refused = _refuse_unchangeable(request, hub, edition)
    if refused:
        return refused
    if _is_cancelled(session):
        messages.info(request, _("This session has already been cancelled."))
        return _back(hub, edition)
    form = CancelSessionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            scheduling_services.session_cancel(
                session=session, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The session has been cancelled; the people concerned are told.")
            )
            return _back(hub, edition)
    audience = scheduling_notifications.change_audience(edition=edition, sessions=[session])
    return _render(
        request,
        hub,
        "session_cancel.html",
        {"edition": edition, "session": session, "form": form, "audience": audience},
    )


# --- the whole series ------------------------------------------------------------------------


@hub_view
def sessions_series(request, hub, edition_id: int):
    """Change all remaining sessions: preview old → new first, then save (all or nothing)."""
    edition = _edition(hub, edition_id)
    refused = _refuse_unchangeable(request, hub, edition)
    if refused:
        return refused
    now = timezone.now()
    remaining = [
        s
        for s in edition.sessions.select_related("place", "trainer").order_by("starts_at")
        if s.starts_at >= now and not _is_cancelled(s)
    ]
    form = SeriesForm(posted(request), edition=edition)
    preview, extra = [], {}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = []
        for session in remaining:
            starts_at, ends_at = form.new_times(session)
            place = data["place"] or session.place  # None: the edition's location
            trainer = data["trainer"] if data["trainer"] is not None else session.trainer
            changes.append(
                (
                    session,
                    scheduling_services.SessionSpec(
                        starts_at=starts_at,
                        ends_at=ends_at,
                        place=place,
                        trainer=trainer,
                        topic=session.topic,
                    ),
                )
            )
            preview.append(
                {
                    "session": session,
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "place": place or edition.location,
                    "trainer": trainer or edition.trainer,
                }
            )
        if not changes:
            form.add_error(None, _("This edition has no sessions to come."))
        elif request.POST.get("action") == "save":
            try:
                scheduling_services.sessions_reschedule(
                    changes=changes,
                    actor=request.user,
                    override_reason=data["override_reason"],
                )
            except (DomainError, ValidationError) as exc:
                extra = show_refusal(form, exc)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s session has been changed; the people concerned are told.",
                        "%(n)s sessions have been changed; the people concerned are told.",
                        len(changes),
                    )
                    % {"n": len(changes)},
                )
                return _back(hub, edition)
    audience = scheduling_notifications.change_audience(edition=edition, sessions=remaining)
    return _render(
        request,
        hub,
        "series.html",
        {
            "edition": edition,
            "form": form,
            "remaining": remaining,
            "preview": preview,
            "audience": audience,
            "offer_override": bool(form.data.get("override_reason")),
            **extra,
        },
    )


# --- the edition's own settings --------------------------------------------------------------


@hub_view
def edition_edit(request, hub, edition_id: int):
    edition = _edition(hub, edition_id)
    refused = _refuse_unchangeable(request, hub, edition)
    if refused:
        return refused
    form = EditionEditForm(posted(request), instance=edition, seats_taken=edition.seats_taken)
    extra = {}
    if request.method == "POST" and form.is_valid():
        try:
            _edition_save(edition, form.cleaned_data, actor=request.user)
        except (DomainError, ValidationError) as exc:
            extra = show_refusal(form, exc, rename={"place": "location"})
        else:
            messages.success(request, _("The edition has been saved."))
            return redirect("backoffice:edition_detail", hub_slug=hub.slug, edition_id=edition.pk)
    return _render(
        request,
        hub,
        "edition_edit.html",
        {
            "edition": edition,
            "form": form,
            "offer_override": bool(form.data.get("override_reason")),
            **extra,
        },
    )


@transaction.atomic
def _edition_save(edition: Edition, data: dict, *, actor) -> None:
    """The edition's settings, all or nothing: a new trainer or location first moves the
    sessions still to come through the scheduling service (checked like any other move)."""
    edition = Edition.objects.select_related("course", "hub", "location", "trainer").get(
        pk=edition.pk
    )
    trainer_changed = data["trainer"] != edition.trainer
    place_changed = data["location"] != edition.location
    if trainer_changed or place_changed:
        remaining = [
            s
            for s in edition.sessions.filter(starts_at__gte=timezone.now()).order_by("starts_at")
            if not _is_cancelled(s)
        ]
        changes = [
            (
                s,
                scheduling_services.SessionSpec(
                    starts_at=s.starts_at,
                    ends_at=s.ends_at,
                    place=data["location"] if place_changed else (s.place or edition.location),
                    trainer=data["trainer"] if trainer_changed else s.trainer,
                    topic=s.topic,
                ),
            )
            for s in remaining
        ]
        if changes:
            scheduling_services.sessions_reschedule(
                changes=changes, actor=actor, override_reason=data.get("override_reason", "")
            )
        if trainer_changed:
            catalogue_services.edition_set_trainer(
                edition=edition, trainer=data["trainer"], actor=actor
            )
    if data["capacity"] != edition.capacity:
        enrolment_services.edition_set_capacity(
            edition=edition, capacity=data["capacity"], actor=actor
        )
    settings = {
        name: data[name]
        for name in (
            "min_participants",
            "enrolment_opens_at",
            "enrolment_closes_at",
            "cancellation_deadline",
            "location",
        )
    }
    catalogue_services.edition_update(edition=edition, actor=actor, **settings)


# --- publishing ------------------------------------------------------------------------------


@hub_view
def edition_publish(request, hub, edition_id: int):
    """Confirm, then publish: the page says who will be told."""
    edition = _edition(hub, edition_id)
    form = PublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            audience = publishing.edition_publish(edition=edition, actor=request.user)
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _publish_done(audience))
            return redirect("backoffice:edition_detail", hub_slug=hub.slug, edition_id=edition.pk)
    return _render(
        request,
        hub,
        "publish.html",
        {
            "edition": edition,
            "editions": [(edition, publishing.publish_audience(edition=edition))],
            "form": form,
            "publishable": edition.status == Edition.Status.DRAFT and edition.sessions.exists(),
        },
    )


def _publish_done(audience) -> str:
    return _(
        "Published. %(participants)s participants, %(trainers)s trainers and %(companies)s "
        "companies with reserved seats are being told."
    ) % {
        "participants": len(audience.participants),
        "trainers": len(audience.trainers),
        "companies": len(audience.companies),
    }


@hub_view
def proposal_publish(request, hub, proposal_id: int):
    """Publish the drafts a proposal planned, together (each on its own: one refusal does not
    hold back the others)."""
    try:
        proposal = scheduling_selectors.access_proposal(hub=hub, proposal_id=proposal_id)
    except DomainError as exc:
        raise Http404 from exc
    drafts = list(
        Edition.objects.filter(
            hub=hub,
            status=Edition.Status.DRAFT,
            pk__in=proposal.sessions.filter(accepted_at__isnull=False).values("edition_id"),
        )
        .select_related("course", "trainer")
        .order_by("code")
    )
    form = PublishForm(posted(request))
    if request.method == "POST" and form.is_valid():
        done = 0
        for edition in drafts:
            try:
                publishing.edition_publish(edition=edition, actor=request.user)
            except DomainError as exc:
                messages.error(request, f"{edition}: {exc.message}")
            else:
                done += 1
        messages.success(
            request,
            ngettext(
                "%(n)s edition has been published.", "%(n)s editions have been published.", done
            )
            % {"n": done},
        )
        return redirect("backoffice:proposal", hub_slug=hub.slug, proposal_id=proposal.pk)
    return _render(
        request,
        hub,
        "publish.html",
        {
            "proposal": proposal,
            "editions": [(e, publishing.publish_audience(edition=e)) for e in drafts],
            "form": form,
            "publishable": bool(drafts),
        },
    )
