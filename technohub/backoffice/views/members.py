from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from technohub.backoffice import actions
from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import InviteForm, MemberAddForm, MembershipForm, add_service_error
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.hubs import membership_services, selectors
from technohub.hubs.errors import DomainError, NotFound

PAGE_SIZE = 50
SEARCH_MAX_LENGTH = 100


@hub_view
def member_list(request, hub):
    """The hub's members, searchable (GET `q`: name, city or sector; every word must match)."""
    search = " ".join(request.GET.get("q", "").split())[:SEARCH_MAX_LENGTH]
    memberships = selectors.memberships_of_hub(hub=hub, search=search)
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "page": page,
        "roles": selectors.role_holders_of_hub(hub=hub),
        "search": search,
        "search_max_length": SEARCH_MAX_LENGTH,
    }
    return render_hub_page(request, hub, "backoffice/members.html", context, section="members")


@hub_view
def member_add(request, hub):
    form = MemberAddForm(posted(request), hub=hub)
    if request.method == "POST" and form.is_valid():
        try:
            membership_services.member_add(hub=hub, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The organisation has been added."))
            return redirect("backoffice:members", hub_slug=hub.slug)
    context = {"form": form, "membership": None}
    status = 400 if form.errors else 200
    return render_hub_page(
        request, hub, "backoffice/membership_form.html", context, section="members", status=status
    )


@hub_view
def membership_edit(request, hub, membership_id: int):
    try:
        membership = selectors.access_membership(hub=hub, membership_id=membership_id)
    except NotFound as exc:
        raise Http404 from exc
    initial = {
        "status": membership.status,
        "tier": membership.tier,
        "since": membership.since,
        "sectors": list(membership.sectors.all()),
    }
    form = MembershipForm(posted(request), hub=hub, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            membership_services.membership_upsert(
                hub=hub,
                organisation=membership.organisation,
                actor=request.user,
                **form.cleaned_data,
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The membership has been saved."))
            return redirect("backoffice:members", hub_slug=hub.slug)
    context = {"form": form, "membership": membership}
    status = 400 if form.errors else 200
    return render_hub_page(
        request, hub, "backoffice/membership_form.html", context, section="members", status=status
    )


@hub_view
def person_invite(request, hub):
    # `?organisation=<id>&role=contact`: e.g. from a topic, for a company nobody could be mailed at
    wanted = request.GET.get("organisation", "")
    initial = {"organisation": int(wanted), "role": "contact"} if wanted.isdigit() else {}
    form = InviteForm(posted(request), hub=hub, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = actions.person_invite(hub=hub, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s has been invited by e-mail.") % {"name": person.full_name},
            )
            return redirect("backoffice:members", hub_slug=hub.slug)
    status = 400 if form.errors else 200
    return render_hub_page(
        request,
        hub,
        "backoffice/invite_form.html",
        {"form": form},
        section="members",
        status=status,
    )
