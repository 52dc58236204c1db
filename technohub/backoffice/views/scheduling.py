"""Back office: facilities, trainers' availability, closed days and the agenda builder."""

import datetime as dt
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from technohub.backoffice import queries
from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import add_service_error
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.catalogue.models import Edition, Place
from technohub.hubs.errors import DomainError, NotFound
from technohub.scheduling import calendar, explain, forms, selectors, services
from technohub.scheduling.models import Equipment, Proposal
from technohub.scheduling.planning import monday_of
from technohub.web.params import int_param, monday_param

LOCAL = forms.LOCAL


SECTIONS = {
    "facilities.html": "facilities",
    "resource.html": "facilities",
    "equipment_form.html": "facilities",
    "trainers.html": "trainers",
    "trainer.html": "trainers",
    "closed.html": "closed",
}


def _render(request, hub, template, context, *, status=None):
    if status is None:
        bound = [f for f in context.values() if getattr(f, "is_bound", False)]
        status = 400 if any(f.errors for f in bound) else 200
    section = SECTIONS.get(template, "planning")
    return render_hub_page(
        request, hub, f"backoffice/scheduling/{template}", context, section=section, status=status
    )


# --- the agenda builder ----------------------------------------------------------------------


def _next_term(hub) -> tuple[dt.date, dt.date]:
    """The waiting editions' period (from today on); without any, the ten weeks from next
    Monday."""
    today = timezone.localdate()
    waiting = selectors.waiting_term(hub=hub, today=today)
    if waiting is not None:
        return waiting
    start = monday_of(today) + dt.timedelta(weeks=1)
    return start, start + dt.timedelta(weeks=10, days=-1)


@hub_view
def planning(request, hub):
    start, end = _next_term(hub)
    form = forms.ProposalForm(posted(request), initial={"starts_on": start, "ends_on": end})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                hub=hub,
                actor=request.user,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                seconds=form.cleaned_data["seconds"],
                weights=form.weights(),
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            return redirect("backoffice:proposal", hub_slug=hub.slug, proposal_id=proposal.pk)
    return _render(request, hub, "planning.html", _planning_context(request, hub, form=form))


def _planning_context(request, hub, **forms_):
    start, end = _next_term(hub)
    form = forms_.get("form")
    if form is not None and form.is_bound:  # the closed days of the term asked for
        form.is_valid()
        asked = form.cleaned_data.get("starts_on"), form.cleaned_data.get("ends_on")
        if all(asked) and asked[0] <= asked[1]:
            start, end = asked
    forms_.setdefault(
        "replan_form",
        forms.ReplanForm(
            hub=hub,
            trainers=selectors.trainers_for_hub(hub=hub),
            initial={"starts_on": timezone.localdate(), "ends_on": end},
            prefix="replan",
        ),
    )
    return {
        "waiting": selectors.editions_without_sessions(hub=hub),
        "proposals": selectors.proposals_of_hub(hub=hub)[:10],
        "term": {"starts_on": start, "ends_on": end},
        "term_calendar": selectors.term_calendar(hub=hub, start=start, end=end),
        **forms_,
    }


