"""Backoffice pages of the scheduling area (included by backoffice/urls.py)."""

from django.urls import path

from technohub.backoffice.views import scheduling as views

hub = "<slug:hub_slug>/"

urlpatterns = [
    path(hub + "planning/", views.planning, name="planning"),
    path(hub + "planning/herplannen/", views.replan, name="replan"),
    path(hub + "planning/patroon/<int:edition_id>/", views.pattern, name="pattern"),
    path(hub + "planning/voorstellen/<int:proposal_id>/", views.proposal_detail, name="proposal"),
    path(
        hub + "planning/voorstellen/<int:proposal_id>/voortgang/",
        views.proposal_status,
        name="proposal_status",
    ),
    path(
        hub + "planning/voorstellen/<int:proposal_id>/opnieuw/",
        views.proposal_retry,
        name="proposal_retry",
    ),
    path(
        hub + "planning/voorstellen/<int:proposal_id>/accepteren/",
        views.proposal_accept,
        name="proposal_accept",
    ),
    path(hub + "faciliteiten/", views.facilities, name="facilities"),
    path(hub + "faciliteiten/ruimtes/<int:place_id>/", views.place_detail, name="place"),
    path(hub + "faciliteiten/apparatuur/nieuw/", views.equipment_add, name="equipment_add"),
    path(
        hub + "faciliteiten/apparatuur/<int:equipment_id>/",
        views.equipment_detail,
        name="equipment",
    ),
    path(
        hub + "faciliteiten/reserveringen/<int:booking_id>/annuleren/",
        views.booking_cancel,
        name="booking_cancel",
    ),
    path(hub + "trainers/", views.trainers, name="trainers"),
    path(hub + "trainers/<int:person_id>/", views.trainer_detail, name="trainer"),
    path(hub + "vakanties/", views.closed_periods, name="closed_periods"),
]
