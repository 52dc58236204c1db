"""Back-office pages to change an edition after creation and to publish it (included by
backoffice/urls.py, same namespace)."""

from django.urls import path

from technohub.backoffice.views import planning as views

hub = "<slug:hub_slug>/"
edition = hub + "edities/<int:edition_id>/"
session = edition + "sessies/<int:session_id>/"

urlpatterns = [
    path(edition + "sessies/", views.edition_sessions, name="edition_sessions"),
    path(edition + "sessies/nieuw/", views.session_add, name="session_add"),
    path(edition + "sessies/reeks/", views.sessions_series, name="sessions_series"),
    path(session, views.session_edit, name="session_edit"),
    path(session + "annuleren/", views.session_cancel, name="session_cancel"),
    path(edition + "bewerken/", views.edition_edit, name="edition_edit"),
    path(edition + "publiceren/", views.edition_publish, name="edition_publish"),
    path(
        hub + "planning/voorstellen/<int:proposal_id>/publiceren/",
        views.proposal_publish,
        name="proposal_publish",
    ),
]
