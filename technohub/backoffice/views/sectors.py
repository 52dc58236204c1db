"""The sectors page: each sector's start team and member organisations; add a sector, add
and remove start-team members and member organisations (removal after a confirmation page,
which works without JavaScript)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import StartTeamMemberForm, add_service_error
from technohub.backoffice.forms_sectors import SectorForm, SectorMemberForm
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.hubs import membership_services, selectors
from technohub.hubs.errors import DomainError, NotFound

# Which form a POST to the sectors page is for (the submit button's `action`).
FORMS = {"team": StartTeamMemberForm, "member": SectorMemberForm, "sector": SectorForm}
AUTO_IDS = {"team": "id_%s", "member": "member-%s", "sector": "new-sector-%s"}  # unique ids


def _add(form_name: str, form, hub, actor) -> str:
    data = form.cleaned_data
    if form_name == "team":
        membership_services.start_team_member_add(
            sector=data["sector"], person=data["person"], actor=actor
        )
        return _("The start team member has been added.")
    if form_name == "member":
        membership_services.membership_sector_add(
            membership=data["membership"], sector=data["sector"], actor=actor
        )
        return _("The organisation has been added to the sector.")
    membership_services.sector_create(hub=hub, name=data["name"], code=data["code"], actor=actor)
    return _("The sector has been added.")


@hub_view
def sector_list(request, hub):
    posted_form = request.POST.get("action", "team") if request.method == "POST" else None
    if posted_form not in (None, *FORMS):
        posted_form = "team"
    forms = {
        name: form_class(
            posted(request) if name == posted_form else None, hub=hub, auto_id=AUTO_IDS[name]
        )
        for name, form_class in FORMS.items()
    }
    if posted_form and forms[posted_form].is_valid():
        try:
            message = _add(posted_form, forms[posted_form], hub, request.user)
        except DomainError as exc:
            add_service_error(forms[posted_form], exc)
        else:
            messages.success(request, message)
            return redirect("backoffice:sectors", hub_slug=hub.slug)
    context = {
        "sectors": selectors.sectors_with_start_teams(hub=hub),
        "form": forms["team"],
        "member_form": forms["member"],
        "sector_form": forms["sector"],
        "posted_form": posted_form,
    }
    status = 400 if posted_form and forms[posted_form].errors else 200
    return render_hub_page(
        request, hub, "backoffice/sectors.html", context, section="sectors", status=status
    )


def _confirm_page(request, hub, context: dict):
    return render_hub_page(
        request, hub, "backoffice/sector_remove.html", context, section="sectors"
    )


@hub_view
def start_team_member_remove(request, hub, sector_id: int, person_id: int):
    try:
        sector = selectors.access_sector(hub=hub, sector_id=sector_id)
        person = selectors.access_start_team_member(sector=sector, person_id=person_id)
    except NotFound as exc:
        raise Http404 from exc
    if request.method == "POST":
        membership_services.start_team_member_remove(
            sector=sector, person=person, actor=request.user
        )
        messages.success(
            request,
            _("%(name)s is no longer on the start team of %(sector)s.")
            % {"name": person.full_name, "sector": sector.name},
        )
        return redirect("backoffice:sectors", hub_slug=hub.slug)
    what = _("Take %(name)s off the start team of %(sector)s?") % {
        "name": person.full_name,
        "sector": sector.name,
    }
    return _confirm_page(request, hub, {"sector": sector, "question": what})


@hub_view
def sector_member_remove(request, hub, sector_id: int, membership_id: int):
    try:
        sector = selectors.access_sector(hub=hub, sector_id=sector_id)
        membership = selectors.access_sector_membership(sector=sector, membership_id=membership_id)
    except NotFound as exc:
        raise Http404 from exc
    name = membership.organisation.name
    if request.method == "POST":
        membership_services.membership_sector_remove(
            membership=membership, sector=sector, actor=request.user
        )
        messages.success(
            request,
            _("%(name)s no longer counts for %(sector)s.") % {"name": name, "sector": sector.name},
        )
        return redirect("backoffice:sectors", hub_slug=hub.slug)
    what = _("Remove %(name)s from the sector %(sector)s?") % {"name": name, "sector": sector.name}
    return _confirm_page(request, hub, {"sector": sector, "question": what})
