"""The dashboard, the learner's agenda and cancelling one's own enrolment."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from technohub.enrolment.access import access_own_enrolment
from technohub.enrolment.models import Enrolment
from technohub.enrolment.selectors import next_in_line
from technohub.enrolment.services import enrolment_cancel
from technohub.hubs import access
from technohub.hubs.errors import DomainError
from technohub.portal import selectors
from technohub.portal.views.common import portal_view
from technohub.pricing.selectors import cancellation_fee

HOME_SESSIONS = 5
HOME_ENROLMENTS = 20
HOME_TAUGHT_SESSIONS = 8


@portal_view
def home(request):
    """One dashboard; its sections follow the user's roles."""
    user = request.user
    person = access.person_of(user)
    context = {
        "person": person,
        "is_coordinator": access.is_coordinator(user),
        "is_trainer": access.is_trainer(user),  # the roles are cached: no extra query
    }
    if person is not None:
        context["sessions"] = list(selectors.my_sessions(person=person)[:HOME_SESSIONS])
        context["enrolments"] = list(selectors.my_enrolments(actor=user)[:HOME_ENROLMENTS])
        context["taught_sessions"] = list(
            selectors.sessions_taught(person=person)[:HOME_TAUGHT_SESSIONS]
        )
        context["taught_editions"] = list(
            selectors.editions_taught(person=person).exclude(status="completed")[:10]
        )
    if access.is_contact(user):
        context["organisations"] = list(selectors.organisations_of_contact(actor=user))
    return render(request, "portal/home.html", context)


@portal_view
def agenda(request):
    """The learner's own sessions by date (Europe/Amsterdam); `?alles=1` includes the past."""
    person = access.person_of(request.user)
    show_all = request.GET.get("alles") == "1"
    sessions = list(selectors.my_sessions(person=person, upcoming=not show_all)) if person else []
    return render(
        request,
        "portal/agenda.html",
        {"person": person, "sessions": sessions, "show_all": show_all},
    )


@portal_view
def enrolment_cancel_own(request, enrolment_id: int):
    """GET: the confirmation step (free or the fee; who moves up); POST: cancel."""
    enrolment = access_own_enrolment(actor=request.user, enrolment_id=enrolment_id)
    if request.method != "POST":
        return render(
            request,
            "portal/enrolment_cancel.html",
            {**cancel_context(enrolment), "back": reverse("portal:home")},
        )
    try:
        enrolment_cancel(enrolment=enrolment, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your enrolment for %(course)s has been cancelled.")
            % {"course": enrolment.edition.course.title},
        )
    return redirect("portal:home")


def cancel_context(enrolment) -> dict:
    """What the cancel confirmation says: the fee (pricing's rule) and who moves up."""
    return {
        "enrolment": enrolment,
        "edition": enrolment.edition,
        "fee": cancellation_fee(enrolment=enrolment),
        "moves_up": next_in_line(edition=enrolment.edition)
        if enrolment.status == Enrolment.Status.CONFIRMED
        else None,
        "active": enrolment.status in Enrolment.ACTIVE,
    }
