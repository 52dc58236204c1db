from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import StartTeamMemberForm, add_service_error
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.hubs import membership_services, selectors
from technohub.hubs.errors import DomainError


@hub_view
def sector_list(request, hub):
    form = StartTeamMemberForm(posted(request), hub=hub)
    if request.method == "POST" and form.is_valid():
        try:
            membership_services.start_team_member_add(
                sector=form.cleaned_data["sector"],
                person=form.cleaned_data["person"],
                actor=request.user,
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The start team member has been added."))
            return redirect("backoffice:sectors", hub_slug=hub.slug)
    context = {"sectors": selectors.sectors_with_start_teams(hub=hub), "form": form}
    status = 400 if form.errors else 200
    return render_hub_page(
        request, hub, "backoffice/sectors.html", context, section="sectors", status=status
    )
