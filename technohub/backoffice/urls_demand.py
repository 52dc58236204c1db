"""Backoffice pages of the demand area (included by backoffice/urls.py)."""

from django.urls import path

from technohub.backoffice.views import demand

hub = "<slug:hub_slug>/vraag/"
topic = hub + "onderwerpen/<int:topic_id>/"

urlpatterns = [
    path(hub, demand.board, name="demand_board"),
    path(hub + "hergroeperen/", demand.regroup, name="demand_regroup"),
    path(topic, demand.topic_detail, name="demand_topic"),
    path(topic + "editie/", demand.topic_edition, name="demand_topic_edition"),
    path(hub + "behoeften/", demand.need_list, name="demand_needs"),
    path(hub + "behoeften.csv", demand.need_csv, name="demand_needs_csv"),
    path(hub + "import/", demand.need_import, name="demand_import"),
    path(hub + "instellingen/", demand.funnel_settings, name="demand_settings"),
    path(hub + "uitvragen/", demand.survey_list, name="demand_surveys"),
    path(hub + "uitvragen/<int:survey_id>/", demand.survey_detail, name="demand_survey"),
]
