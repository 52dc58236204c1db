"""Backoffice pages of the pricing area (included by backoffice/urls.py)."""

from django.urls import path

from technohub.backoffice.views import pricing

hub = "<slug:hub_slug>/"

urlpatterns = [
    path(hub + "edities/<int:edition_id>/kosten/", pricing.edition_costs, name="edition_costs"),
    path(hub + "kosten/", pricing.periods, name="cost_periods"),
    path(hub + "kosten/fondsen/nieuw/", pricing.fund_form, name="fund_create"),
    path(hub + "kosten/fondsen/<int:fund_id>/", pricing.fund_form, name="fund_edit"),
    path(
        hub + "kosten/perioden/<int:period_id>/afsluiten/",
        pricing.period_close,
        name="period_close",
    ),
    path(
        hub + "kosten/afrekeningen/<int:statement_id>/",
        pricing.statement_detail,
        name="statement_detail",
    ),
    path(hub + "kosten/bijdragen/", pricing.contribution_ledger, name="contribution_ledger"),
    path(
        hub + "kosten/bijdragen/<int:contribution_id>/bevestigen/",
        pricing.contribution_confirm,
        name="contribution_confirm",
    ),
    path(
        hub + "kosten/bijdragen/<int:contribution_id>/afwijzen/",
        pricing.contribution_reject,
        name="contribution_reject",
    ),
    path(
        hub + "kosten/afrekeningen/<int:statement_id>.pdf",
        pricing.statement_pdf,
        name="statement_pdf",
    ),
    path(
        hub + "kosten/afrekeningen/<int:statement_id>.csv",
        pricing.statement_csv,
        name="statement_csv",
    ),
]
