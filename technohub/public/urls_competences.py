"""Public pages of the competences area: credential verification, shared passports."""

from django.urls import path

from technohub.public import views_competences as views

urlpatterns = [
    path("verifieer/<uuid:public_id>/", views.verify, name="verify"),
    path("uitgever/<slug:hub_slug>/", views.issuer_profile, name="issuer_profile"),
    path("uitgever/<slug:hub_slug>/jwks.json", views.issuer_jwks, name="issuer_jwks"),
    path(
        "uitgever/<slug:hub_slug>/intrekkingen/",
        views.issuer_status_list,
        name="issuer_status_list",
    ),
    path("competenties/<slug:hub_slug>/", views.framework, name="framework"),
    path("paspoort/<str:token>/", views.shared_passport, name="shared_passport"),
]