@require_POST
@hub_view
def replan(request, hub):
    form = forms.ReplanForm(
        request.POST, hub=hub, trainers=selectors.trainers_for_hub(hub=hub), prefix="replan"
    )
    if form.is_valid():
        try:
            proposal = services.replan_create(hub=hub, actor=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            return redirect("backoffice:proposal", hub_slug=hub.slug, proposal_id=proposal.pk)
    start, end = _next_term(hub)
    context = _planning_context(
        request,
        hub,
        form=forms.ProposalForm(initial={"starts_on": start, "ends_on": end}),
        replan_form=form,
    )
    return _render(request, hub, "planning.html", context, status=400)


@hub_view
def pattern(request, hub, edition_id: int):
    edition = queries.edition_with_counts(hub=hub, edition_id=edition_id)  # 404: unknown, other hub
    if not selectors.editions_without_sessions(hub=hub).filter(pk=edition.pk).exists():
        # planned meanwhile (a proposal was accepted), cancelled or completed: no pattern to set
        messages.info(request, _("This edition has sessions: change them here."))
        return redirect("backoffice:edition_sessions", hub_slug=hub.slug, edition_id=edition.pk)
    edition = _waiting_edition(hub, edition_id)
    instance = getattr(edition, "planning_request", None)
    form = forms.PatternForm(posted(request), hub=hub, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.planning_request_save(
                edition=edition,
                actor=request.user,
                features=form.cleaned_data["features"],
                equipment=form.needs(),
                **form.pattern(),
            )
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The session pattern has been saved."))
            return redirect("backoffice:planning", hub_slug=hub.slug)
    wishes = selectors.preferences_of(edition=edition)
    return _render(
        request, hub, "pattern.html", {"form": form, "edition": edition, "wishes": wishes}
    )


def _waiting_edition(hub, edition_id: int) -> Edition:
    try:
        return selectors.editions_without_sessions(hub=hub).get(pk=edition_id)
    except Edition.DoesNotExist as exc:
        raise Http404 from exc


def _proposal(hub, proposal_id):
    try:
        return selectors.access_proposal(hub=hub, proposal_id=proposal_id)
    except NotFound as exc:
        raise Http404 from exc


@hub_view
def proposal_detail(request, hub, proposal_id: int):
    proposal = _proposal(hub, proposal_id)
    return _render(request, hub, "proposal.html", _proposal_context(hub, proposal))


@hub_view
def proposal_status(request, hub, proposal_id: int):
    """The progress box; polled by HTMX while the builder runs, the whole page once done."""
    proposal = _proposal(hub, proposal_id)
    response = render(
        request, "backoffice/scheduling/_proposal_status.html", {"proposal": proposal, "hub": hub}
    )
    if not proposal.busy and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@hub_view
def proposal_retry(request, hub, proposal_id: int):
    proposal = _proposal(hub, proposal_id)
    try:
        again = services.proposal_retry(proposal=proposal, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:proposal", hub_slug=hub.slug, proposal_id=proposal.pk)
    return redirect("backoffice:proposal", hub_slug=hub.slug, proposal_id=again.pk)


def _proposal_context(hub, proposal: Proposal, accept_form=None) -> dict:
    rows = list(selectors.proposed_sessions(proposal=proposal))
    editions: dict[int, Edition] = {}
    by_edition = defaultdict(list)
    for row in rows:
        editions.setdefault(row.edition_id, row.edition)
        by_edition[row.edition_id].append(row)
    open_editions = [
        editions[k] for k, items in by_edition.items() if any(r.accepted_at is None for r in items)
    ]
    if accept_form is None and open_editions:
        accept_form = forms.AcceptForm(editions=open_editions)
    return {
        "proposal": proposal,
        "calendar": _calendar(hub, proposal, rows),
        "diff": [
            (editions[k], items, proposal.replan.get("by_edition", {}).get(str(k)))
            for k, items in by_edition.items()
        ],
        "explanations": explain.describe(proposal),
        "accept_form": accept_form,
        "to_publish": [  # accepting leaves drafts: publishing is the next, separate step
            editions[k]
            for k, items in by_edition.items()
            if editions[k].status == Edition.Status.DRAFT
            and all(r.accepted_at is not None for r in items)
        ],
    }


def _calendar(hub, proposal: Proposal, rows) -> list[dict]:
    """Weeks × days of the term: proposed sessions, and days already covered."""
    start, end = monday_of(proposal.starts_on), proposal.ends_on
    existing = selectors.sessions_of_hub(
        hub=hub,
        start=dt.datetime.combine(start, dt.time(0), tzinfo=LOCAL),
        end=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tzinfo=LOCAL),
    )
    moving = {row.replaces_id for row in rows if row.replaces_id}
    days = defaultdict(lambda: {"new": [], "existing": []})
    for row in rows:
        days[row.starts_at.astimezone(LOCAL).date()]["new"].append(row)
    for session in existing:
        if session.pk not in moving:
            days[session.starts_at.astimezone(LOCAL).date()]["existing"].append(session)
    weeks, monday = [], start
    closed = calendar.closed_days(hub=hub, start=start, end=end)  # public holidays too
    while monday <= end:
        week_days = []
        for i in range(7):
            day = monday + dt.timedelta(days=i)
            cell = days.get(day, {"new": [], "existing": []})
            week_days.append({"date": day, "closed": closed.get(day, ""), **cell})
        covered = sum(1 for d in week_days if d["new"] or d["existing"])
        weeks.append(
            {
                "monday": monday,
                "days": week_days,
                "covered": covered,
                "met": covered >= hub.days_per_week_goal,
            }
        )
        monday += dt.timedelta(weeks=1)
    return weeks


@require_POST
@hub_view
def proposal_accept(request, hub, proposal_id: int):
    proposal = _proposal(hub, proposal_id)
    rows = selectors.proposed_sessions(proposal=proposal).filter(accepted_at__isnull=True)
    open_editions = list({row.edition_id: row.edition for row in rows}.values())
    form = forms.AcceptForm(request.POST, editions=open_editions)
    if form.is_valid():
        try:
            accepted, failed = services.proposal_accept(
                proposal=proposal, actor=request.user, edition_ids=form.cleaned_data["editions"]
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            if accepted:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s edition has been planned. It stays a draft until you publish it.",
                        "%(n)s editions have been planned. They stay drafts until you publish "
                        "them.",
                        len(accepted),
                    )
                    % {"n": len(accepted)},
                )
            for edition, reason in failed.items():
                messages.error(request, f"{edition}: {reason}")
            return redirect("backoffice:proposal", hub_slug=hub.slug, proposal_id=proposal.pk)
    context = _proposal_context(hub, proposal, accept_form=form)
    return _render(request, hub, "proposal.html", context, status=400)


# --- facilities ------------------------------------------------------------------------------


@hub_view
def facilities(request, hub):
    feature_form = forms.FeatureForm(posted(request), prefix="feature")
    if request.method == "POST" and feature_form.is_valid():
        services.feature_create(hub=hub, name=feature_form.cleaned_data["name"], actor=request.user)
        messages.success(request, _("The room feature has been added."))
        return redirect("backoffice:facilities", hub_slug=hub.slug)
    return _render(
        request,
        hub,
        "facilities.html",
        {
            "places": selectors.places_of_hub(hub=hub),
            "equipment": selectors.equipment_of_hub(hub=hub),
            "feature_form": feature_form,
        },
    )


def _place(hub, place_id: int) -> Place:
    try:
        return selectors.places_of_hub(hub=hub).get(pk=place_id)
    except Place.DoesNotExist as exc:
        raise Http404 from exc


def _equipment(hub, equipment_id: int) -> Equipment:
    try:
        return selectors.equipment_of_hub(hub=hub).get(pk=equipment_id)
    except Equipment.DoesNotExist as exc:
        raise Http404 from exc


def _week(request) -> dt.date:
    return monday_param(request, "week", default=monday_of(timezone.localdate()))


def _resource_page(request, hub, resource, settings_form):
    monday = _week(request)
    lo = dt.datetime.combine(monday, dt.time(0), tzinfo=LOCAL)
    hi = lo + dt.timedelta(weeks=4)
    booking_form = forms.BookingForm(
        posted(request) if request.POST.get("action") == "book" else None,
        resource=resource,
        prefix="book",
    )
    if request.POST.get("action") == "book" and booking_form.is_valid():
        starts_at, ends_at = booking_form.times()
        kwargs = {"place": resource} if isinstance(resource, Place) else {"equipment": resource}
        try:
            services.booking_create(
                actor=request.user,
                starts_at=starts_at,
                ends_at=ends_at,
                quantity=booking_form.cleaned_data.get("quantity") or 1,
                purpose=booking_form.cleaned_data["purpose"],
                **kwargs,
            )
        except DomainError as exc:
            add_service_error(booking_form, exc)
        else:
            messages.success(request, _("The booking has been made."))
            return redirect(request.path)
    return _render(
        request,
        hub,
        "resource.html",
        {
            "resource": resource,
            "is_place": isinstance(resource, Place),
            "bookings": selectors.bookings_of_resource(
                hub=hub, resource=resource, start=lo, end=hi
            ),
            "monday": monday,
            "previous": monday - dt.timedelta(weeks=4),
            "next": monday + dt.timedelta(weeks=4),
            "until": hi.date() - dt.timedelta(days=1),
            "booking_form": booking_form,
            "settings_form": settings_form,
        },
    )


@hub_view
def place_detail(request, hub, place_id: int):
    place = _place(hub, place_id)
    data = posted(request) if request.POST.get("action") == "settings" else None
    form = forms.PlaceFeaturesForm(
        data,
        hub=hub,
        initial={"features": list(place.features.all()), "bookable": place.bookable_by_members},
        prefix="settings",
    )
    if data is not None and form.is_valid():
        services.place_set_features(
            place=place,
            features=form.cleaned_data["features"],
            bookable=form.cleaned_data["bookable"],
            actor=request.user,
        )
        messages.success(request, _("The room has been saved."))
        return redirect(request.path)
    return _resource_page(request, hub, place, form)


@hub_view
def equipment_detail(request, hub, equipment_id: int):
    item = _equipment(hub, equipment_id)
    data = posted(request) if request.POST.get("action") == "settings" else None
    form = forms.EquipmentForm(data, hub=hub, instance=item, prefix="settings")
    if data is not None and form.is_valid():
        try:
            services.equipment_save(
                hub=hub, actor=request.user, equipment=item, **form.cleaned_data
            )
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The equipment has been saved."))
            return redirect(request.path)
    return _resource_page(request, hub, item, form)


@hub_view
def equipment_add(request, hub):
    form = forms.EquipmentForm(posted(request), hub=hub, instance=Equipment(hub=hub))
    if request.method == "POST" and form.is_valid():
        try:
            item = services.equipment_save(hub=hub, actor=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The equipment has been added."))
            return redirect("backoffice:equipment", hub_slug=hub.slug, equipment_id=item.pk)
    return _render(request, hub, "equipment_form.html", {"form": form})


@require_POST
@hub_view
def booking_cancel(request, hub, booking_id: int):
    booking = selectors.member_booking_of_hub(hub=hub, booking_id=booking_id)
    if booking is None:
        raise Http404
    services.booking_cancel(booking=booking, actor=request.user)
    messages.success(request, _("The booking has been cancelled."))
    resource = booking.place or booking.equipment
    if booking.place_id:
        return redirect("backoffice:place", hub_slug=hub.slug, place_id=resource.pk)
    return redirect("backoffice:equipment", hub_slug=hub.slug, equipment_id=resource.pk)


# --- trainers and closed days ----------------------------------------------------------------


@hub_view
def trainers(request, hub):
    """The hub's own roster, and adding a person to it."""
    candidates = services.roster_candidates(hub=hub).select_related("employer")
    add_form = forms.RosterAddForm(posted(request), candidates=candidates, prefix="add")
    if request.method == "POST" and add_form.is_valid():
        try:
            row = services.hub_trainer_add(
                hub=hub, person=add_form.cleaned_data["person"], actor=request.user
            )
        except DomainError as exc:
            add_service_error(add_form, exc)
        else:
            messages.success(request, _("The trainer has been added to the hub's trainers."))
            return redirect("backoffice:trainer", hub_slug=hub.slug, person_id=row.person_id)
    return _render(
        request,
        hub,
        "trainers.html",
        {"roster": selectors.roster_of_hub(hub=hub), "add_form": add_form},
    )


@hub_view
def trainer_detail(request, hub, person_id: int):
    """One trainer of the hub's roster: the hub's limits (editable), the person's weekly
    availability (read-only: theirs, edited in the portal) and absences (the coordinator may
    record a drop-out and remove only what this hub recorded). Not on the roster: 404."""
    try:
        row = selectors.access_roster_trainer(hub=hub, person_id=person_id)
    except NotFound as exc:
        raise Http404 from exc
    person = row.person
    action = request.POST.get("action")
    roster_form = forms.HubTrainerForm(
        request.POST if action == "roster" else None,
        hub=hub,
        initial=forms.HubTrainerForm.initial_for(row),
        prefix="roster",
    )
    exception_form = forms.ExceptionForm(
        request.POST if action == "exception" else None, prefix="exception"
    )
    try:
        if action == "roster" and roster_form.is_valid():
            services.hub_trainer_update(row=row, actor=request.user, **roster_form.cleaned_data)
            messages.success(request, _("The trainer has been saved."))
            return redirect(request.path)
        if action == "exception" and exception_form.is_valid():
            services.exception_add(
                person=person, actor=request.user, hub=hub, **exception_form.cleaned_data
            )
            messages.success(request, _("The absence has been added."))
            return redirect(request.path)
    except DomainError as exc:
        add_service_error(roster_form if action == "roster" else exception_form, exc)
    if action == "remove":  # only what this hub recorded; a bad id is a 400 (web layer)
        item = person.unavailable.filter(
            pk=int_param(request, "exception", source="POST"), hub=hub
        ).first()
        if item is None:
            raise Http404
        services.exception_remove(exception=item, actor=request.user, hub=hub)
        messages.success(request, _("The absence has been removed."))
        return redirect(request.path)
    return _render(
        request,
        hub,
        "trainer.html",
        {
            "row": row,
            "person": person,
            "availability": person.availability.all(),
            "roster_form": roster_form,
            "exception_form": exception_form,
            "exceptions": selectors.trainer_exceptions(person=person),
        },
    )


@hub_view
def closed_periods(request, hub):
    action = request.POST.get("action")
    form = forms.ClosedPeriodForm(posted(request) if action == "add" else None)
    settings_form = forms.PlanningSettingsForm(
        request.POST if action == "settings" else None,
        instance=calendar.settings_of(hub),
        prefix="settings",
    )
    if action == "settings" and settings_form.is_valid():
        services.planning_settings_save(hub=hub, actor=request.user, **settings_form.cleaned_data)
        messages.success(request, _("The calendar settings have been saved."))
        return redirect(request.path)
    if action == "add" and form.is_valid():
        services.closed_period_create(hub=hub, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The closed period has been added."))
        return redirect(request.path)
    if request.POST.get("action") == "remove":
        period = (
            selectors.closed_periods(hub=hub)
            .filter(pk=int_param(request, "period", source="POST"))
            .first()
        )
        if period is not None:
            services.closed_period_delete(period=period, actor=request.user)
            messages.success(request, _("The closed period has been removed."))
        return redirect(request.path)
    today = timezone.localdate()
    public = calendar.public_holidays(
        start=today,
        end=today + dt.timedelta(days=365),
        liberation_day=settings_form.instance.liberation_day,
    )
    return _render(
        request,
        hub,
        "closed.html",
        {
            "periods": selectors.closed_periods(hub=hub),
            "form": form,
            "settings_form": settings_form,
            "public_holidays": sorted(public.items()),
        },
    )
