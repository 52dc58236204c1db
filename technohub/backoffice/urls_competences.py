"""Backoffice pages of the competences area (included by backoffice/urls.py)."""

from django.urls import path

from technohub.backoffice.views import competences as views

hub = "<slug:hub_slug>/"
course = hub + "cursussen/<int:course_id>/competenties/"
profile = hub + "rolprofielen/<int:profile_id>/"

urlpatterns = [
    path(hub + "competenties/", views.framework, name="competences"),
    path(hub + "competenties/nieuw/", views.competence_edit, name="competence_add"),
    path(hub + "competenties/importeren/", views.framework_import, name="framework_import"),
    path(hub + "competenties/<int:competence_id>/", views.competence_edit, name="competence_edit"),
    path(course, views.course_competences, name="course_competences"),
    path(course + "<int:outcome_id>/verwijderen/", views.outcome_remove, name="outcome_remove"),
    path(hub + "rolprofielen/", views.role_profiles, name="role_profiles"),
    path(profile, views.role_profile, name="role_profile"),
    path(
        profile + "eisen/<int:requirement_id>/verwijderen/",
        views.requirement_remove,
        name="requirement_remove",
    ),
    path(hub + "certificaten/", views.certificates, name="certificates"),
    path(
        hub + "certificaten/<int:certificate_id>/intrekken/",
        views.certificate_revoke,
        name="certificate_revoke",
    ),
    path(hub + "erkenning/", views.recognitions, name="recognitions"),
    path(hub + "erkenning/<int:request_id>/", views.recognition_decide, name="recognition_decide"),
]
