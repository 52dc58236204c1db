"""Portal pages of the pricing area (included by portal/urls.py): seat pools, costs, statements."""

from django.urls import path

from technohub.portal.views import pools, pricing

company = "bedrijf/<int:organisation_id>/"

urlpatterns = [
    path(company + "plaatsen/", pools.pools, name="company_pools"),
    path(company + "plaatsen/<int:pool_id>/", pools.pool_detail, name="company_pool"),
    path(
        company + "plaatsen/<int:pool_id>/instellingen/",
        pools.pool_settings,
        name="company_pool_settings",
    ),
    path(
        company + "plaatsen/<int:pool_id>/vrijgeven/",
        pools.pool_release,
        name="company_pool_release",
    ),
    path(
        company + "reserveren/<int:edition_id>/",
        pools.pool_reserve,
        name="company_pool_reserve",
    ),
    path("plaatsen/<str:claim_code>/", pools.claim, name="pool_claim"),
    path(company + "kosten/", pricing.costs, name="company_costs"),
    path(company + "bijdragen/", pricing.contributions, name="company_contributions"),
    path(
        company + "afrekeningen/<int:statement_id>.pdf",
        pricing.statement_pdf,
        name="company_statement_pdf",
    ),
    path(
        company + "afrekeningen/<int:statement_id>.csv",
        pricing.statement_csv,
        name="company_statement_csv",
    ),
]
