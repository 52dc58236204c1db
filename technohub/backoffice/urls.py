from django.urls import include, path

from technohub.backoffice.views import courses, dashboard, editions, members, sectors

app_name = "backoffice"

hub = "<slug:hub_slug>/"
edition = hub + "edities/<int:edition_id>/"

urlpatterns = [
    path("", dashboard.home, name="home"),
    path(hub, dashboard.dashboard, name="dashboard"),
    path(hub + "edities/", editions.edition_list, name="editions"),
    path(edition, editions.edition_detail, name="edition_detail"),
    path(edition + "capaciteit/", editions.edition_capacity, name="edition_capacity"),
    path(edition + "status/", editions.edition_status, name="edition_status"),
    path(edition + "afronden/", editions.edition_complete, name="edition_complete"),
    path(edition + "deelnemers.csv", editions.edition_csv, name="edition_csv"),
    path(
        edition + "inschrijvingen/<int:enrolment_id>/annuleren/",
        editions.enrolment_cancel,
        name="enrolment_cancel",
    ),
    path(
        edition + "inschrijvingen/<int:enrolment_id>/goedkeuren/",
        editions.enrolment_approve,
        name="enrolment_approve",
    ),
    path(
        edition + "inschrijvingen/<int:enrolment_id>/afwijzen/",
        editions.enrolment_reject,
        name="enrolment_reject",
    ),
    path(hub + "cursussen/", courses.course_list, name="courses"),
    path(hub + "cursussen/nieuw/", courses.course_create, name="course_create"),
    path(hub + "cursussen/<int:course_id>/bewerken/", courses.course_edit, name="course_edit"),
    path(
        hub + "cursussen/<int:course_id>/editie-nieuw/",
        courses.edition_create,
        name="edition_create",
    ),
    path(hub + "leden/", members.member_list, name="members"),
    path(hub + "leden/nieuw/", members.member_add, name="member_add"),
    path(hub + "leden/uitnodigen/", members.person_invite, name="person_invite"),
    path(hub + "leden/<int:membership_id>/", members.membership_edit, name="membership_edit"),
    path(hub + "sectoren/", sectors.sector_list, name="sectors"),
    path(
        hub + "sectoren/<int:sector_id>/startteam/<int:person_id>/verwijderen/",
        sectors.start_team_member_remove,
        name="start_team_member_remove",
    ),
    path(
        hub + "sectoren/<int:sector_id>/leden/<int:membership_id>/verwijderen/",
        sectors.sector_member_remove,
        name="sector_member_remove",
    ),
]

# The pages of each domain area live in a url module of their own (same namespace).
urlpatterns += [
    path("", include(f"technohub.backoffice.urls_{area}"))
    for area in ("pricing", "demand", "scheduling", "competences", "planning")
]
