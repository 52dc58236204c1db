"""A learner's own employer: confirm or decline a company's invitation, see the history."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from technohub.hubs import access
from technohub.hubs import selectors as hub_selectors
from technohub.hubs.employment import employment_confirm, employment_decline
from technohub.hubs.errors import DomainError
from technohub.portal.views.common import portal_view


@portal_view
def my_employer(request):
    person = access.person_of(request.user)
    if person is None:
        raise Http404()
    links = list(hub_selectors.links_of_person(person=person))
    return render(
        request,
        "portal/my_employer.html",
        {
            "person": person,
            "invitations": [link for link in links if link.status == link.Status.AWAITS_PERSON],
            "requests": [link for link in links if link.status == link.Status.AWAITS_ORGANISATION],
            "history": [link for link in links if link.status not in link.PENDING],
        },
    )


@require_POST
@portal_view
def my_employer_decide(request, employment_id: int):
    link = hub_selectors.access_link_of_person(actor=request.user, employment_id=employment_id)
    decision = request.POST.get("decision")
    try:
        if decision == "confirm" and link.status == link.Status.AWAITS_PERSON:
            employment_confirm(employment=link, actor=request.user)
            messages.success(
                request,
                _("You are now linked to %(organisation)s.")
                % {"organisation": link.organisation.name},
            )
        elif decision == "decline":
            employment_decline(employment=link, actor=request.user)
            messages.success(request, _("Done: you are not linked."))
        else:
            messages.error(request, _("Choose confirm or decline."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("portal:my_employer")
