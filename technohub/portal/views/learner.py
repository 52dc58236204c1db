"""The dashboard, the learner's agenda and cancelling one's own enrolment."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from technohub.enrolment.services import enrolment_cancel
from technohub.hubs import access
from technohub.hubs.errors import DomainError
from technohub.portal import selectors
from technohub.portal.views.common import portal_view

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


@require_POST
@portal_view
def enrolment_cancel_own(request, enrolment_id: int):
    enrolment = selectors.access_my_enrolment(actor=request.user, enrolment_id=enrolment_id)
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
