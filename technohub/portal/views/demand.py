"""A company's training needs, its first-right invitations, and the members' topic funnel.

A company contact reaches only their own company's needs
(`access_organisation_for_contact`). The funnel pages read demand through
`demand.selectors.member_funnel` only (docs/funnel.md).
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from technohub.demand import selectors as demand_selectors
from technohub.demand import services
from technohub.demand.forms import FlagForm, NeedEditForm, NeedForm, SectorFilterForm
from technohub.demand.models import SurveyRound, Topic
from technohub.exports import csv_attachment
from technohub.hubs.access import access_organisation_for_contact
from technohub.hubs.errors import DomainError, NotFound
from technohub.portal.forms import add_domain_error
from technohub.portal.views.common import portal_view, posted
from technohub.web.params import int_param


def _organisation(request, organisation_id: int):
    return access_organisation_for_contact(actor=request.user, organisation_id=organisation_id)


def _render(request, template: str, organisation, **context):
    context.update({"organisation": organisation, "section": "needs"})
    return render(request, f"portal/demand/{template}", context)


def _survey(request, organisation) -> SurveyRound | None:
    """The survey round named in `?ronde=` if this company was asked in it."""
    value = int_param(request, "ronde", min=1) or int_param(request, "ronde", min=1, source="POST")
    if value is None:
        return None
    invitation = (
        demand_selectors.organisation_invitations(organisation).filter(survey_id=value).first()
    )
    return invitation.survey if invitation else None


@portal_view
def needs(request, organisation_id: int):
    organisation = _organisation(request, organisation_id)
    return _render(
        request,
        "needs.html",
        organisation,
        needs=list(demand_selectors.needs_of_organisation(organisation=organisation)),
        surveys=list(demand_selectors.open_surveys_of_organisation(organisation)),
        survey=_survey(request, organisation),
        first_right=demand_selectors.open_first_right([organisation.pk]),
    )


@portal_view
def need_add(request, organisation_id: int):
    organisation = _organisation(request, organisation_id)
    hubs = demand_selectors.hubs_of_organisation(organisation)
    if not hubs:
        raise NotFound()
    survey = _survey(request, organisation)
    form = NeedForm(posted(request), hubs=hubs)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_create(
                hub=form.cleaned_data["hub"],
                organisation=organisation,
                actor=request.user,
                survey=survey,
                **form.need_fields(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you: your need has been saved."))
            return redirect("portal:demand_needs", organisation_id=organisation.pk)
    response = _render(request, "need_form.html", organisation, form=form, survey=survey)
    response.status_code = 400 if form.errors else 200
    return response


@portal_view
def need_edit(request, organisation_id: int, need_id: int):
    organisation = _organisation(request, organisation_id)
    need = demand_selectors.access_own_need(organisation=organisation, need_id=need_id)
    form = NeedEditForm(posted(request), need=need)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(need=need, actor=request.user, **form.need_fields())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your need has been updated."))
            return redirect("portal:demand_needs", organisation_id=organisation.pk)
    response = _render(request, "need_form.html", organisation, form=form, need=need)
    response.status_code = 400 if form.errors else 200
    return response


@require_POST
@portal_view
def need_withdraw(request, organisation_id: int, need_id: int):
    organisation = _organisation(request, organisation_id)
    need = demand_selectors.access_own_need(organisation=organisation, need_id=need_id)
    services.need_withdraw(need=need, actor=request.user)
    messages.success(request, _("The need '%(text)s' has been withdrawn.") % {"text": need.text})
    return redirect("portal:demand_needs", organisation_id=organisation.pk)


@require_POST
@portal_view
def survey_done(request, organisation_id: int, survey_id: int):
    organisation = _organisation(request, organisation_id)
    invitation = (
        demand_selectors.organisation_invitations(organisation).filter(survey_id=survey_id).first()
    )
    if invitation is None:
        raise NotFound()
    services.survey_answer(survey=invitation.survey, organisation=organisation, actor=request.user)
    messages.success(request, _("Thank you for answering the survey."))
    return redirect("portal:demand_needs", organisation_id=organisation.pk)


@portal_view
def invitations(request, organisation_id: int):
    organisation = _organisation(request, organisation_id)
    rows = demand_selectors.first_right_invitations([organisation.pk])
    return _render(request, "invitations.html", organisation, invitations=list(rows))


# --- the members' funnel ----------------------------------------------------------------------


def _member_funnel(request, hub_slug: str):
    hub, viewer = demand_selectors.access_member_hub(user=request.user, slug=hub_slug)
    filters = SectorFilterForm(request.GET or None, hub=hub)
    sector = filters.cleaned_data["sector"] if filters.is_valid() else None
    rows = demand_selectors.member_funnel(viewer=viewer, hub=hub, sector=sector)
    return hub, viewer, filters, sector, rows


@portal_view
def funnel(request, hub_slug: str):
    hub, viewer, filters, sector, rows = _member_funnel(request, hub_slug)
    chart = demand_selectors.chart_data(
        rows, value="participants_low", sectors_label=_("No sector")
    )
    context = {
        "hub": hub,
        "filters": filters,
        "sector": sector,
        "rows": rows,
        "chart": chart,
        "k": services.funnel_settings_of(hub).k_anonymity,
        "in_start_team": bool(viewer.sector_ids),
        "flag_form": FlagForm(),
    }
    return render(request, "portal/demand/funnel.html", context)


# The stage a member sees (demand.selectors.MEMBER_STAGES), as the funnel page names it.
MEMBER_STAGE_LABELS = {
    "collecting": gettext_lazy("Collecting interest"),
    "provider_found": gettext_lazy("Trainer found"),
    "planned": gettext_lazy("Planned"),
    "running": gettext_lazy("Running"),
    "evaluated": gettext_lazy("Evaluated"),
}


@portal_view
def funnel_csv(request, hub_slug: str):
    """The member funnel as CSV: Dutch headers and Dutch stage labels, whatever the UI
    language (the file goes to Dutch spreadsheets and is compared byte for byte in the
    confidentiality tests)."""
    hub, _viewer, _filters, _sector, rows = _member_funnel(request, hub_slug)
    header = ["onderwerp", "sector", "fase", "andere_bedrijven_minstens", "deelnemers_van",
              "deelnemers_tot", "genoemd", "kritische_massa"]  # fmt: skip
    with translation.override("nl"):
        cells = [
            [row.label, row.sector, str(MEMBER_STAGE_LABELS[row.stage]), row.companies_at_least,
             row.participants_low, row.participants_high, ", ".join(row.named),
             "ja" if row.critical_mass else "nee"]
            for row in rows
        ]  # fmt: skip
    return csv_attachment(header, cells, filename=f"vraag-{hub.slug}.csv")


@require_POST
@portal_view
def topic_flag(request, hub_slug: str, topic_id: int):
    hub, viewer = demand_selectors.access_member_hub(user=request.user, slug=hub_slug)
    visible = {
        row.id: row
        for row in demand_selectors.member_funnel(viewer=viewer, hub=hub)
        if row.may_flag
    }
    if topic_id not in visible:
        raise NotFound()
    topic = Topic.objects.get(pk=topic_id)
    if request.POST.get("withdraw"):
        services.topic_unflag(topic=topic, actor=request.user)
        messages.success(request, _("Your flag has been withdrawn."))
    else:
        form = FlagForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        services.topic_flag(topic=topic, actor=request.user, reason=reason)
        messages.success(
            request,
            _("Thank you: '%(topic)s' is flagged as competition-sensitive.")
            % {"topic": topic.label},
        )
    return redirect("portal:demand_funnel", hub_slug=hub.slug)
