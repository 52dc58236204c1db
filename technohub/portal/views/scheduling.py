"""Portal: a trainer states their own availability; a member company books rooms/equipment.

Members see a resource's bookings only as busy/free (`selectors.busy_periods`), never whose.
"""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technohub.hubs import access
from technohub.hubs.access import access_organisation_for_contact
from technohub.hubs.errors import DomainError
from technohub.portal import selectors as portal_selectors
from technohub.portal.views.common import portal_view, posted
from technohub.scheduling import forms, selectors, services
from technohub.scheduling.planning import monday_of
from technohub.web.forms import add_domain_error
from technohub.web.params import int_param, monday_param

LOCAL = forms.LOCAL


_add_error = add_domain_error  # the shared helper (technohub.web.forms)


@portal_view
def my_availability(request):
    person = access.person_of(request.user)
    if person is None or not access.is_trainer(request.user):
        raise Http404
    action = request.POST.get("action")
    availability = forms.AvailabilityForm(
        request.POST if action == "availability" else None,
        initial=forms.AvailabilityForm.initial_for(person),
        prefix="availability",
    )
    exception_form = forms.ExceptionForm(
        request.POST if action == "exception" else None, prefix="exception"
    )
    if action == "availability" and availability.is_valid():
        services.availability_set(person=person, slots=availability.pairs(), actor=request.user)
        messages.success(request, _("Your availability has been saved."))
        return redirect("portal:my_availability")
    if action == "exception" and exception_form.is_valid():
        services.exception_add(person=person, actor=request.user, **exception_form.cleaned_data)
        messages.success(request, _("The absence has been added."))
        return redirect("portal:my_availability")
    if action == "remove":
        item = person.unavailable.filter(pk=int_param(request, "exception", source="POST")).first()
        if item is not None:
            services.exception_remove(exception=item, actor=request.user)
            messages.success(request, _("The absence has been removed."))
        return redirect("portal:my_availability")
    status = 400 if availability.errors or exception_form.errors else 200
    return render(
        request,
        "portal/scheduling/availability.html",
        {
            "availability": availability,
            "exception_form": exception_form,
            "exceptions": selectors.trainer_exceptions(person=person),
            "rosters": selectors.rosters_of_person(person=person),
        },
        status=status,
    )


@portal_view
def bookables(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    return render(
        request,
        "portal/scheduling/bookables.html",
        {
            "organisation": organisation,
            "section": "bookings",
            "places": selectors.bookable_places(organisation=organisation),
            "equipment": selectors.bookable_equipment(organisation=organisation),
            "bookings": selectors.bookings_of_organisation(
                actor=request.user, organisation=organisation
            ).filter(ends_at__gte=timezone.now()),
        },
    )


def _days(resource, monday: dt.date) -> list[dict]:
    """Two weeks, day by day: the busy periods (times and units only)."""
    lo = dt.datetime.combine(monday, dt.time(0), tzinfo=LOCAL)
    busy = selectors.busy_periods(resource=resource, start=lo, end=lo + dt.timedelta(weeks=2))
    days = []
    for i in range(14):
        day = monday + dt.timedelta(days=i)
        start = dt.datetime.combine(day, dt.time(0), tzinfo=LOCAL)
        end = start + dt.timedelta(days=1)
        days.append(
            {"date": day, "busy": [b for b in busy if b.starts_at < end and b.ends_at > start]}
        )
    return days


@portal_view
def book(request, organisation_id: int, kind: str, resource_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    resource = selectors.access_bookable(
        organisation=organisation, kind=kind, resource_id=resource_id
    )
    people = portal_selectors.employees_of(organisation=organisation)
    form = forms.BookingForm(posted(request), resource=resource, people=people)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        target = {"place": resource} if kind == "ruimte" else {"equipment": resource}
        try:
            services.booking_create(
                actor=request.user,
                starts_at=starts_at,
                ends_at=ends_at,
                quantity=form.cleaned_data.get("quantity") or 1,
                organisation=organisation,
                person=form.cleaned_data.get("person"),
                purpose=form.cleaned_data["purpose"],
                **target,
            )
        except DomainError as exc:
            _add_error(form, exc)
        else:
            messages.success(request, _("Your booking has been made."))
            return redirect("portal:bookables", organisation_id=organisation.pk)
    monday = monday_param(request, "week", default=monday_of(timezone.localdate()))
    return render(
        request,
        "portal/scheduling/book.html",
        {
            "organisation": organisation,
            "section": "bookings",
            "resource": resource,
            "kind": kind,
            "form": form,
            "days": _days(resource, monday),
            "previous": monday - dt.timedelta(weeks=2),
            "next": monday + dt.timedelta(weeks=2),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@portal_view
def booking_cancel(request, organisation_id: int, booking_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    booking = selectors.access_own_booking(
        actor=request.user, organisation=organisation, booking_id=booking_id
    )
    services.booking_cancel(booking=booking, actor=request.user)
    messages.success(request, _("The booking has been cancelled."))
    return redirect("portal:bookables", organisation_id=organisation.pk)
