"""Portal pages of the demand area (included by portal/urls.py)."""

from django.urls import path

from technohub.portal.views import demand

company = "bedrijf/<int:organisation_id>/"
funnel = "vraag/<slug:hub_slug>/"

urlpatterns = [
    path(company + "behoeften/", demand.needs, name="demand_needs"),
    path(company + "behoeften/nieuw/", demand.need_add, name="demand_need_add"),
    path(company + "behoeften/<int:need_id>/", demand.need_edit, name="demand_need_edit"),
    path(
        company + "behoeften/<int:need_id>/intrekken/",
        demand.need_withdraw,
        name="demand_need_withdraw",
    ),
    path(
        company + "uitvragen/<int:survey_id>/klaar/",
        demand.survey_done,
        name="demand_survey_done",
    ),
    path(company + "voorrang/", demand.invitations, name="demand_invitation"),
    path(funnel, demand.funnel, name="demand_funnel"),
    path(funnel + "vraag.csv", demand.funnel_csv, name="demand_funnel_csv"),
    path(
        funnel + "onderwerpen/<int:topic_id>/gevoelig/",
        demand.topic_flag,
        name="demand_topic_flag",
    ),
]
